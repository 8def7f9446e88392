import { cidrsOverlap } from "../../core/cidr";
import { error, type Finding, pathOf } from "../../core/finding";
import { otherSide, vpcOf } from "../../model/network";
import { allBlocks, allRoutes, vpcCidrPath } from "../network-paths";
import type { NetworkRule } from "../rule";

/**
 * Each route table belongs to one VPC, gets each destination once across all
 * peerings (AWS fails the second with RouteAlreadyExists), and never gets a
 * destination that overlaps its own VPC (the local route owns those addresses).
 */
export const routeTableDestinations: NetworkRule = {
  id: "route-table-destinations",
  description: "A route table belongs to one VPC and gets each destination once, never its own VPC's addresses.",
  check(network) {
    const findings: Finding[] = [];
    const ownerOf = new Map<string, string>();
    const firstRouteTo = new Map<string, string>();
    for (const { peering, route } of allRoutes(network)) {
      const { routeTableId, destination, side } = route;
      const own = vpcOf(peering, side);
      const where = `peerings.${peering.name} (${side})`;
      const owner = ownerOf.get(routeTableId);
      if (owner === undefined) ownerOf.set(routeTableId, own.name);
      else if (owner !== own.name) {
        findings.push(
          error(
            pathOf("peerings", peering.name, "routes", side, "routeTableIds"),
            `${routeTableId} is used for VPC ${owner} elsewhere, but a route table belongs to one VPC; use a route table of ${own.name}`,
          ),
        );
      }
      const key = `${routeTableId} ${destination.text}`;
      const first = firstRouteTo.get(key);
      if (first === undefined) firstRouteTo.set(key, where);
      else {
        findings.push(
          error(
            route.path,
            `${routeTableId} already gets a route to ${destination.text} from ${first}; AWS fails the second with RouteAlreadyExists. Route each destination once per table`,
          ),
        );
      }
      const peer = vpcOf(peering, otherSide(side));
      for (const block of allBlocks(own)) {
        // When the peer itself overlaps this block, no-cidr-overlap reports the root cause once.
        if (allBlocks(peer).some((peerBlock) => cidrsOverlap(peerBlock, block))) continue;
        if (cidrsOverlap(block, destination)) {
          findings.push(
            error(
              route.path,
              `a route to ${destination.text} in ${routeTableId} overlaps ${own.name}'s own ${block.text} (${vpcCidrPath(own, block)}); the VPC's local route owns those addresses, drop the destination`,
            ),
          );
        }
      }
    }
    return findings;
  },
};
