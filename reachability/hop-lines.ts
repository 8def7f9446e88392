import { otherSide, vpcOf } from "../model/network";
import { type Delivery, deliveryText } from "./longest-prefix";
import type { SidePath } from "./side-path";

/** Where one part of the addresses goes, in words: `10.0.0.0/16 → peerings.a-to-c (route 10.0.0.0/16, peerings.a-to-c.routes.requester)`. */
export function deliveryLine(delivery: Delivery): string {
  const addresses = deliveryText(delivery);
  if (delivery.route === undefined) return `${addresses} → no route of the config (the table's other routes decide)`;
  const { peering, route } = delivery.route;
  return `${addresses} → peerings.${peering.name}, to ${vpcOf(peering, otherSide(route.side)).name} (route ${route.destination.text}, ${route.path})`;
}

/**
 * One line per route table of a side path, each with where every part of the
 * addresses goes (✓ through the peering, ✗ elsewhere); a line that says why
 * there is no table when there is none.
 */
export function sidePathLines(path: SidePath): string[] {
  const vpc = vpcOf(path.peering, path.side);
  if (path.tablesFrom === "external")
    return [`? ${vpc.name} is outside the config (external): its route tables are not known`];
  if (path.tables.length === 0)
    return [
      `✗ ${vpc.name} has no route table for peerings.${path.peering.name} (neither its routes nor vpcs.${vpc.name}.routeTableIds name one)`,
    ];
  const note =
    path.tablesFrom === "vpc"
      ? ` (peerings.${path.peering.name} routes nothing on ${vpc.name}'s side: its VPC route tables)`
      : "";
  return path.tables.map((table) => {
    const parts = table.deliveries.map((d) => `${table.astray.includes(d) ? "✗" : "✓"} ${deliveryLine(d)}`);
    return `${table.routeTableId}${note}: ${parts.length === 0 ? "✗ nothing asked" : parts.join("; ")}`;
  });
}
