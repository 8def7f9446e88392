import type { Account, Network, Peering } from "./network";

/** What one Terraform stack holds: the peerings requested by one account (or accepted by it, when the requester is external). */
export interface StackPlan {
  /** Stack name: `peering-<account name>`; also its folder under `cdktf.out/stacks/`. */
  readonly name: string;
  /** The requesting account the stack belongs to. */
  readonly account: Account;
  /** Region of the stack's unaliased default provider: the first, alphabetically, of its requester VPCs. */
  readonly defaultRegion: string;
  /** The peerings this account requests, sorted by name. */
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
 * Groups the peerings of a network into one stack per requesting account.
 * Stacks and their peerings are sorted by name, so the output never depends on
 * the order of the config.
 */
export function planStacks(network: Network): StackPlan[] {
  const byAccount = new Map<string, { account: Account; peerings: Peering[] }>();
  for (const peering of network.peerings) {
    const account = stackAccountOf(peering);
    const entry = byAccount.get(account.name) ?? { account, peerings: [] };
    entry.peerings.push(peering);
    byAccount.set(account.name, entry);
  }
  return [...byAccount.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([, { account, peerings }]) => {
      const sorted = [...peerings].sort((a, b) => a.name.localeCompare(b.name));
      const regions = [...new Set(sorted.map((p) => (p.requester.account.external ? p.accepter : p.requester).region))].sort();
      return { name: stackNameFor(account), account, defaultRegion: regions[0], peerings: sorted };
    });
}
