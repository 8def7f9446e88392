import { join } from "node:path";
import { VpcPeeringConnectionAccepterA } from "@cdktf/provider-aws/lib/vpc-peering-connection-accepter";
import { readConfigFile } from "../config/read-config-file";
import type { PeeringConfig } from "../config/schema";
import { accountsInUse } from "../iam/account-documents";
import { validateConfig } from "../validation/validate";
import { resourcesOf, synthConfig } from "./support/synth";
import { compliantConfig, findingsOf, type MutableConfig } from "./validation/fixture";

const example = readConfigFile(
  join(__dirname, "..", "config", "examples", "adopt-and-one-sided.yaml"),
) as PeeringConfig;
const stacks = synthConfig(example);
const shared = stacks["peering-shared"];
const app = stacks["peering-app"];

/** The import blocks of a stack, as `address <- id`. */
function importsOf(stack: typeof shared): string[] {
  const blocks =
    (stack.json as unknown as { import?: Array<{ to: string; id: string; provider: string }> }).import ?? [];
  return blocks.map((b) => `${b.to} <- ${b.id} (${b.provider})`).sort();
}

describe("GIVEN a peering made by hand and adopted with existing.peeringConnectionId", () => {
  it("THEN every resource the config describes for it is imported, with the id the AWS provider documents for its type", () => {
    expect(importsOf(shared)).toEqual([
      "aws_route.shared-to-app_routes_accepter_rtb-0b1c2d3e4f5a60001_10-0-0-0_16 <- rtb-0b1c2d3e4f5a60001_10.0.0.0/16 (aws.app-us-east-1)",
      "aws_route.shared-to-app_routes_requester_rtb-0a1b2c3d4e5f60001_10-1-0-0_16 <- rtb-0a1b2c3d4e5f60001_10.1.0.0/16 (aws.shared-us-east-1)",
      "aws_vpc_peering_connection.shared-to-app_connection <- pcx-0a1b2c3d4e5f60001 (aws.shared-us-east-1)",
      "aws_vpc_peering_connection_accepter.shared-to-app_accepter <- pcx-0a1b2c3d4e5f60001 (aws.app-us-east-1)",
      "aws_vpc_peering_connection_options.shared-to-app_dns_accepter <- pcx-0a1b2c3d4e5f60001 (aws.app-us-east-1)",
      "aws_vpc_peering_connection_options.shared-to-app_dns_requester <- pcx-0a1b2c3d4e5f60001 (aws.shared-us-east-1)",
      "aws_vpc_security_group_ingress_rule.shared-to-app_ingress_accepter_sg-0b1c2d3e4f5a60001_tcp-443_from_10-0-0-0_16 <- sgr-0b1c2d3e4f5a60001 (aws.app-us-east-1)",
    ]);
  });

  it("THEN it is protected by default: prevent_destroy on the connection and the accepter", () => {
    expect(resourcesOf(shared, "aws_vpc_peering_connection")["shared-to-app_connection"].lifecycle).toEqual({
      prevent_destroy: true,
    });
    expect(resourcesOf(shared, "aws_vpc_peering_connection_accepter")["shared-to-app_accepter"].lifecycle).toEqual({
      prevent_destroy: true,
      ignore_changes: ["auto_accept"],
    });
  });

  it("THEN a peering that is neither adopted nor protected can be destroyed", () => {
    expect(resourcesOf(shared, "aws_vpc_peering_connection")["shared-to-vendor_connection"]).not.toHaveProperty(
      "lifecycle",
    );
  });

  it("THEN an ingress rule without its sgr- id is refused, saying where to find it", () => {
    const config = structuredClone(example) as unknown as MutableConfig;
    delete (config.peerings["shared-to-app"].ingress!.accepter![0] as { existingRuleIds?: unknown }).existingRuleIds;
    expect(findingsOf(config)).toContainEqual(
      expect.objectContaining({
        severity: "error",
        path: "peerings.shared-to-app.ingress.accepter[0].existingRuleIds",
        message: expect.stringContaining(
          'needs the sgr- id AWS gave it: existingRuleIds: { "10.0.0.0/16": "sgr-..." } (aws ec2 describe-security-group-rules --filters Name=group-id,Values=sg-0b1c2d3e4f5a60001)',
        ),
      }),
    );
  });

  it("THEN sgr- ids on a peering that is not adopted are refused", () => {
    const config = compliantConfig();
    (config.peerings["hub-to-far"].ingress!.accepter![0] as { existingRuleIds?: unknown }).existingRuleIds = {
      "10.0.0.0/16": "sgr-00000001",
    };
    expect(findingsOf(config)).toContainEqual(
      expect.objectContaining({
        severity: "error",
        path: "peerings.hub-to-far.ingress.accepter[0].existingRuleIds",
        message: expect.stringContaining("is not adopted, so Terraform creates this rule"),
      }),
    );
  });
});

describe("GIVEN a renamed peering (previousName)", () => {
  const moved = (shared.json as unknown as { moved: Array<{ from: string; to: string }> }).moved;

  it("THEN every resource moves from its old address to its new one, instead of being replaced", () => {
    const addresses = Object.entries(shared.json.resource ?? {}).flatMap(([type, byName]) =>
      Object.keys(byName)
        .filter((name) => name.startsWith("tools-to-app_"))
        .map((name) => `${type}.${name}`),
    );
    expect(moved.map((m) => m.to).sort()).toEqual(addresses.sort());
    for (const { from, to } of moved) expect(from).toBe(to.replace(".tools-to-app_", ".tools-app_"));
  });

  it("THEN a previousName that is still in use is refused", () => {
    const config = compliantConfig();
    config.peerings["hub-to-far"].previousName = "hub-to-spoke";
    expect(findingsOf(config)).toContainEqual(
      expect.objectContaining({
        severity: "error",
        path: "peerings.hub-to-far.previousName",
        message: expect.stringContaining("peerings.hub-to-spoke still exists"),
      }),
    );
  });
});

describe("GIVEN a peering with an external accepter (a vendor accepts on its side)", () => {
  it("THEN only the connection and our side are made: no accepter, no routes or rules on their side", () => {
    expect(resourcesOf(shared, "aws_vpc_peering_connection")["shared-to-vendor_connection"]).toEqual({
      provider: "aws.shared-us-east-1",
      vpc_id: "vpc-0a1b2c3d4e5f67890",
      peer_vpc_id: "vpc-0d1e2f3a4b5c67890",
      peer_owner_id: "444444444444",
      tags: { Name: "shared-to-vendor", Side: "Requester" },
    });
    expect(Object.keys(resourcesOf(shared, "aws_vpc_peering_connection_accepter"))).not.toContain(
      "shared-to-vendor_accepter",
    );
    const routes = Object.keys(resourcesOf(shared, "aws_route")).filter((n) => n.startsWith("shared-to-vendor_"));
    expect(routes).toEqual(["shared-to-vendor_routes_requester_rtb-0a1b2c3d4e5f60001_10-50-0-0_16"]);
  });

  it("THEN no provider is made for the external account", () => {
    for (const stack of [shared, app])
      expect(JSON.stringify(stack.json.provider)).not.toMatch(/444444444444|555555555555/);
  });

  it("THEN DNS options wait for acceptance: left out, with a warning, unless the peering is adopted", () => {
    const config = structuredClone(example) as unknown as MutableConfig;
    config.peerings["shared-to-vendor"].dnsResolution = true;
    const { warnings } = validateConfig(config, { source: "test" });
    expect(warnings).toContainEqual(expect.objectContaining({ path: "peerings.shared-to-vendor.dnsResolution" }));
    const options = resourcesOf(
      synthConfig(config as unknown as PeeringConfig)["peering-shared"],
      "aws_vpc_peering_connection_options",
    );
    expect(Object.keys(options).filter((n) => n.startsWith("shared-to-vendor"))).toEqual([]);
  });

  it("THEN toggling the accepter between ours and external keeps the connection's address and arguments", () => {
    const managed = compliantConfig();
    const external = compliantConfig();
    external.vpcs.far = {
      external: { accountId: "333333333333", region: "eu-west-1", vpcId: "vpc-00000003", cidrBlocks: ["10.2.0.0/16"] },
    } as never;
    delete external.peerings["hub-to-far"].ingress;
    const connectionOf = (config: MutableConfig) =>
      resourcesOf(synthConfig(config as unknown as PeeringConfig)["peering-hub"], "aws_vpc_peering_connection")[
        "hub-to-far_connection"
      ];
    expect(connectionOf(external)).toEqual(connectionOf(managed));
  });

  it("THEN rules or routes for the external side are refused", () => {
    const config = structuredClone(example) as unknown as MutableConfig;
    config.peerings["shared-to-vendor"].ingress = {
      accepter: [
        {
          securityGroupId: "sg-0d1e2f3a4b5c60001",
          source: { peerVpc: true },
          protocol: "tcp",
          ports: 443,
          description: "x",
        },
      ],
    };
    config.peerings["shared-to-vendor"].routes = { accepter: { routeTableIds: ["rtb-0d1e2f3a4b5c60001"] } };
    const paths = findingsOf(config).map((f) => f.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        "peerings.shared-to-vendor.ingress.accepter",
        "peerings.shared-to-vendor.routes.accepter",
      ]),
    );
  });

  it("THEN overlap checks still apply to the external VPC", () => {
    const config = structuredClone(example) as unknown as MutableConfig;
    (config.vpcs["vendor-saas"] as unknown as { external: { cidrBlocks: string[] } }).external.cidrBlocks = [
      "10.0.128.0/17",
    ];
    expect(findingsOf(config)).toContainEqual(
      expect.objectContaining({
        path: "peerings.shared-to-vendor",
        message: expect.stringContaining("overlaps 10.0.0.0/16"),
      }),
    );
  });
});

describe("GIVEN a peering with an external requester (a partner requests, we accept)", () => {
  it("THEN the accepting account's stack accepts the given connection id, with our routes and options only", () => {
    expect(app.text).toHaveResourceWithProperties(VpcPeeringConnectionAccepterA, {
      provider: "aws.app-us-east-1",
      vpc_peering_connection_id: "pcx-0f1e2d3c4b5a60001",
      auto_accept: true,
    });
    expect(resourcesOf(app, "aws_vpc_peering_connection")).toEqual({});
    expect(Object.keys(resourcesOf(app, "aws_route"))).toEqual([
      "partner-to-app_routes_accepter_rtb-0b1c2d3e4f5a60001_10-60-0-0_16",
    ]);
    expect(Object.keys(resourcesOf(app, "aws_vpc_peering_connection_options"))).toEqual([
      "partner-to-app_dns_accepter",
    ]);
  });

  it("THEN the incoming connection id is required", () => {
    const config = structuredClone(example) as unknown as MutableConfig;
    delete (config.peerings["partner-to-app"] as { peeringConnectionId?: string }).peeringConnectionId;
    expect(findingsOf(config)).toContainEqual(
      expect.objectContaining({
        severity: "error",
        path: "peerings.partner-to-app.peeringConnectionId",
        message: expect.stringContaining("give its pcx- id"),
      }),
    );
  });

  it("THEN once it is active it is adopted with existing instead: our accepter, DNS options and routes are imported, protected", () => {
    // GIVEN the partner's connection, accepted before this config (by hand, or discovered)
    const config = structuredClone(example) as unknown as MutableConfig;
    const partner = config.peerings["partner-to-app"] as { peeringConnectionId?: string; existing?: object };
    delete partner.peeringConnectionId;
    partner.existing = { peeringConnectionId: "pcx-0f1e2d3c4b5a60001" };
    // WHEN it is synthesized
    const stack = synthConfig(config as unknown as PeeringConfig)["peering-app"];
    // THEN only our side is imported, each with the id the AWS provider documents for its type
    expect(importsOf(stack).filter((line) => line.includes("partner-to-app"))).toEqual([
      "aws_route.partner-to-app_routes_accepter_rtb-0b1c2d3e4f5a60001_10-60-0-0_16 <- rtb-0b1c2d3e4f5a60001_10.60.0.0/16 (aws.app-us-east-1)",
      "aws_vpc_peering_connection_accepter.partner-to-app_accepter <- pcx-0f1e2d3c4b5a60001 (aws.app-us-east-1)",
      "aws_vpc_peering_connection_options.partner-to-app_dns_accepter <- pcx-0f1e2d3c4b5a60001 (aws.app-us-east-1)",
    ]);
    expect(resourcesOf(stack, "aws_vpc_peering_connection_accepter")["partner-to-app_accepter"]).toMatchObject({
      vpc_peering_connection_id: "pcx-0f1e2d3c4b5a60001",
      lifecycle: { prevent_destroy: true, ignore_changes: ["auto_accept"] },
    });
    expect(resourcesOf(stack, "aws_vpc_peering_connection")).toEqual({});
  });

  it("THEN giving its connection both as peeringConnectionId and as existing is refused, naming which is which", () => {
    const config = structuredClone(example) as unknown as MutableConfig;
    (config.peerings["partner-to-app"] as { existing?: object }).existing = {
      peeringConnectionId: "pcx-0f1e2d3c4b5a60001",
    };
    expect(findingsOf(config)).toContainEqual(
      expect.objectContaining({
        severity: "error",
        path: "peerings.partner-to-app.existing",
        message: expect.stringContaining("give the external requester's connection once"),
      }),
    );
  });

  it("THEN a peering between two external VPCs is refused", () => {
    const config = structuredClone(example) as unknown as MutableConfig;
    config.peerings["partner-to-app"].accepter = "vendor-saas";
    expect(findingsOf(config)).toContainEqual(
      expect.objectContaining({
        path: "peerings.partner-to-app",
        message: expect.stringContaining("both partner-euw1 and vendor-saas are external"),
      }),
    );
  });

  it("THEN external accounts get no IAM documents", () => {
    const { network } = validateConfig(example, { source: "test" });
    expect(accountsInUse(network).map((a) => a.name)).toEqual(["app", "shared"]);
  });
});
