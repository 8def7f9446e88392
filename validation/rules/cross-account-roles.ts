import { error, type Finding, pathOf, warning } from "../../core/finding";
import { stackNameFor } from "../../model/stacks";
import type { NetworkRule } from "../rule";

/**
 * Every account that another account's stack must act in (the accepter of a
 * cross-account peering) has a role to assume; such a role should require an
 * external id (confused-deputy protection), so a missing one is a warning.
 */
export const crossAccountRoles: NetworkRule = {
  id: "cross-account-roles",
  description: "Accounts reached from another account's stack have a role, with an external id.",
  check(network) {
    const findings: Finding[] = [];
    const reported = new Set<string>();
    for (const peering of network.peerings) {
      if (peering.sameAccount || peering.requester.account.external || peering.accepter.account.external) continue;
      const account = peering.accepter.account;
      if (reported.has(account.name)) continue;
      reported.add(account.name);
      const stack = stackNameFor(peering.requester.account);
      if (!account.roleArn) {
        findings.push(
          error(
            pathOf("accounts", account.name, "roleArn"),
            `stack ${stack} must act in account ${account.name} (${account.accountId}) to accept peerings.${peering.name}; set roleArn to a role there that the deployer may assume, e.g. arn:aws:iam::${account.accountId}:role/peering-accepter`,
          ),
        );
      } else if (!account.externalId) {
        findings.push(
          warning(
            pathOf("accounts", account.name, "externalId"),
            `${account.roleArn} is assumed from another account without an external id; set externalId and require it (sts:ExternalId) in the role's trust policy`,
          ),
        );
      }
    }
    return findings;
  },
};
