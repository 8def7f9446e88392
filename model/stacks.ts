import type { Account, Network, Peering } from "./network";

/** What one Terraform stack holds: the peerings requested by one account (or accepted by it, when the requester is external); none for an account that requests nothing. */
export interface StackPlan {
  /** Stack name: `peering-<account name>`; also its folder under `cdktf.out/stacks/`. */
  readonly name: string;
  /** The requesting account the stack belongs to. */
  readonly account: Account;
  /** The peerings this account requests, sorted by name; empty for an account that requests none. */
  readonly peerings: readonly Peering[];
}

/** The name of the stack of a requesting account. */
export function stackNameFor(account: Account): string {
  return `peering-${account.name}`;
}

/** The account whose stack holds a peering: the requester's, or the accepter's when the requester is external. */
export function stackAccountOf(peering: Peering): Account {
  return peering.requester.account.external ? peering.accepter.account : peering.requester.account;
}

/**
 * One stack per account of the config (external accounts aside), holding the
 * peerings that account requests. An account that requests nothing keeps its
 * stack, empty, for as long as it stays under `accounts`: removing its last
 * peering then plans the destruction of that peering's resources instead of
 * dropping the stack (and leaving them unmanaged). Stacks and their peerings
 * are sorted by name, so the output never depends on the order of the config.
 */
export function planStacks(network: Network): StackPlan[] {
  const peeringsByAccount = new Map<string, Peering[]>();
  for (const peering of network.peerings) {
    const account = stackAccountOf(peering);
    const peerings = peeringsByAccount.get(account.name);
    if (peerings) peerings.push(peering);
    else peeringsByAccount.set(account.name, [peering]);
  }
  return [...network.accounts.values()]
    .filter((account) => !account.external)
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((account) => {
      const peerings = [...(peeringsByAccount.get(account.name) ?? [])].sort((a, b) => a.name.localeCompare(b.name));
      return { name: stackNameFor(account), account, peerings };
    });
}
