import { readdirSync } from "node:fs";
import { basename, join } from "node:path";
import type { Finding } from "../../core/finding";
import { renderPeeringReport } from "../../report/peering-report";
import {
  CONFIG_RULES,
  NETWORK_RULES,
  PLAN_MODE_RULES,
  REFERENCE_RULES,
  unmatchedAcknowledgements,
} from "../../validation/rules";
import { checkConfig, validateConfig } from "../../validation/validate";
import { rejection } from "../support/rejection";
import { compliantConfig, type MutableConfig, spokeRule } from "../validation/fixture";

/** A hub that routes a /16 to one peer and a /20 inside it to another: longest-prefix routing, as the VPC Peering Guide describes. */
function longestPrefixConfig(): MutableConfig & { acknowledge?: unknown[] } {
  const config = compliantConfig();
  config.vpcs.far2 = {
    account: "far",
    region: "eu-west-1",
    vpcId: "vpc-00000004",
    cidrBlocks: ["10.2.0.0/20"],
    routeTableIds: ["rtb-00000004"],
  };
  config.peerings["hub-to-far2"] = { requester: "hub", accepter: "far2" };
  // far keeps 10.2.0.0/16 but routes from the hub only reach its addresses outside far2's /20.
  return config;
}

const NESTED = { rule: "nested-route-destinations", path: "peerings.hub-to-far2.routes.requester" };
const REASON = "hub reaches far2 by the more specific route, as the VPC Peering Guide describes";

describe("GIVEN the validation rules", () => {
  const rulesDir = join(__dirname, "..", "..", "validation", "rules");
  const files = readdirSync(rulesDir)
    .filter((f) => f.endsWith(".ts") && f !== "index.ts")
    .map((f) => basename(f, ".ts"));
  const registered = [
    ...REFERENCE_RULES,
    ...CONFIG_RULES,
    ...NETWORK_RULES,
    ...PLAN_MODE_RULES,
    unmatchedAcknowledgements,
  ];

  it("THEN every rule's id is its file name, and every rule file is registered once", () => {
    expect(registered.map((r) => r.id).sort()).toEqual([...files].sort());
  });

  it("THEN every finding of a config that breaks many rules carries the id of a rule file (or schema)", () => {
    const config = longestPrefixConfig() as MutableConfig & { acknowledge?: unknown[] };
    config.vpcs.spoke.cidrBlocks = ["10.0.128.0/17"];
    config.vpcs.lonely = { account: "hub", region: "us-east-1", vpcId: "vpc-00000009", cidrBlocks: ["10.9.0.0/16"] };
    spokeRule(config).description = "x";
    spokeRule(config).protocol = "all";
    delete config.accounts.far.externalId;
    config.vpcs.far.region = "eu-west1";
    config.acknowledge = [{ rule: "no-such-rule", path: "vpcs.hub", reason: "a reason of several words" }];
    const findings = checkConfig(config).findings;
    expect(findings.length).toBeGreaterThan(5);
    for (const finding of findings) expect([...files, "schema"]).toContain(finding.rule);
  });
});

describe("GIVEN a hub that reaches two peers by longest-prefix routes", () => {
  it("THEN the warning explains longest-prefix routing instead of calling it a mistake", () => {
    const nested = checkConfig(longestPrefixConfig()).findings.filter((f) => f.rule === NESTED.rule);
    expect(nested).toEqual([
      {
        severity: "warning",
        rule: NESTED.rule,
        path: NESTED.path,
        message:
          '10.2.0.0/20 lies inside 10.2.0.0/16 (peerings.hub-to-far.routes.requester) in rtb-00000001: longest-prefix routing sends 10.2.0.0/20 to peerings.hub-to-far2 and only the rest of 10.2.0.0/16 to peerings.hub-to-far (AWS VPC Peering Guide, "One VPC that accesses two VPCs using longest prefix matches"). If that is the design, acknowledge this warning; if not, route only the ranges each peer uses',
      },
    ]);
  });

  it("WHEN strict mode is on and nothing is acknowledged THEN the warning blocks", () => {
    const error = rejection(() => validateConfig({ ...longestPrefixConfig(), strict: true }, { source: "fixture" }));
    expect(error.findings.map((f) => `${f.rule} ${f.path}`)).toEqual([`${NESTED.rule} ${NESTED.path}`]);
  });

  it("WHEN strict mode is on and the warning is acknowledged with a reason THEN it validates, the warning marked with the reason", () => {
    const { warnings } = validateConfig(
      { ...longestPrefixConfig(), strict: true, acknowledge: [{ ...NESTED, reason: REASON }] },
      { source: "fixture" },
    );
    expect(warnings).toEqual([expect.objectContaining({ ...NESTED, severity: "warning", acknowledged: REASON })]);
  });

  it("WHEN an acknowledgement has no reason, or one word THEN the schema refuses it, naming the field", () => {
    const noReason = checkConfig({ ...longestPrefixConfig(), acknowledge: [{ ...NESTED }] }).findings;
    expect(noReason).toContainEqual(
      expect.objectContaining({ severity: "error", path: "acknowledge[0].reason", rule: "schema" }),
    );
    const oneWord = checkConfig({ ...longestPrefixConfig(), acknowledge: [{ ...NESTED, reason: "ok" }] }).findings;
    expect(oneWord).toContainEqual(
      expect.objectContaining({
        severity: "error",
        path: "acknowledge[0].reason",
        message: expect.stringContaining("reason says why this warning is accepted"),
      }),
    );
  });

  it("WHEN an acknowledgement matches no warning THEN it is an error naming the acknowledgement", () => {
    const findings = checkConfig({ ...compliantConfig(), acknowledge: [{ ...NESTED, reason: REASON }] }).findings;
    expect(findings).toEqual([
      {
        severity: "error",
        rule: "unmatched-acknowledgements",
        path: "acknowledge[0]",
        message: `no ${NESTED.rule} warning at ${NESTED.path}: it was fixed or moved; remove this acknowledgement, or copy the rule and path printed with the warning`,
      },
    ]);
  });

  it("WHEN an acknowledgement names an error THEN it is refused", () => {
    const config = compliantConfig();
    spokeRule(config).description = "Managed by Terraform";
    const path = "peerings.hub-to-spoke.ingress.accepter[0].description";
    const findings = checkConfig({
      ...config,
      acknowledge: [{ rule: "ingress-description", path, reason: REASON }],
    }).findings;
    expect(findings.filter((f) => f.rule === "unmatched-acknowledgements")).toEqual([
      expect.objectContaining({
        severity: "error",
        path: "acknowledge[0]",
        message: expect.stringContaining("errors cannot be acknowledged"),
      }),
    ]);
  });

  it("THEN the peering report lists the acknowledged warning, marked as such, with its reason", () => {
    const { network, warnings } = validateConfig(
      { ...longestPrefixConfig(), acknowledge: [{ ...NESTED, reason: REASON }] },
      { source: "fixture" },
    );
    const report = renderPeeringReport({ network, warnings, stacks: [] });
    expect(report).toContain(`- ✅ acknowledged: \`${NESTED.path}\` (${NESTED.rule}): 10.2.0.0/20 lies inside`);
    expect(report).toContain(`Reason: ${REASON}`);
  });
});

describe("GIVEN weak or missing things the rules used to let through", () => {
  const warningsOf = (config: unknown): Finding[] =>
    checkConfig(config).findings.filter((f) => f.severity === "warning");

  it('WHEN a description is "x" THEN a warning says it is not meaningful', () => {
    const config = compliantConfig();
    spokeRule(config).description = "x";
    expect(warningsOf(config)).toEqual([
      {
        severity: "warning",
        rule: "ingress-description",
        path: "peerings.hub-to-spoke.ingress.accepter[0].description",
        message:
          '"x" says little to the next reader; say what the rule lets in and from where, e.g. "HTTPS from shared services"',
      },
    ]);
  });

  it("WHEN a VPC takes part in no peering THEN a warning names it", () => {
    const config = compliantConfig();
    config.vpcs.lonely = { account: "hub", region: "us-east-1", vpcId: "vpc-00000009", cidrBlocks: ["10.9.0.0/16"] };
    expect(warningsOf(config)).toEqual([
      {
        severity: "warning",
        rule: "unused-vpcs",
        path: "vpcs.lonely",
        message:
          "no peering uses VPC lonely, so nothing is synthesized for it; add the peering it is for, or remove it",
      },
    ]);
  });
});
