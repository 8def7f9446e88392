import type { Cidr } from "../core/cidr";
import {
  bothSidesHaveIpv6,
  isManaged,
  type Network,
  otherSide,
  type Peering,
  type PeeringIngressRule,
  SIDES,
  type Side,
  vpcOf,
} from "../model/network";
import { indexRouteTables, type RouteTableIndex } from "./route-tables";
import { type SidePath, sidePath } from "./side-path";

/**
 * One ingress rule of the config, followed both ways: the traffic it admits
 * comes from the other side through the peering, and the replies must go back
 * the same way.
 */
export interface IngressPath {
  readonly peering: Peering;
  /** The side whose security group admits the traffic; it comes from the other side. */
  readonly side: Side;
  readonly rule: PeeringIngressRule;
  /**
   * The addresses the rule admits: its CIDR, or for a security group reference
   * every block of the peer VPC the peering carries (where the group's members
   * are is not in the config).
   */
  readonly sources: readonly Cidr[];
  /** The other side's route tables, toward the blocks of this side's VPC (the group's instances may be anywhere in it). */
  readonly toward: SidePath;
  /** This side's route tables, back to the sources. */
  readonly back: SidePath;
}

/** The blocks of a side's VPC that the peering carries: IPv4, and IPv6 when both sides have it. */
export function carriedBlocks(peering: Peering, side: Side): Cidr[] {
  const vpc = vpcOf(peering, side);
  return bothSidesHaveIpv6(peering) ? [...vpc.cidrBlocks, ...vpc.ipv6CidrBlocks] : [...vpc.cidrBlocks];
}

/** The addresses an ingress rule admits from the peer, as blocks the peering carries. */
export function admittedSources(peering: Peering, rule: PeeringIngressRule): Cidr[] {
  if (rule.source.kind === "cidr") return [rule.source.cidr];
  return carriedBlocks(peering, otherSide(rule.side));
}

/** Follows one ingress rule toward its security group and back. */
export function ingressPath(index: RouteTableIndex, peering: Peering, rule: PeeringIngressRule): IngressPath {
  const { side } = rule;
  const sources = admittedSources(peering, rule);
  const families = new Set(sources.map((s) => s.family));
  const destinations = carriedBlocks(peering, side).filter((b) => families.has(b.family));
  return {
    peering,
    side,
    rule,
    sources,
    toward: sidePath(index, peering, otherSide(side), destinations),
    back: sidePath(index, peering, side, sources),
  };
}

/**
 * Every ingress rule of the config on a side we manage, followed toward its
 * security group and back: per peering, requester side first, in config order.
 */
export function ingressPaths(network: Pick<Network, "peerings">, index = indexRouteTables(network)): IngressPath[] {
  return network.peerings.flatMap((peering) =>
    SIDES.filter((side) => isManaged(peering, side)).flatMap((side) =>
      peering.ingress[side].map((rule) => ingressPath(index, peering, rule)),
    ),
  );
}
