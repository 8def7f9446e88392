import { nestedCidrs } from "../../core/cidr";
import type { Peering, PeeringRoute } from "../../model/network";
import { warning, type Finding } from "../../core/finding";
import { allRoutes } from "../network-paths";
import type { NetworkRule } from "../rule";

/**
 * Warns when a route table gets a destination inside another of its
 * destinations. Across peerings (a VPC peered with two VPCs whose ranges
 * overlap) the more specific route silently takes that traffic; within one
 * peering the narrower route is redundant. Identical destinations are the
 * error of `route-table-destinations`. O(n log n) per route table.
 */
export const nestedRouteDestinations: NetworkRule = {
  id: "nested-route-destinations",
  description: "A route table's destinations do not nest inside each other.",
  check(network) {
    const byTable = new Map<string, Array<{ peering: Peering; route: PeeringRoute }>>();
    for (const entry of allRoutes(network)) {
      const routes = byTable.get(entry.route.routeTableId) ?? [];
      routes.push(entry);
      byTable.set(entry.route.routeTableId, routes);
    }
    const findings: Finding[] = [];
    for (const [routeTableId, routes] of byTable) {
      for (const { outer, inner } of nestedCidrs(routes, (r) => r.route.destination)) {
        const wide = outer.route.destination.text;
        const narrow = inner.route.destination.text;
        findings.push(
          warning(
            inner.route.path,
            outer.peering === inner.peering
              ? `${narrow} lies inside ${wide}, which ${routeTableId} already routes to peerings.${outer.peering.name}; the narrower route is redundant, drop it`
              : `${narrow} lies inside ${wide} (${outer.route.path}) in ${routeTableId}; the more specific route wins, so traffic to ${narrow} goes to peerings.${inner.peering.name} and never reaches peerings.${outer.peering.name}. Route only the ranges each peer really uses`,
          ),
        );
      }
    }
    return findings;
  },
};
