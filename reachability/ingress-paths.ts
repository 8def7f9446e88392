import type { Cidr } from "../core/cidr";
import {
  carriedBlocks,
  managedSides,
  type Network,
  otherSide,
  type Peering,
  type PeeringIngressRule,
  type Side,
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

/** The addresses an ingress rule admits from the peer, as blocks the peering carries. */
function admittedSources(peering: Peering, rule: PeeringIngressRule): readonly Cidr[] {
  if (rule.source.kind === "cidr") return [rule.source.cidr];
  return carriedBlocks(peering, otherSide(rule.side));
}

/** Follows one ingress rule toward its security group and back. */
function ingressPath(index: RouteTableIndex, peering: Peering, rule: PeeringIngressRule): IngressPath {
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

/** The paths of each network's peerings, computed once: validation (response-routing) and the report both read them. */
const computed = new WeakMap<readonly Peering[], readonly IngressPath[]>();

/**
 * Every ingress rule of the config on a side we manage, followed toward its
 * security group and back: per peering, requester side first, in config order.
 */
export function ingressPaths(network: Pick<Network, "peerings">): readonly IngressPath[] {
  let paths = computed.get(network.peerings);
  if (!paths) {
    const index = indexRouteTables(network);
    paths = network.peerings.flatMap((peering) =>
      managedSides(peering).flatMap((side) => peering.ingress[side].map((rule) => ingressPath(index, peering, rule))),
    );
    computed.set(network.peerings, paths);
  }
  return paths;
}
