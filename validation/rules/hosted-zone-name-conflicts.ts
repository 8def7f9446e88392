import { error, type Finding, warning } from "../../core/finding";
import type { HostedZone, Network, Vpc } from "../../model/network";
import type { NetworkRule } from "../rule";

/** A zone associated with a VPC, and how: its own, or shared by a peering (path). */
interface Associated {
  readonly zone: HostedZone;
  /** The config path that shares it; undefined for the VPC's own zone. */
  readonly path?: string;
  readonly how: string;
}

const SAME_NAME =
  "https://docs.aws.amazon.com/Route53/latest/APIReference/API_AssociateVPCWithHostedZone.html#API_AssociateVPCWithHostedZone_Errors";
const OVERLAPPING =
  "https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/hosted-zone-private-considerations.html#hosted-zone-private-considerations-private-overlapping";

/** Whether `child` is a subdomain of `parent`. */
const isSubdomain = (child: string, parent: string) => child.endsWith(`.${parent}`);

/**
 * The zones one VPC ends up with (its own and every zone shared to it) must differ in name: Route 53
 * refuses to associate a VPC with a second zone of a name it already resolves (ConflictingDomainExists,
 * an error here). Zones whose names nest (example.internal and app.example.internal) are accepted
 * by Route 53, and Resolver answers a name from the most specific zone: a warning, so that the
 * shadowing is a decision.
 */
export const hostedZoneNameConflicts: NetworkRule = {
  id: "hosted-zone-name-conflicts",
  description: "A VPC never resolves two zones of the same name, and nested zone names are a decision.",
  check(network: Network) {
    const byVpc = new Map<string, { vpc: Vpc; zones: Associated[] }>();
    const add = (vpc: Vpc, entry: Associated) => {
      const slot = byVpc.get(vpc.name) ?? { vpc, zones: [] };
      if (!slot.zones.some((z) => z.zone.zoneId === entry.zone.zoneId)) slot.zones.push(entry);
      byVpc.set(vpc.name, slot);
    };
    for (const vpc of network.vpcs.values())
      for (const zone of vpc.hostedZones) add(vpc, { zone, how: "its own zone" });
    for (const peering of network.peerings)
      for (const share of peering.zoneShares)
        add(share.vpc, { zone: share.zone, path: share.path, how: `shared by peerings.${peering.name}` });

    const findings: Finding[] = [];
    for (const { vpc, zones } of byVpc.values()) {
      zones.forEach((later, index) => {
        if (later.path === undefined) return; // two own zones: Route 53 made those associations already
        // A VPC's own zones come first, so each shared zone meets every own zone and every earlier share once.
        for (const earlier of zones.slice(0, index)) {
          const [a, b] = [later.zone, earlier.zone];
          const other = `${b.name} (${b.zoneId}, ${earlier.how})`;
          if (a.name === b.name) {
            findings.push(
              error(
                later.path,
                `zone ${a.name} (${a.zoneId}) would be associated with vpcs.${vpc.name}, which already resolves ${other}; Route 53 refuses a second zone of the same name on one VPC (ConflictingDomainExists, ${SAME_NAME}). Share only one of them with vpcs.${vpc.name}`,
              ),
            );
          } else if (isSubdomain(a.name, b.name) || isSubdomain(b.name, a.name)) {
            const [parent, child] = isSubdomain(a.name, b.name) ? [b.name, a.name] : [a.name, b.name];
            findings.push(
              warning(
                later.path,
                `vpcs.${vpc.name} would resolve both ${a.name} (${a.zoneId}) and ${other}, whose names nest; Route 53 accepts this, and Resolver answers every name under ${child} from that zone only (the most specific match, ${OVERLAPPING}), so records of ${parent} under ${child} are not seen from vpcs.${vpc.name}. Share only one of them, or acknowledge the warning if that is the design`,
              ),
            );
          }
        }
      });
    }
    return findings;
  },
};
