import type { Peering, PeeringIngressRule, PeeringRoute, Side } from "../model/network";

/**
 * Terraform addresses of a peering's resources, in one place: the constructs
 * take their ids from here, and tools that must name a resource (the mocked
 * `terraform test`, reports, import and moved blocks) ask here too.
 *
 * A stack's logical ids are the construct path below the stack joined with
 * `_` (see PeeringAccountStack), so a peering `p` yields `p_connection`,
 * `p_accepter`, `p_dns_<side>`, `p_routes_<route id>`, `p_ingress_<rule id>`.
 * Every part comes from a name or value in the config, never a list position.
 */

/** Construct ids of the parts of a peering. */
export const PART = {
  connection: "connection",
  accepter: "accepter",
  dns: "dns",
  routes: "routes",
  ingress: "ingress",
} as const;

/**
 * Turns a config value (a CIDR, an id) into a part of a Terraform address:
 * dots and colons become `-`, the prefix slash becomes `_`, so
 * `10.1.0.0/16` → `10-1-0-0_16` and `2600:1f18::/56` → `2600-1f18--_56`.
 */
export function addressPart(value: string): string {
  return value.replace(/[.:]/g, "-").replace(/\//g, "_").replace(/[^A-Za-z0-9_-]/g, "-");
}

/** Construct id of a route: `<side>_<route table id>_<destination>`. */
export function routeId(route: PeeringRoute): string {
  return `${route.side}_${route.routeTableId}_${addressPart(route.destination.text)}`;
}

/**
 * Construct id of an ingress rule: side, security group, protocol and ports,
 * source. Two rules with the same id would be the same AWS rule, which
 * validation rejects.
 */
export function ingressRuleId(rule: PeeringIngressRule): string {
  const ports =
    rule.fromPort === undefined || rule.fromPort === -1
      ? ""
      : rule.fromPort === rule.toPort
        ? `-${rule.fromPort}`
        : `-${rule.fromPort}-${rule.toPort}`;
  const source = rule.source.kind === "securityGroup" ? rule.source.securityGroupId : addressPart(rule.source.cidr.text);
  return `${rule.side}_${rule.securityGroupId}_${rule.protocol}${ports}_from_${source}`;
}

/** Full Terraform addresses (`type.name`) of a peering's resources. */
export const peeringAddress = {
  connection: (p: Pick<Peering, "name">) => `aws_vpc_peering_connection.${p.name}_${PART.connection}`,
  accepter: (p: Pick<Peering, "name">) => `aws_vpc_peering_connection_accepter.${p.name}_${PART.accepter}`,
  dnsOptions: (p: Pick<Peering, "name">, side: Side) => `aws_vpc_peering_connection_options.${p.name}_${PART.dns}_${side}`,
  route: (p: Pick<Peering, "name">, route: PeeringRoute) => `aws_route.${p.name}_${PART.routes}_${routeId(route)}`,
  ingressRule: (p: Pick<Peering, "name">, rule: PeeringIngressRule) =>
    `aws_vpc_security_group_ingress_rule.${p.name}_${PART.ingress}_${ingressRuleId(rule)}`,
};
