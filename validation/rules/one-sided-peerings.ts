import { error, type Finding, pathOf, warning } from "../../core/finding";
import { isManaged, SIDES, vpcOf } from "../../model/network";
import type { NetworkRule } from "../rule";

/**
 * Peerings with a VPC outside the config (`external`): only our side is
 * synthesized. One side must be ours; an external requester's connection id
 * is given once: as `peeringConnectionId` while it waits for our acceptance,
 * as `existing.peeringConnectionId` once it is active (we adopt our side);
 * the external side gets no routes or rules from us; and DNS options wait
 * until the peering is active.
 */
export const oneSidedPeerings: NetworkRule = {
  id: "one-sided-peerings",
  description: "Peerings with an external VPC configure only our side, and say what we need to know.",
  check(network) {
    const findings: Finding[] = [];
    for (const peering of network.peerings) {
      const at = (...parts: string[]) => pathOf("peerings", peering.name, ...parts);
      const requesterExternal = !isManaged(peering, "requester");
      const accepterExternal = !isManaged(peering, "accepter");
      if (requesterExternal && accepterExternal) {
        findings.push(
          error(
            at(),
            `both ${peering.requester.name} and ${peering.accepter.name} are external; one side of a peering must be a VPC of this config`,
          ),
        );
        continue;
      }
      if (requesterExternal && !peering.incomingConnectionId && !peering.existingConnectionId) {
        findings.push(
          error(
            at("peeringConnectionId"),
            `the requester ${peering.requester.name} is external, so it creates the connection: give its pcx- id (aws ec2 describe-vpc-peering-connections --filters Name=status-code,Values=pending-acceptance), or existing: { peeringConnectionId } if it is already active`,
          ),
        );
      }
      if (!requesterExternal && peering.incomingConnectionId) {
        findings.push(
          error(
            at("peeringConnectionId"),
            "only a peering with an external requester takes peeringConnectionId; to adopt a peering made by hand, use existing: { peeringConnectionId }",
          ),
        );
      }
      if (requesterExternal && peering.incomingConnectionId && peering.existingConnectionId) {
        findings.push(
          error(
            at("existing"),
            "give the external requester's connection once: peeringConnectionId while it waits for acceptance (our stack accepts it), or existing: { peeringConnectionId } once it is active (our stack adopts its side); remove one",
          ),
        );
      }
      for (const side of SIDES.filter((s) => !isManaged(peering, s))) {
        const vpc = vpcOf(peering, side);
        if (peering.ingress[side].length > 0) {
          findings.push(
            error(
              at("ingress", side),
              `${vpc.name} is external: its security groups are its owner's (${vpc.account.accountId}) to open; remove these rules`,
            ),
          );
        }
        if (peering.routes[side].length > 0) {
          findings.push(
            error(
              at("routes", side),
              `${vpc.name} is external: its route tables are its owner's (${vpc.account.accountId}); remove this route selection`,
            ),
          );
        }
      }
      if (accepterExternal && peering.dnsResolution && !peering.existingConnectionId) {
        findings.push(
          warning(
            at("dnsResolution"),
            `the peering stays pending until ${peering.accepter.account.accountId} accepts it, and DNS options need an active peering: they are left out for now; once accepted, add existing: { peeringConnectionId } to set them (or set dnsResolution: false)`,
          ),
        );
      }
    }
    return findings;
  },
};
