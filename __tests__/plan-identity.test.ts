import { join } from "node:path";
import fc from "fast-check";
import { exampleConfig } from "../config/example";
import { readConfigFile } from "../config/read-config-file";
import type { PeeringConfig } from "../config/schema";
import { accountDocumentFiles } from "../iam/account-documents";
import { GITHUB_OIDC_HOST, githubOidcSubject } from "../iam/ci-identities";
import type { PolicyDocument } from "../iam/policy-document";
import type { Network } from "../model/network";
import { validateConfig } from "../validation/validate";

/** A role the generated documents describe: who may assume it, and what it may do. */
interface GeneratedRole {
  readonly arn: string;
  readonly trust: PolicyDocument;
  readonly policy: PolicyDocument;
}

const asList = (value: string | readonly string[] | undefined): string[] =>
  value === undefined ? [] : typeof value === "string" ? [value] : [...value];

/** Every role whose trust and policy `npm run iam` writes, with its ARN. */
function generatedRoles(network: Network): GeneratedRole[] {
  const files = accountDocumentFiles(network);
  const doc = (name: string) => (files[name] ? (JSON.parse(files[name]) as PolicyDocument) : undefined);
  const roles: GeneratedRole[] = [];
  const add = (arn: string | undefined, trust: PolicyDocument | undefined, policy: PolicyDocument | undefined) => {
    if (arn && trust && policy) roles.push({ arn, trust, policy });
  };
  for (const account of network.accounts.values()) {
    add(account.roleArn, doc(`${account.name}.trust.json`), doc(`${account.name}.policy.json`));
    add(account.planRoleArn, doc(`${account.name}.plan-trust.json`), doc(`${account.name}.plan-policy.json`));
  }
  add(network.iam?.ciPlanRoleArn, doc("ci/plan.trust.json"), doc("ci/plan.policy.json"));
  add(network.iam?.ciDeployRoleArn, doc("ci/deploy.trust.json"), doc("ci/deploy.policy.json"));
  return roles;
}

/**
 * The roles a pull request's plan can reach, by trust alone (the more
 * permissive reading: a same-account trust needs no permission on the
 * caller's side): starting from a GitHub token of a pull request and the CI
 * plan role, any role whose trust admits something reached, until nothing
 * new is reached.
 */
function reachableFromPlanIdentity(
  network: Network,
  roles: readonly GeneratedRole[] = generatedRoles(network),
): GeneratedRole[] {
  const repository = network.iam?.github?.repository ?? "acme/network";
  const principals = new Set<string>(network.iam?.ciPlanRoleArn ? [network.iam.ciPlanRoleArn] : []);
  const admitsPlan = (trust: PolicyDocument) =>
    trust.Statement.some((s) => {
      if (asList(s.Principal?.AWS).some((arn) => principals.has(arn))) return true;
      if (!s.Principal?.Federated) return false;
      const sub =
        s.Condition?.StringEquals?.[`${GITHUB_OIDC_HOST}:sub`] ?? s.Condition?.StringLike?.[`${GITHUB_OIDC_HOST}:sub`];
      return sub === undefined || asList(sub).includes(githubOidcSubject(repository, "plan"));
    });
  const reached: GeneratedRole[] = [];
  for (let grew = true; grew; ) {
    grew = false;
    for (const role of roles) {
      if (!reached.includes(role) && admitsPlan(role.trust)) {
        reached.push(role);
        principals.add(role.arn);
        grew = true;
      }
    }
  }
  return reached;
}

/** Actions that read, or that only lead on to other roles (whose own actions the closure checks). */
const isReadOnly = (action: string) =>
  /^ec2:Describe[A-Za-z]+$/.test(action) ||
  /^route53:(Get|List)[A-Za-z]+$/.test(action) ||
  ["s3:GetObject", "s3:ListBucket", "sts:AssumeRole"].includes(action);

/** What a role reached by the plan identity may write, as `<role arn>: <action>`. */
function writesWithin(reached: readonly GeneratedRole[]): string[] {
  return reached.flatMap((role) =>
    role.policy.Statement.flatMap((s) => asList(s.Action))
      .filter((a) => !isReadOnly(a))
      .map((a) => `${role.arn}: ${a}`),
  );
}

function expectPlanIdentityReadOnly(network: Network): void {
  const reached = reachableFromPlanIdentity(network);
  expect(writesWithin(reached)).toEqual([]);
  const deployRoles = [
    network.iam?.deployerRoleArn,
    network.iam?.ciDeployRoleArn,
    ...[...network.accounts.values()].map((a) => a.roleArn),
  ];
  expect(reached.map((r) => r.arn).filter((arn) => deployRoles.includes(arn))).toEqual([]);
}

const yamlExample = readConfigFile(
  join(__dirname, "..", "config", "examples", "adopt-and-one-sided.yaml"),
) as PeeringConfig;

describe.each([
  ["config/example.ts", exampleConfig as PeeringConfig],
  ["config/examples/adopt-and-one-sided.yaml", yamlExample],
])("GIVEN the example %s", (_name, config) => {
  const { network } = validateConfig(config, { source: "example" });

  it("THEN the plan identity reaches every account's plan role and the CI plan role, and nothing that can write", () => {
    const reached = reachableFromPlanIdentity(network).map((r) => r.arn);
    const planRoles = [...network.accounts.values()].map((a) => a.planRoleArn).filter((arn) => arn !== undefined);
    expect(reached.sort()).toEqual([network.iam?.ciPlanRoleArn, ...planRoles].sort());
    expectPlanIdentityReadOnly(network);
  });

  it("WHEN a deploy role's trust admitted the plan identity (as iam.ciRoleArn did) THEN the check names that role and its writes", () => {
    const roles = generatedRoles(network);
    const deployArn = [...network.accounts.values()].find((a) => a.roleArn)?.roleArn;
    const leaky = roles.map((role) =>
      role.arn === deployArn
        ? {
            ...role,
            trust: {
              ...role.trust,
              Statement: [
                {
                  ...role.trust.Statement[0],
                  Principal: { AWS: [network.iam!.deployerRoleArn, network.iam!.ciPlanRoleArn!] },
                },
              ],
            },
          }
        : role,
    );
    const writes = writesWithin(reachableFromPlanIdentity(network, leaky));
    expect(writes.length).toBeGreaterThan(0);
    expect(writes.filter((w) => !w.startsWith(`${deployArn}: `))).toEqual([]);
  });
});

describe("GIVEN any mix of plan roles, CI roles, GitHub pinning and backends over the example", () => {
  it("THEN no generated trust policy lets the plan identity reach a role with a write action", () => {
    const accountNames = Object.keys(exampleConfig.accounts) as Array<keyof typeof exampleConfig.accounts>;
    fc.assert(
      fc.property(
        fc.array(fc.boolean(), { minLength: accountNames.length, maxLength: accountNames.length }),
        fc.boolean(),
        fc.boolean(),
        fc.constantFrom<PeeringConfig["backend"]>(
          { type: "local" },
          { type: "s3", bucket: "acme-state", region: "us-east-1", keyPrefix: "net" },
          { type: "s3", bucket: "acme-state", region: "us-east-1", roleArn: "arn:aws:iam::111111111111:role/state" },
        ),
        (withPlanRole, withCiDeploy, withGithub, backend) => {
          const config = structuredClone(exampleConfig) as PeeringConfig & {
            accounts: Record<string, { planRoleArn?: string }>;
          };
          accountNames.forEach((name, i) => {
            if (!withPlanRole[i]) delete config.accounts[name].planRoleArn;
          });
          const iam = { ...exampleConfig.iam } as Record<string, unknown>;
          if (!withCiDeploy) delete iam.ciDeployRoleArn;
          if (!withGithub) delete iam.github;
          const { network } = validateConfig({ ...config, iam, backend }, { source: "generated" });
          expectPlanIdentityReadOnly(network);
        },
      ),
      { numRuns: 40 },
    );
  });
});
