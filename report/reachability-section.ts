import { type Network, otherSide, type Peering, SIDES, type Side, vpcOf } from "../model/network";
import { deliveryLine } from "../reachability/hop-lines";
import { type IngressPath, ingressPaths } from "../reachability/ingress-paths";
import type { SidePath } from "../reachability/side-path";
import { portsText, sourceText } from "../reachability/wording";
import { cell } from "./markdown-cell";

/**
 * Whether a side's route tables send the addresses through the peering: ✅, or
 * ❌ with each part that goes astray. Toward a security group (`partial`), a
 * table that routes some of the VPC through the peering is ⚠️: the group's
 * members may be in that part.
 */
function pathCell(path: SidePath, partial: boolean): string {
  const vpc = vpcOf(path.peering, path.side);
  if (path.tablesFrom === "external") return `unknown: ${vpc.name} is external`;
  if (path.tables.length === 0) return `❌ ${vpc.name} has no route table for the peering`;
  const from = path.tablesFrom === "vpc" ? " (VPC's route tables: the peering routes nothing on this side)" : "";
  return path.tables
    .map((table) =>
      table.astray.length === 0
        ? `✅ ${table.routeTableId}${from}`
        : `${partial && table.astray.length < table.deliveries.length ? "⚠️" : "❌"} ${table.routeTableId}${from}: ${table.astray.map(deliveryLine).join("; ")}`,
    )
    .join("\n");
}

function row(path: IngressPath): string {
  const { rule, sources } = path;
  return `| ${[rule.securityGroupId, sourceText(rule, sources), portsText(rule), pathCell(path.toward, true), pathCell(path.back, false)].map(cell).join(" | ")} |`;
}

function directionLines(peering: Peering, side: Side, paths: readonly IngressPath[]): string[] {
  const from = vpcOf(peering, otherSide(side)).name;
  const to = vpcOf(peering, side).name;
  const title = `**${from} → ${to}**`;
  const own = paths.filter((p) => p.side === side);
  if (own.length === 0) return [`${title}: no ingress rule of the config on ${to}'s side.`, ""];
  return [
    `${title}`,
    "",
    "| security group | admits | ports | routed there | replies routed back |",
    "| --- | --- | --- | --- | --- |",
    ...own.map(row),
    "",
  ];
}

/**
 * The report's reachability section: per peering and direction, which
 * security group admits whom on which ports, whether the sender's route
 * tables send the traffic through the peering, and whether the receiver's
 * route tables send the replies back through it (longest prefix match over
 * every route of the config). Static analysis of the config.
 */
export function renderReachabilitySection(network: Network): string[] {
  const byPeering = new Map<Peering, IngressPath[]>();
  for (const path of ingressPaths(network)) byPeering.set(path.peering, [...(byPeering.get(path.peering) ?? []), path]);
  const peerings = [...network.peerings].sort((a, b) => a.name.localeCompare(b.name));
  return [
    "## Reachability",
    "",
    "Static analysis of the config, not of AWS: for each ingress rule, whether the sender's route tables send traffic for the security group's VPC through the peering, and whether the receiver's route tables send the replies back through the same peering (longest prefix match over every route of the config; a security group source may be any address of the peer VPC). ✅ every table does; ⚠️ a table routes only part of the VPC there (the group's members may be in it); ❌ what goes elsewhere, with the route that takes it. `npm run reach -- <from> <to> <port>` explains one path hop by hop.",
    "",
    ...peerings.flatMap((peering) => [
      `### ${peering.name} (reachability)`,
      "",
      ...SIDES.slice()
        .reverse()
        .flatMap((side) => directionLines(peering, side, byPeering.get(peering) ?? [])),
    ]),
  ];
}
