import { cidrContains } from "../../core/cidr";
import { error, type Finding, warning } from "../../core/finding";
import { otherSide, SIDES, vpcOf } from "../../model/network";
import { allBlocks, listBlocks } from "../network-paths";
import type { NetworkRule } from "../rule";

/**
 * Route destinations lie inside the other VPC's blocks. Peering is not
 * transitive: a route through it to a third network (another peer, an
 * on-premises range, the internet) carries nothing, so it is an error, and a
 * `/0` destination never belongs on a peering.
 */
export const routesWithinPeer: NetworkRule = {
  id: "routes-within-peer",
  description: "Route destinations lie inside the peer VPC; no /0; peering is not transitive.",
  check(network) {
    const findings: Finding[] = [];
    for (const peering of network.peerings) {
      for (const side of SIDES) {
        const own = vpcOf(peering, side);
        const peer = vpcOf(peering, otherSide(side));
        const seen = new Set<string>();
        for (const route of peering.routes[side]) {
          const { destination, path } = route;
          if (seen.has(`${path} ${destination.text}`)) continue; // one finding per destination, not per route table
          seen.add(`${path} ${destination.text}`);
          if (destination.prefixLength === 0) {
            findings.push(
              error(
                path,
                `${destination.text} would send all traffic to ${peer.name}; a peering only reaches the peer VPC, so route its CIDRs (${listBlocks(allBlocks(peer))}) instead`,
              ),
            );
          } else if (!allBlocks(peer).some((block) => cidrContains(block, destination))) {
            findings.push(
              error(
                path,
                `${destination.text} is not inside ${peer.name}'s CIDRs (${listBlocks(allBlocks(peer))}); peering is not transitive, so traffic for another network never crosses it. Route a block of ${peer.name}, or peer with that network directly`,
              ),
            );
          } else if (destination.family === "ipv6" && own.ipv6CidrBlocks.length === 0) {
            findings.push(
              warning(
                path,
                `${own.name} has no IPv6 block, so an IPv6 route from it carries nothing; add vpcs.${own.name}.ipv6CidrBlocks or drop ${destination.text}`,
              ),
            );
          }
        }
      }
    }
    return findings;
  },
};
