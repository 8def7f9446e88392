import type { Account, Network } from "./network";

/** `<account name>-<region>`: the alias of the provider that acts in an account and region. */
export function providerAlias(account: Pick<Account, "name">, region: string): string {
  return `${account.name}-${region}`;
}

/** An account and one region it has VPCs in. */
export interface AccountRegion {
  /** The account. */
  readonly account: Account;
  /** The region. */
  readonly region: string;
  /** {@link providerAlias}: the alias of the provider that acts there. */
  readonly key: string;
}

/**
 * Every (account, region) of the config's VPCs, once each, external accounts
 * aside, sorted by `<account name>-<region>`: the providers every peering
 * stack declares, in the order it declares them. Deduplicated before sorting,
 * so the cost grows with the number of VPCs, not with VPCs times stacks.
 */
export function accountRegions(network: Network): AccountRegion[] {
  const byKey = new Map<string, AccountRegion>();
  for (const vpc of network.vpcs.values()) {
    const key = providerAlias(vpc.account, vpc.region);
    if (!vpc.account.external && !byKey.has(key)) byKey.set(key, { account: vpc.account, region: vpc.region, key });
  }
  return [...byKey.values()].sort((a, b) => a.key.localeCompare(b.key));
}
