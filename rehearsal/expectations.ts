import type { Network, Peering, Side } from "../model/network";
import { routeState } from "./ec2-routes";
import type { PeeringState, World } from "./world";

/**
 * What the world must look like after an apply, from what the config asks
 * for: each peering live between its two VPCs (active, or pending-acceptance
 * while an external accepter has not accepted), each route in its table
 * targeting that peering, each ingress rule with its source, and DNS
 * resolution set on each side we manage once active (zones: {@link zoneProblems}). Returns the problems.
 */
export function worldProblems(world: World, network: Network): string[] {
  const problems: string[] = [];
  for (const peering of network.peerings) {
    const p = livePeering(world, peering);
    if (!p) {
      problems.push(
        `${peering.name}: no live peering connection between ${peering.requester.vpcId} and ${peering.accepter.vpcId}`,
      );
      continue;
    }
    const expected =
      peering.accepter.account.external && !peering.existingConnectionId ? "pending-acceptance" : "active";
    if (p.status !== expected) problems.push(`${peering.name}: ${p.id} is ${p.status}, expected ${expected}`);
    for (const side of ["requester", "accepter"] as Side[]) {
      const vpc = peering[side];
      for (const route of peering.routes[side]) {
        const table = world.routeTables.find((t) => t.id === route.routeTableId && t.account === vpc.account.accountId);
        const found = table?.routes.find(
          (r) => (r.destinationCidrBlock ?? r.destinationIpv6CidrBlock) === route.destination.text,
        );
        if (found?.vpcPeeringConnectionId !== p.id) {
          problems.push(
            `${peering.name}: ${route.routeTableId} routes ${route.destination.text} to ${found?.vpcPeeringConnectionId ?? "nothing"}, expected ${p.id}`,
          );
        } else if (expected === "active" && routeState(world, found) !== "active") {
          problems.push(`${peering.name}: route ${route.routeTableId} ${route.destination.text} is a blackhole`);
        }
      }
      for (const rule of peering.ingress[side]) {
        const match = world.rules.find(
          (r) =>
            r.groupId === rule.securityGroupId &&
            r.account === vpc.account.accountId &&
            !r.isEgress &&
            r.ipProtocol === (rule.protocol === "all" ? "-1" : rule.protocol) &&
            r.fromPort === (rule.fromPort ?? -1) &&
            r.toPort === (rule.toPort ?? -1) &&
            (rule.source.kind === "cidr"
              ? (r.cidrIpv4 ?? r.cidrIpv6) === rule.source.cidr.text
              : r.referencedGroup?.groupId === rule.source.securityGroupId &&
                r.referencedGroup.userId === rule.source.ownerAccountId),
        );
        if (!match)
          problems.push(
            `${peering.name}: ${rule.securityGroupId} has no ${rule.protocol} rule from ${sourceText(rule.source)}`,
          );
      }
      if (peering.dnsResolution && p.status === "active" && !vpc.account.external) {
        const options = side === "requester" ? p.requester : p.accepter;
        if (!options.allowDnsResolutionFromRemoteVpc)
          problems.push(`${peering.name}: DNS resolution is off on the ${side} side of ${p.id}`);
      }
    }
  }
  return problems;
}

/** Each zone a peering shares is associated with the VPC that resolves it. */
export function zoneProblems(world: World, network: Network): string[] {
  return network.peerings.flatMap((peering) =>
    peering.zoneShares
      .filter((share) => {
        const zone = world.hostedZones.find((z) => z.id === share.zone.zoneId);
        return !zone?.vpcs.some((v) => v.vpcId === share.vpc.vpcId && v.region === share.vpc.region);
      })
      .map(
        (share) =>
          `${peering.name}: zone ${share.zone.name} (${share.zone.zoneId}) is not associated with ${share.vpc.name} (${share.vpc.vpcId})`,
      ),
  );
}

function sourceText(source: Network["peerings"][number]["ingress"]["requester"][number]["source"]): string {
  return source.kind === "cidr" ? source.cidr.text : `${source.ownerAccountId}/${source.securityGroupId}`;
}

/** The live (not deleted, not failed) connection between a peering's VPCs. */
export function livePeering(world: World, peering: Peering): PeeringState | undefined {
  return world.peerings.find(
    (p) =>
      p.requester.vpcId === peering.requester.vpcId &&
      p.accepter.vpcId === peering.accepter.vpcId &&
      (p.status === "active" || p.status === "pending-acceptance"),
  );
}

/** What destroy must leave: no live peering, no route but the local ones, no security group rule, no zone association but the one each zone was created with, no authorization. */
export function leftovers(world: World): string[] {
  return [
    ...world.peerings
      .filter((p) => p.status === "active" || p.status === "pending-acceptance")
      .map((p) => `peering ${p.id} is still ${p.status}`),
    ...world.routeTables.flatMap((t) =>
      t.routes
        .filter((r) => r.origin !== "CreateRouteTable")
        .map(
          (r) => `route ${t.id} ${r.destinationCidrBlock ?? r.destinationIpv6CidrBlock} -> ${r.vpcPeeringConnectionId}`,
        ),
    ),
    ...world.rules.map((r) => `security group rule ${r.id} on ${r.groupId}`),
    ...world.hostedZones.flatMap((z) => [
      ...z.vpcs
        .filter((v) => v.vpcId !== z.createdWith.vpcId || v.region !== z.createdWith.region)
        .map((v) => `zone ${z.id} is still associated with ${v.vpcId}`),
      ...z.authorizations.map((v) => `zone ${z.id} still authorizes ${v.vpcId}`),
    ]),
  ];
}
