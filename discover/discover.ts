import { type AccountClients, type AwsAccess, accountClients } from "./account-clients";
import type { ScannedAccount } from "./build-config";
import { readRegion } from "./read-region";
import type { RegionSnapshot } from "./snapshot";

/**
 * Reads every account in every region, then also the regions where a peer
 * VPC of a scanned account lives (an inter-region peering's other end), so
 * that both sides of every peering between scanned accounts are read.
 */

/** Progress of one account and region. */
export interface RegionProgress {
  readonly account: ScannedAccount;
  readonly region: string;
  readonly snapshot: RegionSnapshot;
  readonly seconds: number;
}

/** Options of {@link readEstate}. */
export interface ReadEstateOptions extends AwsAccess {
  readonly accounts: readonly ScannedAccount[];
  readonly regions: readonly string[];
  /** Called once per account and region read. */
  readonly onProgress?: (progress: RegionProgress) => void;
}

/** Reads the estate; see the module comment. Fails on the first error (nothing is written then). */
export async function readEstate(options: ReadEstateOptions): Promise<RegionSnapshot[]> {
  const snapshots = new Map<string, RegionSnapshot>();
  // The promise, stored before it is awaited: regions read in parallel share one AssumeRole per account.
  const clients = new Map<string, Promise<AccountClients>>();
  const byId = new Map(options.accounts.map((a) => [a.accountId, a]));
  const read = async (account: ScannedAccount, region: string) => {
    const key = `${account.accountId}/${region}`;
    if (snapshots.has(key)) return;
    const started = Date.now();
    let pending = clients.get(account.accountId);
    if (!pending) {
      pending = accountClients(account, region, options);
      clients.set(account.accountId, pending);
    }
    const access = await pending;
    const ec2 = access.ec2(region);
    try {
      const snapshot = await readRegion(ec2, { accountId: account.accountId, region, identity: access.identity });
      snapshots.set(key, snapshot);
      options.onProgress?.({ account, region, snapshot, seconds: (Date.now() - started) / 1000 });
    } finally {
      ec2.destroy();
    }
  };
  // Accounts one after the other (each assumes its role once), regions of an account in parallel.
  for (const account of options.accounts) {
    await Promise.all(options.regions.map((region) => read(account, region)));
  }
  // The other end of an inter-region peering between scanned accounts.
  for (;;) {
    const missing = new Map<string, [ScannedAccount, string]>();
    for (const s of snapshots.values()) {
      for (const p of s.peerings) {
        if (p.status !== "active") continue;
        for (const side of [p.requester, p.accepter]) {
          const account = byId.get(side.accountId);
          const key = `${side.accountId}/${side.region}`;
          if (account && side.region && !snapshots.has(key)) missing.set(key, [account, side.region]);
        }
      }
    }
    if (missing.size === 0) break;
    for (const [account, region] of [...missing.values()].sort()) await read(account, region);
  }
  return [...snapshots.values()];
}
