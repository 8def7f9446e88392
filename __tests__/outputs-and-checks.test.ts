import { join } from "node:path";
import { exampleConfig } from "../config/example";
import { readConfigFile } from "../config/read-config-file";
import type { PeeringConfig } from "../config/schema";
import { peeringIdentifier } from "../model/peering-output-names";
import { hclExpression, renderCheckBlocks } from "../output/hcl-check-blocks";
import { copyOf, type SynthesizedStack, synthConfig } from "./support/synth";

/** The outputs and check blocks of a stack's Terraform JSON. */
interface OutputsAndChecks {
  readonly output?: Record<string, { value: unknown; description: string }>;
  readonly check?: Record<string, { data: unknown; assert: Array<{ condition: string; error_message: string }> }>;
}
const outputsOf = (stack: SynthesizedStack) => (stack.json as unknown as OutputsAndChecks).output ?? {};
const checksOf = (stack: SynthesizedStack) => (stack.json as unknown as OutputsAndChecks).check;

const adoptExample = readConfigFile(
  join(__dirname, "..", "config", "examples", "adopt-and-one-sided.yaml"),
) as PeeringConfig;

describe("GIVEN the example config, whose peering names hold dashes", () => {
  const shared = synthConfig(exampleConfig)["peering-shared"];

  it("THEN each peering gets an output peering_<name with _ for ->: connection id, acceptance status, both VPC ids, accepter region", () => {
    expect(outputsOf(shared).peering_shared_to_data).toEqual({
      description:
        "VPC peering shared-to-data: connection id, accept status, requester and accepter VPC ids, accepter region",
      value: {
        connection_id: "${aws_vpc_peering_connection.shared-to-data_connection.id}",
        accept_status: "${aws_vpc_peering_connection_accepter.shared-to-data_accepter.accept_status}",
        requester_vpc_id: "vpc-0a1b2c3d4e5f67890",
        accepter_vpc_id: "vpc-0c1d2e3f4a5b67890",
        accepter_region: "eu-west-1",
      },
    });
  });

  it("THEN a same-account, same-region peering reports the status of its auto-accepted connection", () => {
    expect(outputsOf(shared).peering_shared_to_tools.value).toMatchObject({
      connection_id: "${aws_vpc_peering_connection.shared-to-tools_connection.id}",
      accept_status: "${aws_vpc_peering_connection.shared-to-tools_connection.accept_status}",
    });
  });

  it("THEN peerings_by_name holds the same values, keyed by the peering names as written", () => {
    const outputs = outputsOf(shared);
    expect(Object.keys(outputs)).toEqual([
      "peering_shared_to_app",
      "peering_shared_to_data",
      "peering_shared_to_tools",
      "peerings_by_name",
    ]);
    expect(outputs.peerings_by_name.value).toEqual({
      "shared-to-app": outputs.peering_shared_to_app.value,
      "shared-to-data": outputs.peering_shared_to_data.value,
      "shared-to-tools": outputs.peering_shared_to_tools.value,
    });
  });

  it("THEN each peering gets a check block whose scoped data source reads the managed connection through its provider", () => {
    expect(Object.keys(checksOf(shared) ?? {})).toEqual([
      "peering_shared_to_app",
      "peering_shared_to_data",
      "peering_shared_to_tools",
    ]);
    expect(checksOf(shared)?.peering_shared_to_data).toEqual({
      data: {
        aws_vpc_peering_connection: {
          peering_shared_to_data: {
            provider: "aws.shared-us-east-1",
            id: "${aws_vpc_peering_connection.shared-to-data_connection.id}",
          },
        },
      },
      assert: [
        {
          condition: '${data.aws_vpc_peering_connection.peering_shared_to_data.status == "active"}',
          error_message:
            "VPC peering shared-to-data (${data.aws_vpc_peering_connection.peering_shared_to_data.id}) is ${data.aws_vpc_peering_connection.peering_shared_to_data.status}, not active: it was deleted, rejected or changed outside Terraform, and no traffic flows through it; terraform plan shows what Terraform would recreate.",
        },
      ],
    });
  });

  it("THEN an account that requests nothing still writes peerings_by_name, empty, and no check", () => {
    const config = copyOf(exampleConfig) as unknown as { peerings: Record<string, unknown> };
    delete config.peerings["app-to-data"];
    const app = synthConfig(config as PeeringConfig)["peering-app"];
    expect(outputsOf(app)).toEqual({
      peerings_by_name: {
        description:
          "Every VPC peering of this stack by peering name: connection id, accept status, VPC ids, accepter region",
        value: {},
      },
    });
    expect(checksOf(app)).toBeUndefined();
  });
});

describe("GIVEN checks: false", () => {
  const stacks = synthConfig({ ...exampleConfig, checks: false });

  it("THEN no stack has a check block, and the outputs stay", () => {
    expect(Object.values(stacks).map(checksOf)).toEqual([undefined, undefined, undefined, undefined]);
    expect(Object.keys(outputsOf(stacks["peering-shared"]))).toContain("peerings_by_name");
  });
});

describe("GIVEN the adoption example: an external accepter (the vendor) and an external requester (the partner)", () => {
  const stacks = synthConfig(adoptExample);

  it("THEN the vendor peering's check says it is still waiting for acceptance, and fails on anything but active or waiting", () => {
    const data = "data.aws_vpc_peering_connection.peering_shared_to_vendor";
    expect(checksOf(stacks["peering-shared"])?.peering_shared_to_vendor.assert).toEqual([
      {
        condition: `\${${data}.status != "pending-acceptance"}`,
        error_message: `VPC peering shared-to-vendor (\${${data}.id}) is still waiting for acceptance: account 444444444444 must accept it in us-east-1 for VPC vpc-0d1e2f3a4b5c67890; no traffic flows until then. Once accepted, add existing: { peeringConnectionId } to the peering (README: Peering with VPCs you do not control).`,
      },
      {
        condition: `\${${data}.status == "active" || ${data}.status == "pending-acceptance"}`,
        error_message: `VPC peering shared-to-vendor (\${${data}.id}) is \${${data}.status}, not active: it was deleted, rejected or changed outside Terraform, and no traffic flows through it; terraform plan shows what Terraform would recreate.`,
      },
    ]);
  });

  it("THEN the vendor peering's output reports the connection's own status (pending-acceptance until they accept)", () => {
    expect(outputsOf(stacks["peering-shared"]).peering_shared_to_vendor.value).toMatchObject({
      connection_id: "${aws_vpc_peering_connection.shared-to-vendor_connection.id}",
      accept_status: "${aws_vpc_peering_connection.shared-to-vendor_connection.accept_status}",
    });
  });

  it("THEN the partner peering (accepted in the app stack) reports and checks the accepter resource, through the app account's provider", () => {
    const app = stacks["peering-app"];
    expect(outputsOf(app).peering_partner_to_app.value).toEqual({
      connection_id: "${aws_vpc_peering_connection_accepter.partner-to-app_accepter.id}",
      accept_status: "${aws_vpc_peering_connection_accepter.partner-to-app_accepter.accept_status}",
      requester_vpc_id: "vpc-0e1f2a3b4c5d67890",
      accepter_vpc_id: "vpc-0b1c2d3e4f5a67890",
      accepter_region: "us-east-1",
    });
    expect(checksOf(app)?.peering_partner_to_app.data).toEqual({
      aws_vpc_peering_connection: {
        peering_partner_to_app: {
          provider: "aws.app-us-east-1",
          id: "${aws_vpc_peering_connection_accepter.partner-to-app_accepter.id}",
        },
      },
    });
  });
});

describe("GIVEN output and check names derived from peering names", () => {
  it("THEN dashes become underscores behind a peering_ prefix, so jq and other languages read them as one name", () => {
    expect(peeringIdentifier("shared-to-app")).toBe("peering_shared_to_app");
    expect(peeringIdentifier("a1-b-2")).toBe("peering_a1_b_2");
  });

  it("THEN a name that is not a peering name (one that could collide once sanitized) is refused, naming the peering", () => {
    expect(() => peeringIdentifier("shared_to_app")).toThrow(
      "peerings.shared_to_app: cannot derive a Terraform output name: peering names are lowercase letters, digits and dashes, starting with a letter",
    );
  });
});

describe("GIVEN a check block written as HCL (npm run synth:hcl)", () => {
  it("THEN conditions are bare expressions, messages quoted templates, and the provider a bare reference", () => {
    expect(
      renderCheckBlocks({
        peering_p: {
          data: { aws_vpc_peering_connection: { peering_p: { provider: "aws.a-us-east-1", id: "${aws_x.p.id}" } } },
          assert: [
            {
              condition: '${data.aws_vpc_peering_connection.peering_p.status == "active"}',
              error_message: 'p "q" ${data.x.status}',
            },
          ],
        },
      }),
    ).toBe(
      [
        "",
        "",
        'check "peering_p" {',
        '  data "aws_vpc_peering_connection" "peering_p" {',
        "    provider = aws.a-us-east-1",
        "    id = aws_x.p.id",
        "  }",
        "  assert {",
        '    condition     = data.aws_vpc_peering_connection.peering_p.status == "active"',
        '    error_message = "p \\"q\\" ${data.x.status}"',
        "  }",
        "}",
        "",
      ].join("\n"),
    );
  });

  it("THEN escaped config text ($${) stays escaped", () => {
    expect(hclExpression("tag $${x}")).toBe('"tag $${x}"');
    // literal() of config text with a quote and a backslash inside what looks like an interpolation
    expect(hclExpression('a $${"\\} b %%{"}')).toBe('"a $${\\"\\\\} b %%{\\"}"');
  });
});
