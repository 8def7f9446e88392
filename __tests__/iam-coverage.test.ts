import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { exampleConfig } from "../config/example";
import type { PeeringConfig } from "../config/schema";
import { accountDocuments } from "../iam/account-documents";
import type { PolicyDocument } from "../iam/policy-document";
import { RESOURCE_ACTIONS, type ResourceActions } from "../iam/resource-actions";
import { currentLibrary } from "../scripts/cdk-library";
import { validateConfig } from "../validation/validate";
import { synthConfig } from "./support/synth";
import { compliantConfig } from "./validation/fixture";

const STEPS = ["create", "read", "update", "delete"] as const;

/** Every action an Allow statement of a policy grants. */
const actionsOf = (doc: PolicyDocument): Set<string> =>
  new Set(
    doc.Statement.filter((s) => s.Effect === "Allow").flatMap((s) =>
      s.Action === undefined ? [] : typeof s.Action === "string" ? [s.Action] : s.Action,
    ),
  );

/**
 * What the policies miss for the resource types the stacks hold: a type
 * without an entry in the table, or an action of an entry that the account's
 * deploy policy (or, for reads, its plan policy) does not grant.
 */
function coverageProblems(
  typesByAccount: Readonly<Record<string, readonly string[]>>,
  policies: Readonly<Record<string, { readonly deploy: PolicyDocument; readonly plan: PolicyDocument }>>,
  table: Readonly<Record<string, ResourceActions>> = RESOURCE_ACTIONS,
): string[] {
  const problems: string[] = [];
  for (const [account, types] of Object.entries(typesByAccount)) {
    const deploy = actionsOf(policies[account].deploy);
    const plan = actionsOf(policies[account].plan);
    for (const type of types) {
      const actions = table[type];
      if (actions === undefined) {
        problems.push(
          `${type} (stack of ${account}) is not in iam/resource-actions.ts: list its create, read, update and delete actions there and grant them in iam/deployer-policy.ts`,
        );
        continue;
      }
      for (const step of STEPS) {
        for (const action of actions[step])
          if (!deploy.has(action))
            problems.push(`${type} ${step} needs ${action}, which ${account}'s deploy policy does not grant`);
      }
      for (const action of actions.read)
        if (!plan.has(action))
          problems.push(`${type} read needs ${action}, which ${account}'s plan policy does not grant`);
    }
  }
  return problems;
}

/**
 * The resource types of every peering stack, by the account they act in: a
 * stack holds both sides of the peerings it requests, each resource acting
 * through the provider (`allowed_account_ids`) of its side's account.
 */
function typesByActingAccount(config: PeeringConfig): Record<string, string[]> {
  const { network } = validateConfig(config, { source: "test config" });
  const accountNameOf = new Map([...network.accounts.values()].map((account) => [account.accountId, account.name]));
  const byAccount = new Map<string, Set<string>>();
  for (const [name, stack] of Object.entries(synthConfig(config))) {
    if (!name.startsWith("peering-")) continue;
    const accountOf = new Map(
      stack.json.provider.aws.map((p) => [
        p.alias === undefined ? "aws" : `aws.${p.alias}`,
        accountNameOf.get((p.allowed_account_ids as string[])[0]),
      ]),
    );
    // The data sources scoped in check blocks count as `data.<type>`.
    const checks = (stack.json as { check?: Record<string, { data?: Record<string, Record<string, unknown>> }> }).check;
    const dataSources = Object.values(checks ?? {}).flatMap((check) =>
      Object.entries(check.data ?? {}).map(([type, byName]) => [`data.${type}`, byName] as const),
    );
    for (const [type, byName] of [...Object.entries(stack.json.resource ?? {}), ...dataSources]) {
      for (const resource of Object.values(byName) as Array<Record<string, unknown>>) {
        const account =
          accountOf.get((resource.provider as string | undefined) ?? "aws") ??
          `unknown provider ${String(resource.provider)}`;
        byAccount.set(account, (byAccount.get(account) ?? new Set()).add(type));
      }
    }
  }
  return Object.fromEntries([...byAccount].map(([account, types]) => [account, [...types].sort()]));
}

/** The deploy and plan policies of each account of a config. */
function policiesOf(config: PeeringConfig) {
  const { network } = validateConfig(config, { source: "test config" });
  return Object.fromEntries(
    accountDocuments(network).map((d) => [d.account.name, { deploy: d.policy, plan: d.planPolicy }]),
  );
}

/** The validation fixture with DNS resolution and rules on the requester side too, so every side holds every type. */
function everyTypeEverySide(): PeeringConfig {
  const config = compliantConfig();
  const peering = config.peerings["hub-to-spoke"];
  peering.dnsResolution = true;
  peering.ingress!.requester = [
    {
      securityGroupId: "sg-00000001",
      source: { securityGroupId: "sg-00000002" },
      protocol: "tcp",
      ports: 5432,
      description: "Postgres from spoke",
    },
  ];
  return config as unknown as PeeringConfig;
}

const configs: Record<string, () => PeeringConfig> = {
  "the example config": () => exampleConfig,
  "the validation fixture with DNS options and ingress rules on both sides": everyTypeEverySide,
};
const typesOf = new Map<string, Record<string, string[]>>();
const synthesized = (name: string) => {
  if (!typesOf.has(name)) typesOf.set(name, typesByActingAccount(configs[name]()));
  return typesOf.get(name) as Record<string, string[]>;
};

describe.each(Object.keys(configs))("GIVEN %s, synthesized", (name) => {
  let typesByAccount: Record<string, string[]>;
  let policies: ReturnType<typeof policiesOf>;
  beforeAll(() => {
    typesByAccount = synthesized(name);
    policies = policiesOf(configs[name]());
  });

  it("THEN its stacks hold resources (the check below is not vacuous)", () => {
    expect(Object.values(typesByAccount).flat().length).toBeGreaterThan(0);
  });

  it("THEN every resource type its stacks hold has its create, read, update and delete actions in that account's deploy policy, and its reads in the plan policy", () => {
    expect(Object.values(typesByAccount).flat()).toContain("data.aws_vpc_peering_connection");
    expect(coverageProblems(typesByAccount, policies)).toEqual([]);
  });
});

describe("GIVEN the union of resource types across the covered configs", () => {
  it("THEN it is every type of the table: each entry is exercised by a synthesized stack", () => {
    const seen = new Set(Object.keys(configs).flatMap((name) => Object.values(synthesized(name)).flat()));
    expect(Object.keys(RESOURCE_ACTIONS).filter((type) => !seen.has(type))).toEqual([]);
  });
});

/** `<AWS bindings package>/lib/<module>` for the library in use (cdktf's or, after `npm run use-cdktn`, cdktn's). */
const providerModule = new RegExp(`${currentLibrary().aws.name.replace(/[/@]/g, "\\$&")}/lib/([a-z0-9-]+)`, "g");

describe("GIVEN the provider resource classes the constructs import", () => {
  it("THEN each one's Terraform type is in the table, so a construct that adds a type fails here even before a config exercises it", () => {
    const dir = join(__dirname, "../constructs");
    const libs = readdirSync(dir)
      .filter((file) => file.endsWith(".ts"))
      .flatMap((file) => [...readFileSync(join(dir, file), "utf8").matchAll(providerModule)].map((m) => m[1]))
      .filter((lib) => lib !== "provider");
    const types = [...new Set(libs)].map((lib) => `aws_${lib.replace(/-/g, "_")}`);
    expect(types.length).toBeGreaterThan(0);
    expect(types.filter((type) => !(type in RESOURCE_ACTIONS))).toEqual([]);
  });
});

describe("GIVEN a fork that adds a resource type to a peering stack", () => {
  const policies = policiesOf(exampleConfig);
  const account = Object.keys(policies)[0];

  it("WHEN the type has no entry in the table THEN the test names it and says where to add it", () => {
    expect(coverageProblems({ [account]: ["aws_flow_log"] }, policies)).toEqual([
      `aws_flow_log (stack of ${account}) is not in iam/resource-actions.ts: list its create, read, update and delete actions there and grant them in iam/deployer-policy.ts`,
    ]);
  });

  it("WHEN the table lists an action the deploy policy does not grant THEN the missing action is named", () => {
    const table = { aws_flow_log: { create: ["ec2:CreateFlowLogs"], read: [], update: [], delete: [] } };
    expect(coverageProblems({ [account]: ["aws_flow_log"] }, policies, table)).toEqual([
      `aws_flow_log create needs ec2:CreateFlowLogs, which ${account}'s deploy policy does not grant`,
    ]);
  });
});
