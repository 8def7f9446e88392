import { error, type Finding, pathOf } from "../../core/finding";
import { accountsInUse } from "../../model/accounts-in-use";
import type { Account } from "../../model/network";
import type { NetworkRule } from "../rule";

/** The one-line problem of an account that plan mode cannot act in without its deploy role. */
export function missingPlanRoleMessage(account: Pick<Account, "name" | "accountId">): string {
  return `PEERING_ROLES=plan never assumes the deploy role (roleArn), and account ${account.name} has no read-only plan role; set accounts.${account.name}.planRoleArn to a role of account ${account.accountId} with the policy of cdktf.out/iam/${account.name}.plan-policy.json (npm run iam), or plan without PEERING_ROLES=plan`;
}

/**
 * With `PEERING_ROLES=plan` (pull-request plans), every account a stack acts
 * in through a role must have a read-only `planRoleArn`: plans never fall
 * back to the deploy role. Runs only in plan mode.
 */
export const planRolesInPlanMode: NetworkRule = {
  id: "plan-roles-in-plan-mode",
  description: "In plan mode, every account with a roleArn that a stack acts in has a planRoleArn.",
  check(network) {
    const findings: Finding[] = [];
    for (const account of accountsInUse(network)) {
      if (account.roleArn && !account.planRoleArn)
        findings.push(error(pathOf("accounts", account.name, "planRoleArn"), missingPlanRoleMessage(account)));
    }
    return findings;
  },
};
