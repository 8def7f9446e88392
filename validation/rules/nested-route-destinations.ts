import { nestedCidrs } from "../../core/cidr";
import { type Finding, warning } from "../../core/finding";
import type { Peering, PeeringRoute } from "../../model/network";
import { allRoutes } from "../network-paths";
import type { NetworkRule } from "../rule";

/**
 * Warns when a route table gets a destination inside another of its
 * destinations. Across peerings this is longest-prefix routing, a design the
 * AWS VPC Peering Guide describes ("One VPC that accesses two VPCs using
 * longest prefix matches"): the more specific route takes its range, the
 * wider one the rest. The warning says which peering gets which addresses, so
 * that it is a decision; acknowledge it (`acknowledge`) when it is one. Within
 * one peering the narrower route is redundant. Identical destinations are the
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
              : `${narrow} lies inside ${wide} (${outer.route.path}) in ${routeTableId}: longest-prefix routing sends ${narrow} to peerings.${inner.peering.name} and only the rest of ${wide} to peerings.${outer.peering.name} (AWS VPC Peering Guide, "One VPC that accesses two VPCs using longest prefix matches"). If that is the design, acknowledge this warning; if not, route only the ranges each peer uses`,
          ),
        );
      }
    }
    return findings;
  },
};
