import { error, type Finding, pathOf } from "../../core/finding";
import type { ConfigRule } from "../rule";

/** A role ARN must live in the account it is given for; otherwise the provider's allowed_account_ids check fails every run. */
export const roleArnAccount: ConfigRule = {
  id: "role-arn-account",
  description: "An account's roleArn and planRoleArn are roles in that same account.",
  check(config) {
    const findings: Finding[] = [];
    for (const [name, account] of Object.entries(config.accounts)) {
      for (const field of ["roleArn", "planRoleArn"] as const) {
        const arn = account[field];
        const arnAccount = arn?.split(":")[4];
        if (arnAccount !== undefined && arnAccount !== account.accountId) {
          findings.push(
            error(
              pathOf("accounts", name, field),
              `role ${arn} is in account ${arnAccount}, not in ${account.accountId}; use a role of account ${account.accountId} (arn:aws:iam::${account.accountId}:role/...)`,
            ),
          );
        }
      }
    }
    return findings;
  },
};
