import { error, type Finding, pathOf } from "../../core/finding";
import type { ConfigRule } from "../rule";

/**
 * The identities of plans (the CI's plan role, each account's read-only plan
 * role) must never be a role that can write: the deployer, the CI's deploy
 * role, or any account's deploy role. Otherwise a pull request's plan runs
 * with deploy permissions.
 */
export const separatePlanIdentities: ConfigRule = {
  id: "separate-plan-identities",
  description: "iam.ciPlanRoleArn and every planRoleArn differ from every role that can write.",
  check(config) {
    const writers = new Map<string, string>();
    const addWriter = (arn: string | undefined, path: string) => {
      if (arn && !writers.has(arn)) writers.set(arn, path);
    };
    addWriter(config.iam?.deployerRoleArn, "iam.deployerRoleArn");
    addWriter(config.iam?.ciDeployRoleArn, "iam.ciDeployRoleArn");
    for (const [name, account] of Object.entries(config.accounts))
      addWriter(account.roleArn, pathOf("accounts", name, "roleArn"));

    const planners: Array<[string | undefined, string, string]> = [
      [config.iam?.ciPlanRoleArn, "iam.ciPlanRoleArn", "the role pull-request plans run as"],
      ...Object.entries(config.accounts).map(([name, account]): [string | undefined, string, string] => [
        account.planRoleArn,
        pathOf("accounts", name, "planRoleArn"),
        "a read-only plan role",
      ]),
    ];
    const findings: Finding[] = [];
    for (const [arn, path, what] of planners) {
      const writer = arn ? writers.get(arn) : undefined;
      if (arn && writer) {
        findings.push(
          error(
            path,
            `${arn} is also ${writer}, a role that can write; ${what} must be a separate role, or pull requests run with deploy permissions: create a read-only role and name it here`,
          ),
        );
      }
    }
    return findings;
  },
};
