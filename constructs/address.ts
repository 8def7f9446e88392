import type { Peering, PeeringIngressRule, PeeringRoute, Side, ZoneShare } from "../model/network";
import { addressPart, ingressRuleKey, zoneShareKey } from "../model/rule-key";

/**
 * Terraform addresses of a peering's resources, in one place: the constructs
 * take their ids from here, and tools that must name a resource (the mocked
 * `terraform test`, reports, import and moved blocks) ask here too.
 *
 * A stack's logical ids are the construct path below the stack joined with
 * `_` (see PeeringAccountStack), so a peering `p` yields `p_connection`,
 * `p_accepter`, `p_dns_<side>`, `p_routes_<route id>`, `p_ingress_<rule id>`,
 * `p_zones_<zone share key>_authorization` and `p_zones_<zone share key>_association`.
 * Every part comes from a name or value in the config, never a list position.
 */

/** Construct ids of the parts of a peering. */
export const PART = {
  connection: "connection",
  accepter: "accepter",
  dns: "dns",
  routes: "routes",
  ingress: "ingress",
  zones: "zones",
} as const;

/** Construct ids of the two resources of one zone share, below `zones_<zone share key>`. */
export const ZONE_PART = { authorization: "authorization", association: "association" } as const;

/** Construct id of a route: `<side>_<route table id>_<destination>`. */
export function routeId(route: PeeringRoute): string {
  return `${route.side}_${route.routeTableId}_${addressPart(route.destination.text)}`;
}

/**
 * Construct id of an ingress rule: `<side>_` and the rule's key (security
 * group, protocol and ports, source; see {@link ingressRuleKey}).
 */
export function ingressRuleId(rule: PeeringIngressRule): string {
  return `${rule.side}_${ingressRuleKey(rule)}`;
}

/** Full Terraform addresses (`type.name`) of a peering's resources. */
export const peeringAddress = {
  connection: (p: Pick<Peering, "name">) => `aws_vpc_peering_connection.${p.name}_${PART.connection}`,
  accepter: (p: Pick<Peering, "name">) => `aws_vpc_peering_connection_accepter.${p.name}_${PART.accepter}`,
  dnsOptions: (p: Pick<Peering, "name">, side: Side) =>
    `aws_vpc_peering_connection_options.${p.name}_${PART.dns}_${side}`,
  route: (p: Pick<Peering, "name">, route: PeeringRoute) => `aws_route.${p.name}_${PART.routes}_${routeId(route)}`,
  ingressRule: (p: Pick<Peering, "name">, rule: PeeringIngressRule) =>
    `aws_vpc_security_group_ingress_rule.${p.name}_${PART.ingress}_${ingressRuleId(rule)}`,
  zoneAuthorization: (p: Pick<Peering, "name">, share: Pick<ZoneShare, "zone" | "vpc">) =>
    `aws_route53_vpc_association_authorization.${p.name}_${PART.zones}_${zoneShareKey(share)}_${ZONE_PART.authorization}`,
  zoneAssociation: (p: Pick<Peering, "name">, share: Pick<ZoneShare, "zone" | "vpc">) =>
    `aws_route53_zone_association.${p.name}_${PART.zones}_${zoneShareKey(share)}_${ZONE_PART.association}`,
};
