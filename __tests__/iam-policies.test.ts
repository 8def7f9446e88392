import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve, sep } from "node:path";
import fc from "fast-check";
import { exampleConfig } from "../config/example";
import { manyPeeringsConfig } from "../config/examples/many-peerings";
import type { PeeringConfig } from "../config/schema";
import { accountDocumentFiles, accountDocuments } from "../iam/account-documents";
import { DISCOVER_READ_ACTIONS, TERRAFORM_READ_ACTIONS, ZONE_ASSOCIATION_READ_ACTIONS } from "../iam/deployer-policy";
import type { PolicyDocument, PolicyStatement } from "../iam/policy-document";
import { type Network, SIDES, vpcOf } from "../model/network";
import { OUTPUT_RECORD } from "../output/output-record";
import { roleNameAndPath } from "../stacks/bootstrap-stack";
import { validateConfig } from "../validation/validate";
import { resourcesOf, synthConfig } from "./support/synth";
import { snapshotTree } from "./support/synth-process";
import { compliantConfig } from "./validation/fixture";

const asList = (value: string | readonly string[] | undefined): string[] =>
  value === undefined ? [] : typeof value === "string" ? [value] : [...value];
const resourcesIn = (doc: PolicyDocument) => doc.Statement.flatMap((s) => asList(s.Resource));
const withIam = (config: object): PeeringConfig =>
  ({ ...config, iam: { deployerRoleArn: "arn:aws:iam::999999999999:role/deployer" } }) as PeeringConfig;

/** Checks the shape of a policy document the way IAM reads it. */
function expectWellFormed(doc: PolicyDocument): void {
  expect(doc.Version).toBe("2012-10-17");
  expect(Array.isArray(doc.Statement)).toBe(true);
  const sids = doc.Statement.map((s) => s.Sid);
  expect(new Set(sids).size).toBe(sids.length);
  for (const statement of doc.Statement) {
    expect(
      Object.keys(statement).filter(
        (k) => !["Sid", "Effect", "Principal", "Action", "Resource", "Condition"].includes(k),
      ),
    ).toEqual([]);
    expect(statement.Sid).toMatch(/^[A-Za-z0-9]+$/);
    expect(statement.Effect).toBe("Allow");
    expect(asList(statement.Action).length).toBeGreaterThan(0);
    if (statement.Resource !== undefined) expect(asList(statement.Resource).length).toBeGreaterThan(0);
  }
}

/** The least-privilege properties every deploy policy must have. */
function expectLeastPrivilege(network: Network): void {
  for (const { account, policy, planPolicy } of accountDocuments(network)) {
    expectWellFormed(policy);
    expectWellFormed(planPolicy);
    // On "*": the reads Terraform makes (Describe calls, Route 53 zone associations); the plan role also those of npm run discover.
    const onStar = (readOnly: boolean): readonly string[] =>
      readOnly
        ? [...TERRAFORM_READ_ACTIONS, ...ZONE_ASSOCIATION_READ_ACTIONS, ...DISCOVER_READ_ACTIONS]
        : [...TERRAFORM_READ_ACTIONS, ...ZONE_ASSOCIATION_READ_ACTIONS];
    for (const [statements, readOnly] of [
      [policy.Statement, false],
      [planPolicy.Statement, true],
    ] as const) {
      for (const statement of statements as PolicyStatement[]) {
        for (const action of asList(statement.Action)) {
          expect(action).not.toBe("*");
          expect(action).not.toMatch(/:\*$/);
        }
        if (asList(statement.Resource).includes("*")) {
          expect(asList(statement.Action).filter((a) => !onStar(readOnly).includes(a))).toEqual([]);
        }
      }
    }
    // Route 53 is global: a zone ARN names no account; it must be a zone this account authorizes or associates
    const shares = network.peerings.flatMap((p) => p.zoneShares);
    const ownZones = new Set(
      shares
        .filter((s) => (s.crossAccount && s.owner.account.name === account.name) || s.vpc.account.name === account.name)
        .map((s) => `arn:aws:route53:::hostedzone/${s.zone.zoneId}`),
    );
    for (const arn of [...resourcesIn(policy), ...resourcesIn(planPolicy)].filter((r) => r.includes(":route53:"))) {
      if (arn.endsWith(":change/*")) continue;
      expect(ownZones).toContain(arn);
    }
    for (const arn of resourcesIn(policy).filter((r) => r !== "*" && !r.includes(":route53:"))) {
      // every ARN names this account, or (peerings it accepts) the requester that owns the connection
      expect(arn).toMatch(/^arn:aws(-cn|-us-gov)?:ec2:[a-z0-9-]+:\d{12}:/);
      if (!arn.includes(":vpc-peering-connection/")) expect(arn.split(":")[4]).toBe(account.accountId);
    }
  }
  // every route table and security group appears in its own account's policy, and in no other
  const documents = accountDocuments(network);
  for (const peering of network.peerings) {
    for (const side of SIDES) {
      const vpc = vpcOf(peering, side);
      const ids = [
        ...peering.routes[side].map((r) => `route-table/${r.routeTableId}`),
        ...peering.ingress[side].map((r) => `security-group/${r.securityGroupId}`),
      ];
      for (const id of ids) {
        const holders = documents.filter((d) => resourcesIn(d.policy).some((arn) => arn.endsWith(`:${id}`)));
        expect(holders.map((d) => d.account.name)).toEqual([vpc.account.name]);
      }
    }
  }
}

describe("GIVEN the example config", () => {
  const { network } = validateConfig(exampleConfig, { source: "example" });
  const files = accountDocumentFiles(network);

  it("THEN each account's documents match their snapshot", () => {
    expect(files).toMatchSnapshot();
  });

  it("THEN every policy is least-privilege: no wildcard action, writes only on named resources, tables and groups in the right account only", () => {
    expectLeastPrivilege(network);
  });

  it("THEN the requester may create peerings only from its VPCs to the configured accepter VPCs", () => {
    const policy = JSON.parse(files["app.policy.json"]) as PolicyDocument;
    expect(policy.Statement.find((s) => s.Sid === "CreatePeeringToConfiguredAccepters")).toEqual({
      Sid: "CreatePeeringToConfiguredAccepters",
      Effect: "Allow",
      Action: "ec2:CreateVpcPeeringConnection",
      Resource: ["arn:aws:ec2:us-east-1:222222222222:vpc-peering-connection/*"],
      Condition: { ArnEquals: { "ec2:AccepterVpc": ["arn:aws:ec2:eu-west-1:333333333333:vpc/vpc-0c1d2e3f4a5b67890"] } },
    });
  });

  it("THEN an accepter-only account may accept from the configured requesters and never delete", () => {
    const policy = JSON.parse(files["data.policy.json"]) as PolicyDocument;
    const actions = policy.Statement.flatMap((s) => asList(s.Action));
    expect(actions).not.toContain("ec2:DeleteVpcPeeringConnection");
    expect(actions).not.toContain("ec2:CreateVpcPeeringConnection");
    expect(policy.Statement.find((s) => s.Sid === "AcceptPeeringFromConfiguredRequesters")?.Condition).toEqual({
      ArnEquals: {
        "ec2:RequesterVpc": [
          "arn:aws:ec2:us-east-1:111111111111:vpc/vpc-0a1b2c3d4e5f67890",
          "arn:aws:ec2:us-east-1:222222222222:vpc/vpc-0b1c2d3e4f5a67890",
        ],
      },
    });
    expect(asList(policy.Statement.find((s) => s.Sid === "AcceptPeeringFromConfiguredRequesters")?.Resource)).toEqual([
      "arn:aws:ec2:eu-west-1:111111111111:vpc-peering-connection/*",
      "arn:aws:ec2:eu-west-1:222222222222:vpc-peering-connection/*",
      "arn:aws:ec2:eu-west-1:333333333333:vpc-peering-connection/*",
    ]);
  });

  it("THEN trust policies name only the deployer and CI roles, never a root or *, with the external id exactly when the account sets one", () => {
    for (const { account, trust, planTrust } of accountDocuments(network)) {
      for (const doc of [trust, planTrust].filter((d): d is PolicyDocument => d !== undefined)) {
        expectWellFormed(doc);
        const [statement] = doc.Statement;
        expect(statement.Action).toBe("sts:AssumeRole");
        for (const principal of asList(statement.Principal?.AWS)) {
          expect(principal).toMatch(/^arn:aws:iam::\d{12}:role\//);
          expect(principal).not.toMatch(/:root$/);
        }
        expect(statement.Condition?.StringEquals?.["sts:ExternalId"]).toBe(account.externalId);
      }
    }
    expect(JSON.parse(files["app.plan-trust.json"]).Statement[0].Principal).toEqual({
      AWS: ["arn:aws:iam::111111111111:role/github-actions-plan", "arn:aws:iam::111111111111:role/platform-deployer"],
    });
    for (const account of ["shared", "app", "data"]) {
      expect(JSON.parse(files[`${account}.trust.json`]).Statement[0].Principal).toEqual({
        AWS: [
          "arn:aws:iam::111111111111:role/github-actions-deploy",
          "arn:aws:iam::111111111111:role/platform-deployer",
        ],
      });
    }
  });

  it("THEN the CI roles trust only GitHub's OIDC provider, for sts.amazonaws.com and the exact subject of pull requests or of the production environment", () => {
    const condition = (kind: string) => ({
      StringEquals: {
        "token.actions.githubusercontent.com:aud": "sts.amazonaws.com",
        "token.actions.githubusercontent.com:sub":
          kind === "plan" ? "repo:acme/network:pull_request" : "repo:acme/network:environment:production",
      },
    });
    for (const kind of ["plan", "deploy"]) {
      const trust = JSON.parse(files[`ci/${kind}.trust.json`]) as PolicyDocument;
      expectWellFormed(trust);
      expect(trust.Statement).toEqual([
        expect.objectContaining({
          Principal: { Federated: "arn:aws:iam::111111111111:oidc-provider/token.actions.githubusercontent.com" },
          Action: "sts:AssumeRoleWithWebIdentity",
          Condition: condition(kind),
        }),
      ]);
    }
    expect(JSON.parse(files["ci/plan.policy.json"]).Statement).toEqual([
      {
        Sid: "AssumeAccountPlanRoles",
        Effect: "Allow",
        Action: "sts:AssumeRole",
        Resource: [
          "arn:aws:iam::111111111111:role/peering-plan",
          "arn:aws:iam::222222222222:role/peering-plan",
          "arn:aws:iam::333333333333:role/peering-plan",
        ],
      },
    ]);
  });

  it("THEN without iam.github no CI trust is written, and without a CI role nothing of it", () => {
    const { github: _github, ...withoutGithub } = exampleConfig.iam;
    const noGithub = accountDocumentFiles(
      validateConfig({ ...exampleConfig, iam: withoutGithub }, { source: "test" }).network,
    );
    expect(
      Object.keys(noGithub)
        .filter((f) => f.startsWith("ci/"))
        .sort(),
    ).toEqual(["ci/deploy.policy.json", "ci/plan.policy.json"]);
    const noCi = accountDocumentFiles(
      validateConfig(
        { ...exampleConfig, iam: { deployerRoleArn: exampleConfig.iam.deployerRoleArn } },
        { source: "test" },
      ).network,
    );
    expect(Object.keys(noCi).filter((f) => f.startsWith("ci/"))).toEqual([]);
  });

  it("THEN without an external id the trust policy has no condition", () => {
    const config = compliantConfig();
    delete config.accounts.far.externalId;
    const { network: plain } = validateConfig(withIam(config), { source: "fixture" });
    const far = accountDocuments(plain).find((d) => d.account.name === "far");
    expect(far?.trust?.Statement[0]).not.toHaveProperty("Condition");
  });
});

describe("GIVEN generated configs", () => {
  it("THEN the 100-peering benchmark workload gets least-privilege policies", () => {
    expectLeastPrivilege(validateConfig(withIam(manyPeeringsConfig(100)), { source: "bench" }).network);
  });

  it("THEN any number of peerings over any accounts gets least-privilege policies", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 12 }), (peerings, accounts) => {
        expectLeastPrivilege(
          validateConfig(withIam(manyPeeringsConfig(peerings, Math.min(accounts, peerings))), { source: "gen" })
            .network,
        );
      }),
      { numRuns: 25 },
    );
  });
});

describe("GIVEN an S3 backend and a plan role", () => {
  it("THEN the plan policy reads the state keys of this project and nothing else", () => {
    const config = {
      ...exampleConfig,
      backend: { type: "s3", bucket: "acme-state", region: "us-east-1", keyPrefix: "net" },
    };
    const { network } = validateConfig(config, { source: "test" });
    const plan = accountDocuments(network)[0].planPolicy;
    expect(plan.Statement.find((s) => s.Sid === "ReadState")).toEqual({
      Sid: "ReadState",
      Effect: "Allow",
      Action: "s3:GetObject",
      Resource: "arn:aws:s3:::acme-state/net/*",
    });
    expect(plan.Statement.find((s) => s.Sid === "ListState")?.Condition).toEqual({
      StringLike: { "s3:prefix": "net/*" },
    });
  });
});

describe("GIVEN bootstrap: true", () => {
  const stacks = synthConfig(exampleConfig);
  const app = stacks["bootstrap-app"];

  it("THEN each account with a role gets a bootstrap stack creating exactly that role, one-hour sessions, the generated policies", () => {
    const { network } = validateConfig(exampleConfig, { source: "example" });
    const docs = accountDocuments(network).find((d) => d.account.name === "app");
    expect(resourcesOf(app, "aws_iam_role").deployer_role).toMatchObject({
      name: "peering-accepter",
      path: "/",
      max_session_duration: 3600,
      assume_role_policy: JSON.stringify(docs?.trust),
    });
    expect(resourcesOf(app, "aws_iam_role_policy").deployer_policy).toMatchObject({
      role: "${aws_iam_role.deployer_role.name}",
      policy: JSON.stringify(docs?.policy),
    });
    expect(resourcesOf(app, "aws_iam_role").planner_role).toMatchObject({ name: "peering-plan" });
  });

  it("THEN every account of the example, each with a planRoleArn, gets both its deploy and its read-only plan role", () => {
    const { network } = validateConfig(exampleConfig, { source: "example" });
    for (const docs of accountDocuments(network)) {
      const stack = stacks[`bootstrap-${docs.account.name}`];
      expect(Object.keys(resourcesOf(stack, "aws_iam_role")).sort()).toEqual(["deployer_role", "planner_role"]);
      expect(resourcesOf(stack, "aws_iam_role").planner_role).toMatchObject({
        name: "peering-plan",
        assume_role_policy: JSON.stringify(docs.planTrust),
      });
      expect(resourcesOf(stack, "aws_iam_role_policy").planner_policy).toMatchObject({
        policy: JSON.stringify(docs.planPolicy),
      });
    }
  });

  it("THEN the bootstrap provider uses the administrator's own credentials, pinned to the account", () => {
    expect(app.json.provider.aws).toEqual([
      expect.objectContaining({ region: "us-east-1", allowed_account_ids: ["222222222222"] }),
    ]);
    expect(app.json.provider.aws[0]).not.toHaveProperty("assume_role");
  });

  it("THEN a configured permissions boundary is set on every role", () => {
    const config = {
      ...exampleConfig,
      iam: { ...exampleConfig.iam, permissionsBoundaryArn: "arn:aws:iam::222222222222:policy/boundary" },
    };
    const roles = resourcesOf(synthConfig(config)["bootstrap-app"], "aws_iam_role");
    for (const role of Object.values(roles))
      expect(role.permissions_boundary).toBe("arn:aws:iam::222222222222:policy/boundary");
  });

  it("THEN peering stacks never create roles", () => {
    for (const [name, stack] of Object.entries(stacks))
      if (name.startsWith("peering-")) expect(stack.text).not.toContain("aws_iam_role");
  });

  it("THEN without iam.deployerRoleArn bootstrap is refused, naming the field", () => {
    const { iam: _unused, ...withoutIam } = exampleConfig;
    expect(() => validateConfig(withoutIam, { source: "test" })).toThrow(
      "iam.deployerRoleArn: bootstrap: true creates roles that trust the role running terraform",
    );
  });

  it("THEN role names and paths come from the role ARN", () => {
    expect(roleNameAndPath("arn:aws:iam::111111111111:role/network/peering/deployer")).toEqual({
      name: "deployer",
      path: "/network/peering/",
    });
  });
});

describe("GIVEN npm run iam", () => {
  const projectDir = resolve(__dirname, "..");
  const command = (
    JSON.parse(readFileSync(join(projectDir, "package.json"), "utf8")) as { scripts: { iam: string } }
  ).scripts.iam.split(" ");
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "peering-iam-"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const runIam = (env: Record<string, string> = {}) =>
    spawnSync(command[0], command.slice(1), {
      cwd: projectDir,
      encoding: "utf8",
      env: { ...process.env, CDKTF_OUTDIR: join(dir, "out"), ...env },
    });

  it("THEN documents an earlier synth wrote for a config since changed are gone, and files synth did not write stay", () => {
    expect(runIam().status).toBe(0);
    const out = join(dir, "out");
    const iamDir = join(out, "iam");
    // What an earlier config's synth wrote: an account since removed, a CI role no longer configured.
    const record = JSON.parse(readFileSync(join(out, OUTPUT_RECORD), "utf8")) as { files: string[] };
    for (const stale of ["iam/removed-account.policy.json", "iam/ci/old.trust.json"]) {
      writeFileSync(join(out, stale), "{}");
      record.files.push(stale);
    }
    writeFileSync(join(out, OUTPUT_RECORD), JSON.stringify(record));
    writeFileSync(join(iamDir, "NOTES-for-admins.md"), "ours");
    const result = runIam();
    expect(result.status).toBe(0);
    const listed = (readdirSync(iamDir, { recursive: true }) as string[]).map((f) => f.split(sep).join("/")).sort();
    expect(listed).toEqual([
      "NOTES-for-admins.md",
      "app.plan-policy.json",
      "app.plan-trust.json",
      "app.policy.json",
      "app.trust.json",
      "ci",
      "ci/deploy.policy.json",
      "ci/deploy.trust.json",
      "ci/plan.policy.json",
      "ci/plan.trust.json",
      "data.plan-policy.json",
      "data.plan-trust.json",
      "data.policy.json",
      "data.trust.json",
      "shared.plan-policy.json",
      "shared.plan-trust.json",
      "shared.policy.json",
      "shared.trust.json",
    ]);
    expect(result.stdout).toContain(`wrote ${join(out, "iam", "app.plan-trust.json")}`);
    expect(readFileSync(join(iamDir, "app.plan-trust.json"), "utf8")).toContain("TrustPlanner");
  });

  it("WHEN the config is invalid THEN the output stays exactly as it was", () => {
    expect(runIam().status).toBe(0);
    const before = snapshotTree(join(dir, "out"));
    writeFileSync(join(dir, "bad.yaml"), "project: Bad Name\naccounts: {}\nvpcs: {}\npeerings: {}\n");
    const result = runIam({ PEERING_CONFIG: join(dir, "bad.yaml") });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("project");
    expect(snapshotTree(join(dir, "out"))).toEqual(before);
  });

  it("WHEN CDKTF_OUTDIR names a folder synth did not write THEN it refuses and writes no iam/ there", () => {
    writeFileSync(join(dir, "precious.txt"), "keep");
    const result = runIam({ CDKTF_OUTDIR: dir });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`refusing to replace ${dir}`);
    expect(readdirSync(dir)).toEqual(["precious.txt"]);
  });
});
