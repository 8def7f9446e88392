import { join } from "node:path";
import { exampleConfig } from "../config/example";
import { readConfigFile } from "../config/read-config-file";
import { planStacks } from "../model/stacks";
import { dataTransferClass, renderPeeringReport } from "../report/peering-report";
import { summarizeStack } from "../report/stack-summary";
import { renderTopologyDiagram } from "../report/topology-diagram";
import { validateConfig } from "../validation/validate";
import { mermaid, mermaidBlocks, type ParsedFlowchart, parseFlowchart } from "./support/mermaid";
import { synthConfig } from "./support/synth";
import { compliantConfig } from "./validation/fixture";

function reportOf(config: unknown): string {
  const { network, warnings } = validateConfig(config, { source: "test" });
  const stacks = Object.entries(synthConfig(config as never)).map(([name, stack]) =>
    summarizeStack(name, JSON.parse(stack.text)),
  );
  return renderPeeringReport({ network, warnings, stacks });
}

describe("GIVEN the example config", () => {
  const { network } = validateConfig(exampleConfig, { source: "example" });
  let report: string;
  let diagram: ParsedFlowchart;
  beforeAll(async () => {
    report = reportOf(exampleConfig);
    diagram = await parseFlowchart(renderTopologyDiagram(network));
  }, 60_000);

  it("THEN the report matches its snapshot", () => {
    expect(report).toMatchSnapshot();
  });

  it("THEN the diagram parses as a Mermaid flowchart, one subgraph per account", () => {
    expect(diagram.subgraphs).toEqual(["account_app", "account_data", "account_shared"]);
    expect(diagram.nodes.get("vpc_shared_use1")).toBe(
      "shared-use1<br>us-east-1<br>10.0.0.0/16<br>100.64.0.0/20<br>2600:1f18:aaaa:bb00::/56",
    );
  });

  it("THEN every Mermaid block of the written report parses with Mermaid's own parser", async () => {
    const blocks = mermaidBlocks(report);
    expect(blocks.length).toBeGreaterThan(0);
    for (const block of blocks)
      await expect(mermaid().parse(block)).resolves.toMatchObject({ diagramType: "flowchart-v2" });
  });

  it("THEN every peering is an edge from requester to accepter, dashed exactly when it crosses regions", () => {
    expect(diagram.edges).toEqual([
      { from: "vpc_app_use1", to: "vpc_data_euw1", label: "app-to-data", dashed: true },
      { from: "vpc_shared_use1", to: "vpc_app_use1", label: "shared-to-app", dashed: false },
      { from: "vpc_shared_use1", to: "vpc_data_euw1", label: "shared-to-data", dashed: true },
      { from: "vpc_shared_use1", to: "vpc_tools_use1", label: "shared-to-tools", dashed: false },
    ]);
  });

  it("THEN every peering has its own table with account kind, region kind, DNS, routes, ingress and cost class", () => {
    for (const peering of network.peerings) expect(report).toContain(`### ${peering.name}\n`);
    expect(report).toContain("Same account, same region; auto-accepted by the requester; not protected.");
    expect(report).toContain(
      "Cross-account, inter-region; accepted by the accepter's provider; not protected. Data transfer: inter-region: billed per GB",
    );
    expect(report).toContain("| routes | 4 in 2 route tables | 6 in 2 route tables |");
    expect(report).toContain("| DNS resolution of the peer | off | off |");
    expect(report).toContain("sg-0b1c2d3e4f5a60001 ← security group sg-0a1b2c3d4e5f60001, tcp 443");
    expect(report).toContain("sg-0a1b2c3d4e5f6aaa1 ← peer VPC (10.0.0.0/16, 100.64.0.0/20), icmp (all types)");
  });

  it("THEN each stack's resource counts are those of its synthesized JSON, with the roles it assumes", () => {
    const stacks = synthConfig(exampleConfig);
    const routes = Object.keys(stacks["peering-shared"].json.resource?.aws_route ?? {}).length;
    expect(report).toContain(`| aws_route | ${routes} |`);
    expect(report).toContain(
      "| aws.data-eu-west-1 | 333333333333 | eu-west-1 | arn:aws:iam::333333333333:role/peering-accepter |",
    );
    expect(
      planStacks(network)
        .map((s) => `### ${s.name}`)
        .filter((heading) => !report.includes(heading)),
    ).toEqual([]);
  });

  it("THEN a config without warnings says so", () => {
    expect(report).toContain("## Warnings\n\nNone.");
  });
});

describe("GIVEN a config with warnings", () => {
  const config = compliantConfig();
  delete config.accounts.far.externalId;
  config.peerings["hub-to-far"].ingress!.accepter![0].ports = 5432;

  it("THEN every warning is listed with its path, for reviewers", () => {
    const report = reportOf(config);
    expect(report).toContain("- ⚠️ `accounts.far.externalId` (cross-account-roles): ");
    expect(report).toContain(
      "- ⚠️ `peerings.hub-to-far.ingress.accepter[0].source` (ingress-sensitive-ports): a CIDR source reaches 5432 (PostgreSQL)",
    );
  });
});

describe("GIVEN the data-transfer cost classes", () => {
  it("THEN same-region peerings are free within one AZ and billed across AZs; inter-region ones are billed", () => {
    expect(dataTransferClass({ sameRegion: true })).toBe(
      "same region: free within one AZ (same AZ id), billed per GB across AZs",
    );
    expect(dataTransferClass({ sameRegion: false })).toBe("inter-region: billed per GB as inter-region data transfer");
  });
});

describe("GIVEN Mermaid's own parser", () => {
  it("THEN it rejects a diagram the report must never emit (the check is not vacuous)", async () => {
    await expect(mermaid().parse('flowchart LR\n  a["x"] -- "p" --> ')).rejects.toThrow();
    await expect(mermaid().parse('flowchart LR\n  subgraph s["x"\n  a["y"]\n  end')).rejects.toThrow();
  }, 60_000);
});

describe("GIVEN the outputs and checks of the adoption example (an external accepter that has not accepted)", () => {
  const adopt = readConfigFile(join(__dirname, "..", "config", "examples", "adopt-and-one-sided.yaml")) as Record<
    string,
    unknown
  >;

  it("THEN the report lists each peering's output and check, by stack, and what the vendor's check says", () => {
    const report = reportOf(adopt);
    expect(report).toContain("## Outputs and checks\n\nEvery peering stack writes `peerings_by_name`");
    expect(report).toContain(
      "| peering-app | partner-to-app | `peering_partner_to_app` | `check.peering_partner_to_app`: status `active` |",
    );
    expect(report).toContain(
      "| peering-shared | shared-to-vendor | `peering_shared_to_vendor` | `check.peering_shared_to_vendor`: status `active`; says it is still waiting while account 444444444444 has not accepted |",
    );
  });

  it("THEN with checks: false the report says the checks are off", () => {
    const report = reportOf({ ...adopt, checks: false });
    expect(report).toContain("Check blocks are off (`checks: false`).");
    expect(report).toContain("| peering-shared | shared-to-app | `peering_shared_to_app` | off (`checks: false`) |");
  });
});
