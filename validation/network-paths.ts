import type { Cidr } from "../core/cidr";
import { pathOf } from "../core/finding";
import { type Network, type Peering, type PeeringRoute, SIDES, type Vpc } from "../model/network";

/** Config path of one of a VPC's own blocks: `vpcs.app.cidrBlocks[0]` or `vpcs.app.ipv6CidrBlocks[0]`. */
export function vpcCidrPath(vpc: Vpc, block: Cidr): string {
  const list = block.family === "ipv4" ? "cidrBlocks" : "ipv6CidrBlocks";
  const blocks = block.family === "ipv4" ? vpc.cidrBlocks : vpc.ipv6CidrBlocks;
  return pathOf("vpcs", vpc.name, list, blocks.indexOf(block));
}

/** All blocks of a VPC, IPv4 then IPv6. */
export function allBlocks(vpc: Vpc): readonly Cidr[] {
  return [...vpc.cidrBlocks, ...vpc.ipv6CidrBlocks];
}

/** "10.1.0.0/16, 10.2.0.0/16" */
export function listBlocks(blocks: readonly Cidr[]): string {
  return blocks.map((b) => b.text).join(", ");
}

/** Every route the config asks for, each with its peering, requester side first. */
export function* allRoutes(network: Network): Generator<{ readonly peering: Peering; readonly route: PeeringRoute }> {
  for (const peering of network.peerings) {
    for (const side of SIDES) {
      for (const route of peering.routes[side]) yield { peering, route };
    }
  }
}
