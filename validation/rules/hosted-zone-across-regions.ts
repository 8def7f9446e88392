import { type Finding, warning } from "../../core/finding";
import type { NetworkRule } from "../rule";

const ROUTING_BY_REGION = "https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/routing-policy-latency-phz.html";

/**
 * A zone shared across an inter-region peering resolves (Route 53 is global and associates VPCs of
 * any region), but the addresses its records name are in the zone owner's region: every connection
 * made by name from the other VPC crosses regions, at inter-region data transfer rates and latency.
 * Latency-, geolocation- and geoproximity-based records of a private hosted zone answer by the
 * region of the querying VPC, so a zone written for one region may answer differently in the other.
 */
export const hostedZoneAcrossRegions: NetworkRule = {
  id: "hosted-zone-across-regions",
  description: "A zone shared across regions is a decision: names resolve, but the traffic crosses regions.",
  check(network) {
    const findings: Finding[] = [];
    for (const peering of network.peerings) {
      if (peering.sameRegion) continue;
      for (const share of peering.zoneShares) {
        findings.push(
          warning(
            share.path,
            `zone ${share.zone.name} (${share.zone.zoneId}) of vpcs.${share.owner.name} (${share.owner.region}) is resolved by vpcs.${share.vpc.name} in ${share.vpc.region}: it resolves, but the addresses it names are in ${share.owner.region}, so every connection made by name crosses the inter-region peering (inter-region data transfer and latency), and latency-, geolocation- and geoproximity-based records answer by the querying VPC's region (${ROUTING_BY_REGION}). Share a zone of ${share.vpc.region} instead, or acknowledge the warning if these names are meant to be reached across regions`,
          ),
        );
      }
    }
    return findings;
  },
};
