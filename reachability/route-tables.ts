import type { Network, Peering, PeeringRoute } from "../model/network";
import { SIDES } from "../model/network";

/** A route of one route table, as the config asks for it: its destination, through its peering. */
export interface TableRoute {
  readonly peering: Peering;
  readonly route: PeeringRoute;
}

/** Every route table the config routes in, with the routes it gets from every peering, by route table id. */
export type RouteTableIndex = ReadonlyMap<string, readonly TableRoute[]>;

/**
 * Indexes the config's routes by route table, across all peerings: what a
 * route table holds decides where a packet leaving its subnets goes, whichever
 * peering asked for each route.
 */
export function indexRouteTables(network: Pick<Network, "peerings">): RouteTableIndex {
  const index = new Map<string, TableRoute[]>();
  for (const peering of network.peerings) {
    for (const side of SIDES) {
      for (const route of peering.routes[side]) {
        const routes = index.get(route.routeTableId) ?? [];
        routes.push({ peering, route });
        index.set(route.routeTableId, routes);
      }
    }
  }
  return index;
}
