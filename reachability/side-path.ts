import type { Cidr } from "../core/cidr";
import { isManaged, type Peering, type Side, vpcOf } from "../model/network";
import { type Delivery, deliveriesOf } from "./longest-prefix";
import type { RouteTableIndex } from "./route-tables";

/** Where one route table sends the addresses asked about. */
export interface TablePath {
  readonly routeTableId: string;
  /** Every part of the addresses, with the route it goes by. */
  readonly deliveries: readonly Delivery[];
  /** The parts that do not go through the peering: another peering's route wins, or no route of the config covers them. */
  readonly astray: readonly Delivery[];
}

/**
 * Where one side of a peering sends a set of addresses: through each route
 * table that the side routes for the peering, the peering or elsewhere.
 */
export interface SidePath {
  readonly peering: Peering;
  /** The side whose route tables are read. */
  readonly side: Side;
  /**
   * Which route tables were read: `peering`, those the side routes for the
   * peering; `vpc`, the VPC's `routeTableIds`, when the side routes nothing for
   * the peering (its subnets still reply through those tables); `external`,
   * none: the side is a VPC outside the config, whose routes the config does not know.
   */
  readonly tablesFrom: "peering" | "vpc" | "external";
  readonly tables: readonly TablePath[];
  /** True when there is at least one table and every table sends every address through the peering. */
  readonly complete: boolean;
}

/** The route tables that `side` routes for `peering`, in config order, each once. */
function peeringRouteTables(peering: Peering, side: Side): string[] {
  return [...new Set(peering.routes[side].map((r) => r.routeTableId))];
}

/**
 * Where `side` of `peering` sends `targets` (the other side's addresses):
 * longest prefix match in each route table the side routes for the peering,
 * over every route the config puts in that table (from any peering).
 */
export function sidePath(index: RouteTableIndex, peering: Peering, side: Side, targets: readonly Cidr[]): SidePath {
  if (!isManaged(peering, side)) return { peering, side, tablesFrom: "external", tables: [], complete: false };
  const own = peeringRouteTables(peering, side);
  const tablesFrom = own.length > 0 ? "peering" : "vpc";
  const ids = own.length > 0 ? own : vpcOf(peering, side).routeTableIds;
  const tables = ids.map((routeTableId): TablePath => {
    const routes = index.get(routeTableId) ?? [];
    const deliveries = targets.flatMap((target) => deliveriesOf(routes, target));
    const astray = deliveries.filter((d) => d.route?.peering !== peering);
    return { routeTableId, deliveries, astray };
  });
  return {
    peering,
    side,
    tablesFrom,
    tables,
    complete: tables.length > 0 && tables.every((t) => t.astray.length === 0),
  };
}
