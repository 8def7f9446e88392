import { type Cidr, cidrContains, cidrsOverlap } from "../core/cidr";
import { coverAll, outermostInside } from "./block-coverage";
import type { TableRoute } from "./route-tables";

/**
 * Part of a block of addresses and the route of the config that a route table
 * sends it by: `block` without the more specific blocks in `except` (which
 * other deliveries cover).
 */
export interface Delivery {
  readonly block: Cidr;
  /** More specific blocks inside `block` that go elsewhere; empty when all of `block` goes by `route`. */
  readonly except: readonly Cidr[];
  /**
   * The route that wins by longest prefix match, or none: then no route of
   * this config covers these addresses, and the table's other routes (local,
   * gateways, routes made outside the config) decide, never a peering of the config.
   */
  readonly route?: TableRoute;
}

/**
 * Where a route table sends every address of `target`, by longest prefix match
 * over the routes the config gives it (AWS, CreateRoute: "When determining how
 * to route traffic, we use the route with the most specific match",
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateRoute.html).
 * The result partitions `target`: the target itself goes by the narrowest
 * route around it, and each route strictly inside the target takes its own
 * block, minus the routes strictly inside that. Parts that routes further in
 * cover completely are left out. IPv4 and IPv6 alike; routes of the other
 * family never match.
 *
 * @param routes the routes of one route table (see {@link indexRouteTables})
 */
export function deliveriesOf(routes: readonly TableRoute[], target: Cidr): Delivery[] {
  const overlapping = routes.filter((r) => cidrsOverlap(r.route.destination, target));
  // The same destination twice in one table is route-table-destinations' error; the first one counts here.
  const byDestination = new Map<string, TableRoute>();
  for (const r of overlapping)
    if (!byDestination.has(r.route.destination.text)) byDestination.set(r.route.destination.text, r);
  const around = [...byDestination.values()].filter((r) => cidrContains(r.route.destination, target));
  const narrowest = around.reduce<TableRoute | undefined>(
    (best, r) =>
      best === undefined || r.route.destination.prefixLength > best.route.destination.prefixLength ? r : best,
    undefined,
  );
  const inner = [...byDestination.values()].filter((r) => r.route.destination.prefixLength > target.prefixLength);
  const innerBlocks = inner.map((r) => r.route.destination);
  const deliveries: Delivery[] = [];
  const add = (block: Cidr, route: TableRoute | undefined) => {
    const except = outermostInside(block, innerBlocks);
    if (!coverAll(block, except)) deliveries.push({ block, except, ...(route ? { route } : {}) });
  };
  add(target, narrowest);
  for (const r of inner) add(r.route.destination, r);
  return deliveries;
}

/** A delivery's addresses in words: `10.0.0.0/16`, or `10.0.0.0/16 outside 10.0.1.0/24`. */
export function deliveryText(delivery: Pick<Delivery, "block" | "except">): string {
  return delivery.except.length === 0
    ? delivery.block.text
    : `${delivery.block.text} outside ${delivery.except.map((b) => b.text).join(", ")}`;
}
