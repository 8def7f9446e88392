import { exampleConfig } from "../../config/example";
import { accountsInUse } from "../../iam/account-documents";
import { deployerPolicy, planPolicy, TERRAFORM_READ_ACTIONS } from "../../iam/deployer-policy";
import observed from "../../rehearsal/observed-actions.json";
import { globMatch } from "../../rehearsal/policy";
import { validateConfig } from "../../validation/validate";

/**
 * The deploy policy against what the AWS provider 5.100.0 was measured to
 * call (rehearsal/observed-actions.json, written by `npm run rehearse:test`).
 */
const { network } = validateConfig(exampleConfig, { source: "config/example.ts" });
const granted = accountsInUse(network).flatMap((account) =>
  deployerPolicy(network, account.name).Statement.flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action])),
);
const observedEc2 = (operations?: readonly string[]) =>
  [
    ...new Set(
      Object.values(observed as Record<string, Record<string, string[]>>).flatMap((byOperation) =>
        Object.entries(byOperation)
          .filter(([operation]) => !operations || operations.includes(operation))
          .flatMap(([, actions]) => actions.filter((a) => a.startsWith("ec2:"))),
      ),
    ),
  ].sort();

describe("the deploy policy and the actions the provider really calls", () => {
  it("was measured for every peering resource type", () => {
    expect(Object.keys(observed).sort()).toEqual(
      expect.arrayContaining([
        "aws_route",
        "aws_vpc_peering_connection",
        "aws_vpc_peering_connection_accepter",
        "aws_vpc_peering_connection_options",
        "aws_vpc_security_group_ingress_rule",
      ]),
    );
  });

  it("grants every EC2 action observed in create, read, update, delete and import", () => {
    const missing = observedEc2().filter((action) => !granted.some((pattern) => globMatch(pattern, action, true)));
    expect(missing).toEqual([]);
  });

  it("lists no Describe action the provider was not observed calling", () => {
    const observedReads = observedEc2().filter((a) => a.startsWith("ec2:Describe"));
    expect([...TERRAFORM_READ_ACTIONS].filter((a) => !observedReads.includes(a))).toEqual([]);
  });
});

/**
 * Route 53 calls as the local AWS recorded them per terraform command (the provider's debug log
 * names the service "Route 53", which the per-type log reading does not attribute).
 */
const observedRoute53 = (command: string) =>
  ((observed as Record<string, Record<string, string[]>>)["(any resource type)"]?.[command] ?? []).filter((a) =>
    a.startsWith("route53:"),
  );

describe("the Route 53 statements and the calls the provider really makes for the example's zones", () => {
  it("was measured: apply, plan and destroy each called Route 53", () => {
    for (const command of ["apply", "plan", "destroy"]) expect(observedRoute53(command).length).toBeGreaterThan(0);
  });

  it("grants every Route 53 action observed in apply, plan and destroy to some deploy role", () => {
    const all = [...new Set(["apply", "plan", "destroy"].flatMap(observedRoute53))];
    expect(all.filter((action) => !granted.includes(action))).toEqual([]);
  });

  it("grants every Route 53 action observed during plan to some plan role, and no other Route 53 action", () => {
    const planGranted = accountsInUse(network).flatMap((account) =>
      planPolicy(network, account.name)
        .Statement.flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]))
        .filter((a): a is string => typeof a === "string" && a.startsWith("route53:")),
    );
    expect([...new Set(planGranted)].sort()).toEqual([...observedRoute53("plan")].sort());
  });
});
