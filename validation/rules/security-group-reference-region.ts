import { error, type Finding } from "../../core/finding";
import { otherSide, SIDES, vpcOf } from "../../model/network";
import type { NetworkRule } from "../rule";

/**
 * A rule may reference the peer's security group only when both VPCs are in
 * the same region: AWS cannot resolve a security group across regions.
 */
export const securityGroupReferenceRegion: NetworkRule = {
  id: "security-group-reference-region",
  description: "Security group references only within one region.",
  check(network) {
    const findings: Finding[] = [];
    for (const peering of network.peerings) {
      if (peering.sameRegion) continue;
      for (const side of SIDES) {
        const peer = vpcOf(peering, otherSide(side));
        for (const rule of peering.ingress[side]) {
          if (rule.source.kind !== "securityGroup") continue;
          findings.push(
            error(
              `${rule.path}.source`,
              `${rule.source.securityGroupId} is in ${peer.region} but ${rule.securityGroupId} is in ${vpcOf(peering, side).region}; AWS cannot reference a security group across regions. Use { cidr: <a block of ${peer.name}> } or { peerVpc: true }`,
            ),
          );
        }
      }
    }
    return findings;
  },
};
