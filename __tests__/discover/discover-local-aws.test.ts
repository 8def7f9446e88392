import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DeleteRouteCommand, EC2Client } from "@aws-sdk/client-ec2";
import { parse, stringify } from "yaml";
import { runDiscover } from "../../discover/run-discover";
import { planPolicy, TERRAFORM_READ_ACTIONS } from "../../iam/deployer-policy";
import type { Network } from "../../model/network";
import { ESTATE, ESTATE_ACCOUNTS, estateAccountsConfig, handMadeEstate } from "../../rehearsal/hand-made-estate";
import { adminAccessKey, BASE_ACCESS_KEY } from "../../rehearsal/seed";
import { type LocalAws, startLocalAws } from "../../rehearsal/server";
import { validateConfig } from "../../validation/validate";

/**
 * npm run discover against the local AWS (rehearsal/): an estate of three
 * accounts with hand-made peerings, read through each account's plan role
 * (the read-only policy of npm run iam, nothing more). The Terraform half
 * (plan shows imports only, apply, re-plan clean) is in npm run rehearse:test.
 */
let aws: LocalAws;
let dir: string;

// Each test reads three accounts (four account-regions) once or more: about 0.5 s each alone, more under a full run.
jest.setTimeout(60_000);

beforeEach(async () => {
  aws = await startLocalAws(handMadeEstate());
  dir = mkdtempSync(join(tmpdir(), "discover-"));
  writeFileSync(join(dir, "accounts.yaml"), stringify(estateAccountsConfig()));
});

afterEach(async () => {
  await aws.close();
  rmSync(dir, { recursive: true, force: true });
});

const access = () => ({
  endpoint: aws.url,
  credentials: { accessKeyId: BASE_ACCESS_KEY, secretAccessKey: "x" },
  maxAttempts: 1,
});

const discover = (extra: Partial<Parameters<typeof runDiscover>[0]> = {}) =>
  runDiscover({
    accounts: ["shared", "app", "data"],
    regions: ["us-east-1"],
    configFile: join(dir, "accounts.yaml"),
    out: join(dir, "discovered.yaml"),
    access: access(),
    ...extra,
  });

describe("discover against a hand-made estate", () => {
  it("writes a config that validates and adopts every active peering with its ids, routes, rules and DNS", async () => {
    // GIVEN the estate, WHEN discover reads the three accounts
    const result = await discover();
    const text = readFileSync(join(dir, "discovered.yaml"), "utf8");
    // THEN the file validates
    const config = parse(text);
    const { network } = validateConfig(config, { source: "discovered.yaml" });
    expect(network.peerings.map((p) => [p.name, p.existingConnectionId, p.protect])).toEqual([
      ["app-to-data", ESTATE.pcx.appToData, true],
      ["partner-reports", ESTATE.pcx.partnerToApp, true],
      ["shared-to-app", ESTATE.pcx.sharedToApp, true],
      ["vendor-saas", ESTATE.pcx.sharedToVendor, true],
    ]);
    // VPC names from Name tags; secondary CIDR after the primary; IPv6; the peer outside --accounts is external
    expect(config.vpcs["shared-services"]).toEqual({
      account: "shared",
      region: "us-east-1",
      vpcId: ESTATE.vpc.shared,
      cidrBlocks: ["10.0.0.0/16", "100.64.0.0/20"],
      ipv6CidrBlocks: ["2600:1f18:aaaa:bb00::/56"],
      routeTableIds: [ESTATE.rtb.sharedMain, ESTATE.rtb.sharedPrivate],
    });
    expect(config.vpcs[ESTATE.vpc.vendor]).toEqual({
      external: {
        accountId: "444444444444",
        region: "us-east-1",
        vpcId: ESTATE.vpc.vendor,
        cidrBlocks: ["10.50.0.0/16"],
      },
    });
    // the cross-region peer's region (eu-west-1) was read although only us-east-1 was asked for
    expect(config.vpcs.data.region).toBe("eu-west-1");
    expect(config.peerings["shared-to-app"]).toEqual({
      requester: "shared-services",
      accepter: "app",
      dnsResolution: true,
      routes: {
        requester: {
          routeTableIds: [ESTATE.rtb.sharedMain, ESTATE.rtb.sharedPrivate],
          destinations: ["10.1.0.0/16", "2600:1f18:cccc:dd00::/56"],
        },
        accepter: {
          routeTableIds: [ESTATE.rtb.appMain],
          destinations: ["10.0.0.0/16", "100.64.0.0/20", "2600:1f18:aaaa:bb00::/56"],
        },
      },
      ingress: {
        requester: [
          {
            securityGroupId: ESTATE.sg.sharedWeb,
            source: { cidr: "10.1.0.0/16" },
            protocol: "tcp",
            ports: [8080, 8090],
            description: "Callbacks from the app",
            existingRuleIds: { "10.1.0.0/16": ESTATE.sgr.sharedFromApp },
          },
        ],
        accepter: [
          {
            securityGroupId: ESTATE.sg.appApi,
            source: { cidr: "2600:1f18:aaaa:bb00::/56" },
            protocol: "tcp",
            ports: 443,
            description: "HTTPS from shared services over IPv6",
            existingRuleIds: { "2600:1f18:aaaa:bb00::/56": ESTATE.sgr.appFromSharedV6 },
          },
          {
            securityGroupId: ESTATE.sg.appApi,
            source: { securityGroupId: ESTATE.sg.sharedWeb },
            protocol: "tcp",
            ports: 443,
            description: "HTTPS from shared services",
            existingRuleIds: { [ESTATE.sg.sharedWeb]: ESTATE.sgr.appFromSharedSg },
          },
        ],
      },
      tags: { CostCentre: "platform" },
      existing: { peeringConnectionId: ESTATE.pcx.sharedToApp },
      protect: true,
    });
    expect(config.peerings["app-to-data"].dnsResolution).toBe(false);
    // an active peering an external account requested: adopted on our side (the accepter's) only
    expect(config.peerings["partner-reports"]).toEqual({
      requester: ESTATE.vpc.partner,
      accepter: "app",
      dnsResolution: true,
      routes: { accepter: { routeTableIds: [ESTATE.rtb.appMain], destinations: ["10.60.0.0/16"] } },
      ingress: {
        accepter: [
          {
            securityGroupId: ESTATE.sg.appApi,
            source: { cidr: "10.60.0.0/16" },
            protocol: "tcp",
            ports: 443,
            description: "HTTPS from the partner reports",
            existingRuleIds: { "10.60.0.0/16": ESTATE.sgr.appFromPartner },
          },
        ],
      },
      existing: { peeringConnectionId: ESTATE.pcx.partnerToApp },
      protect: true,
    });
    expect(config.vpcs[ESTATE.vpc.partner]).toEqual({
      external: {
        accountId: "555555555555",
        region: "eu-west-1",
        vpcId: ESTATE.vpc.partner,
        cidrBlocks: ["10.60.0.0/16"],
      },
    });
    // the pending peering is a comment with its state, never an entry
    expect(text).toContain(`#   ${ESTATE.pcx.toolsToApp}: pending-acceptance`);
    expect(JSON.stringify(config)).not.toContain(ESTATE.pcx.toolsToApp);
    expect(result.discovered.inactive).toHaveLength(1);
    // the sandbox VPC (no peering) is listed as a comment
    expect(text).toMatch(/# {3}vpc-0a00000000000000c \(shared, us-east-1, Name "sandbox"\)/);
  });

  it("writes the same bytes when run again on an unchanged estate", async () => {
    await discover();
    const first = readFileSync(join(dir, "discovered.yaml"));
    await discover({ out: join(dir, "again.yaml") });
    expect(readFileSync(join(dir, "again.yaml")).equals(first)).toBe(true);
  });

  it("makes exactly the Describe calls of the read-only plan policy, all through the plan roles, none denied", async () => {
    await discover();
    const ec2Calls = aws.world.calls.filter((c) => c.service === "ec2");
    expect(ec2Calls.filter((c) => c.decision !== "allow")).toEqual([]);
    expect(new Set(ec2Calls.map((c) => c.role))).toEqual(
      new Set(Object.values(ESTATE_ACCOUNTS).map((id) => `arn:aws:iam::${id}:role/peering-plan`)),
    );
    const called = [...new Set(ec2Calls.map((c) => c.action))].sort();
    const granted = planPolicy({ backend: { type: "local" } } as Network)
      .Statement.flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]))
      .filter((a) => a.startsWith("ec2:"))
      .sort();
    expect(called).toEqual(granted);
    expect(granted).toEqual(expect.arrayContaining([...TERRAFORM_READ_ACTIONS]));
  });

  it("names the action and the role when the plan role lacks a Describe permission, and writes nothing", async () => {
    // GIVEN the app account's plan role without ec2:DescribeSecurityGroupRules
    const role = aws.world.roles.find((r) => r.arn === "arn:aws:iam::222222222222:role/peering-plan");
    const doc = role?.inlinePolicies["vpc-peering-plan"] as unknown as {
      Statement: Array<{ Action: string | string[] }>;
    };
    for (const s of doc.Statement)
      s.Action = (Array.isArray(s.Action) ? s.Action : [s.Action]).filter(
        (a) => a !== "ec2:DescribeSecurityGroupRules",
      );
    // WHEN discover runs, THEN it fails with one line naming both, and no file is written
    await expect(discover()).rejects.toThrow(
      /^ec2:DescribeSecurityGroupRules was denied for arn:aws:iam::222222222222:role\/peering-plan \(account 222222222222 in us-east-1\): UnauthorizedOperation\./,
    );
    expect(() => readFileSync(join(dir, "discovered.yaml"))).toThrow(/ENOENT/);
  });

  it("names the role when the caller may not assume it (wrong external id), and writes nothing", async () => {
    // GIVEN the data account's external id is wrong in the config
    const accounts = estateAccountsConfig() as { accounts: Record<string, { externalId: string }> };
    accounts.accounts.data.externalId = "not-the-one";
    writeFileSync(join(dir, "accounts.yaml"), stringify(accounts));
    // WHEN discover runs, THEN one line names the role and the fix
    await expect(discover()).rejects.toThrow(
      "the caller may not assume arn:aws:iam::333333333333:role/peering-plan (account 333333333333): AccessDenied. Its trust policy must admit the caller, with the account's externalId when it has one (npm run iam writes it as <account>.plan-trust.json)",
    );
    expect(() => readFileSync(join(dir, "discovered.yaml"))).toThrow(/ENOENT/);
  });

  it("with --check reports exactly a route deleted by hand, and nothing when the config matches", async () => {
    await discover();
    const configFile = join(dir, "discovered.yaml");
    const clean = await discover({ configFile, check: true });
    expect(clean.differences).toEqual([]);
    // WHEN someone deletes a route of shared-to-app by hand
    const admin = (account: string) =>
      new EC2Client({
        region: "us-east-1",
        endpoint: aws.url,
        maxAttempts: 1,
        credentials: { accessKeyId: adminAccessKey(account), secretAccessKey: "x" },
      });
    await admin(ESTATE_ACCOUNTS.shared).send(
      new DeleteRouteCommand({ RouteTableId: ESTATE.rtb.sharedPrivate, DestinationCidrBlock: "10.1.0.0/16" }),
    );
    const before = readFileSync(configFile);
    const drift = await discover({ configFile, check: true });
    // THEN --check names that route, and writes nothing
    expect(drift.differences).toEqual([
      `- peerings.shared-to-app: route requester ${ESTATE.rtb.sharedPrivate} -> 10.1.0.0/16`,
    ]);
    expect(drift.written).toBeUndefined();
    expect(readFileSync(configFile).equals(before)).toBe(true);
  });

  it("merges into an existing config: its entries, names and comments stay as they are, the new ones are added", async () => {
    // GIVEN a config that already adopts shared-to-app under a name of its own, with a comment
    await discover();
    const full = parse(readFileSync(join(dir, "discovered.yaml"), "utf8"));
    const mine = {
      ...full,
      vpcs: { hub: full.vpcs["shared-services"], app: full.vpcs.app },
      peerings: { "hub-link": { ...full.peerings["shared-to-app"], requester: "hub" } },
    };
    const configFile = join(dir, "mine.yaml");
    const text = `# our network\n${stringify(mine)}`;
    writeFileSync(configFile, text);
    // WHEN discover merges into it
    const result = await discover({ configFile, out: join(dir, "merged.yaml") });
    const merged = readFileSync(join(dir, "merged.yaml"), "utf8");
    // THEN the existing text is kept as it was, the other peerings (and their VPCs) come after it
    expect(merged.startsWith("# our network\n")).toBe(true);
    const config = parse(merged);
    expect(config.peerings["hub-link"]).toEqual(mine.peerings["hub-link"]);
    expect(Object.keys(config.peerings)).toEqual(["hub-link", "app-to-data", "partner-reports", "vendor-saas"]);
    expect(config.peerings["vendor-saas"].requester).toBe("hub");
    expect(Object.keys(config.vpcs)).toEqual(["hub", "app", "data", ESTATE.vpc.vendor, ESTATE.vpc.partner]);
    expect(result.differences).toEqual([
      `+ peerings.app-to-data: ${ESTATE.pcx.appToData} (${ESTATE.vpc.app} -> ${ESTATE.vpc.data}) is active in AWS, not in the config`,
      `+ peerings.partner-reports: ${ESTATE.pcx.partnerToApp} (${ESTATE.vpc.partner} -> ${ESTATE.vpc.app}) is active in AWS, not in the config`,
      `+ peerings.vendor-saas: ${ESTATE.pcx.sharedToVendor} (${ESTATE.vpc.shared} -> ${ESTATE.vpc.vendor}) is active in AWS, not in the config`,
    ]);
    expect(() => validateConfig(config, { source: "merged.yaml" })).not.toThrow();
  });
  it("matches a peering the template created (no connection id in the config) by its two VPCs: kept, no drift", async () => {
    // GIVEN a config whose shared-to-app has no existing id and no rule ids, as the template writes it
    await discover();
    const full = parse(readFileSync(join(dir, "discovered.yaml"), "utf8"));
    const { existing: _, ...created } = full.peerings["shared-to-app"];
    for (const rules of Object.values(created.ingress) as Array<Array<Record<string, unknown>>>)
      for (const rule of rules) delete rule.existingRuleIds;
    const mine = { ...full, peerings: { ...full.peerings, "shared-to-app": created } };
    const configFile = join(dir, "created.yaml");
    writeFileSync(configFile, stringify(mine));
    // WHEN discover merges into it, and checks it
    const merged = await discover({ configFile, out: join(dir, "merged.yaml") });
    const check = await discover({ configFile, check: true });
    // THEN the config's entry is kept as it is, nothing is added for that connection, and --check sees no drift
    const config = parse(readFileSync(join(dir, "merged.yaml"), "utf8"));
    expect(Object.keys(config.peerings)).toEqual(["app-to-data", "partner-reports", "shared-to-app", "vendor-saas"]);
    expect(config.peerings["shared-to-app"]).toEqual(created);
    expect(merged.differences).toEqual([]);
    expect(check.differences).toEqual([]);
  });
  it("assumes an account's plan role once when it reads that account's regions in parallel", async () => {
    // GIVEN one account read in two regions at once
    await discover({ accounts: ["shared"], regions: ["eu-west-1", "us-east-1"] });
    // THEN the base credentials asked STS for the shared account's plan role exactly once
    const assumed = aws.world.calls.filter(
      (c) => c.action === "sts:AssumeRole" && c.resource === `arn:aws:iam::${ESTATE_ACCOUNTS.shared}:role/peering-plan`,
    );
    expect(assumed).toHaveLength(1);
  });
});
