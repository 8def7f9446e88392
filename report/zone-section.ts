import type { Network } from "../model/network";

/**
 * The "Private hosted zones" section of the report: which VPC resolves which zone, through which
 * peering, and how (an authorization by the zone's account first, across accounts). Empty when the
 * config lists no zones, so configs without zones keep their report as it was.
 */
export function renderZoneSection(network: Network): string[] {
  const owned = [...network.vpcs.values()].flatMap((vpc) => vpc.hostedZones.map((zone) => ({ vpc, zone })));
  if (owned.length === 0) return [];
  const shares = [...network.peerings]
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((peering) => peering.zoneShares.map((share) => ({ peering, share })));
  const lines = [
    "## Private hosted zones",
    "",
    "Each VPC resolves the zones its account created and associated with it, and the zones shared with it here (`shareHostedZones`).",
    "",
  ];
  if (shares.length === 0) return [...lines, "No peering shares a zone.", ""];
  return [
    ...lines,
    "| zone | owned by | resolved by | through | how |",
    "| --- | --- | --- | --- | --- |",
    ...shares.map(
      ({ peering, share }) =>
        `| ${share.zone.name} (${share.zone.zoneId}) | ${share.owner.name} (${share.owner.account.name}, ${share.owner.region}) | ${share.vpc.name} (${share.vpc.account.name}, ${share.vpc.region}) | ${peering.name} | ${
          share.crossAccount
            ? `authorized by ${share.owner.account.name}, associated by ${share.vpc.account.name}`
            : `associated by ${share.vpc.account.name}`
        } |`,
    ),
    "",
  ];
}
