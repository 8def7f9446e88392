import type { Account, Network } from "./network";

/** Our accounts that some peering touches, by name (external accounts are not ours to grant anything in). */
export function accountsInUse(network: Network): Account[] {
  const used = new Map<string, Account>();
  for (const peering of network.peerings) {
    for (const vpc of [peering.requester, peering.accepter])
      if (!vpc.account.external) used.set(vpc.account.name, vpc.account);
  }
  return [...used.values()].sort((a, b) => a.name.localeCompare(b.name));
}
