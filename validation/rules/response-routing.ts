import { type Finding, pathOf, warning } from "../../core/finding";
import { otherSide, vpcOf } from "../../model/network";
import { type IngressPath, ingressPaths } from "../../reachability/ingress-paths";
import { type Delivery, deliveryText } from "../../reachability/longest-prefix";
import type { TablePath } from "../../reachability/side-path";
import { portsText, sourceText } from "../../reachability/wording";
import type { NetworkRule } from "../rule";

/**
 * Replies go back through the peering the request came through. AWS routes a
 * reply like any packet, by its destination, and "does not support unicast
 * reverse path forwarding in VPC peering connections that checks the source IP
 * of packets and routes reply packets back to the source" (AWS VPC Peering
 * Guide, "Routing for response traffic",
 * https://docs.aws.amazon.com/vpc/latest/peering/peering-configurations-partial-access.html#peering-incorrect-response-routing;
 * also "Update your route tables for a VPC peering connection",
 * https://docs.aws.amazon.com/vpc/latest/peering/vpc-peering-routing.html).
 * The guide's example: VPC A peers with B and C, whose CIDRs match; A routes
 * 10.0.0.0/16 to C, so A's replies to B go to C. Its fixes are a more specific
 * route to B (10.0.1.0/24, or one address), so that longest prefix match sends
 * the replies back.
 *
 * For every ingress rule on a side we manage, each route table that side
 * routes for the peering (or, when it routes nothing for it, each of the VPC's
 * `routeTableIds`) must send every address the rule admits back through the
 * same peering: a warning names the rule (its path), the route table and the
 * route of another peering that takes the replies, or says that no route of
 * the config covers them. A security group source may be any address of the
 * peer VPC (where its members are is not in the config). Static analysis of
 * the config: routes made outside it are not seen.
 */
export const responseRouting: NetworkRule = {
  id: "response-routing",
  description:
    "Route tables send the replies to what an ingress rule admits back through the same peering, not to another peering or nowhere.",
  check(network) {
    return ingressPaths(network).flatMap(findingsOf);
  },
};

function findingsOf(path: IngressPath): Finding[] {
  const { peering, side, rule, sources, back } = path;
  if (back.tablesFrom === "external" || back.complete) return [];
  const where = pathOf("peerings", peering.name);
  const own = vpcOf(peering, side);
  const admits = `${rule.securityGroupId} admits ${sourceText(rule, sources)} (${portsText(rule)}) through ${where}`;
  const narrow =
    rule.source.kind === "securityGroup"
      ? `; if the members of ${rule.source.securityGroupId} only have addresses it sends back, acknowledge this warning`
      : "";
  if (back.tables.length === 0) {
    return [
      warning(
        rule.path,
        `${admits}, but ${own.name} routes nothing for the peering: neither ${where}.routes.${side}.routeTableIds nor vpcs.${own.name}.routeTableIds names a route table, so replies never take the peering. List the route tables of the subnets behind ${rule.securityGroupId}`,
      ),
    ];
  }
  const which = (table: TablePath) =>
    back.tablesFrom === "vpc"
      ? `${table.routeTableId} (${where}.routes.${side} routes nothing, so vpcs.${own.name}.routeTableIds decide)`
      : table.routeTableId;
  return back.tables.flatMap((table) =>
    table.astray.map((delivery: Delivery) => {
      const addresses = deliveryText(delivery);
      const fix = `Route ${addresses} to ${where} in ${table.routeTableId}, or narrow the rule's source to the addresses ${table.routeTableId} sends back through it${narrow}`;
      if (delivery.route === undefined) {
        return warning(
          rule.path,
          `${admits}, but ${which(table)} has no route of this config that sends the replies to ${addresses} through ${where}, so they follow the table's other routes (local, gateways), never the peering. ${fix}`,
        );
      }
      const thief = delivery.route;
      const thiefPeer = vpcOf(thief.peering, otherSide(thief.route.side));
      return warning(
        rule.path,
        `${admits}, but ${which(table)} sends the replies to ${addresses} to peerings.${thief.peering.name} by its route to ${thief.route.destination.text} (${thief.route.path}): they reach ${thiefPeer.name}, not ${vpcOf(peering, otherSide(side)).name} (AWS VPC Peering Guide, "Routing for response traffic"). ${fix}`,
      );
    }),
  );
}
