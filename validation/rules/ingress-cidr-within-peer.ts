import { cidrContains } from "../../core/cidr";
import { error, type Finding } from "../../core/finding";
import { otherSide, SIDES, vpcOf } from "../../model/network";
import { allBlocks, listBlocks } from "../network-paths";
import type { NetworkRule } from "../rule";

/**
 * A CIDR source lies inside the peer VPC: the rule is there to let the peer
 * in, and anything wider opens the group to networks this peering does not
 * carry. A `/0` source (0.0.0.0/0, ::/0) is never accepted.
 */
export const ingressCidrWithinPeer: NetworkRule = {
  id: "ingress-cidr-within-peer",
  description: "CIDR sources lie inside the peer VPC; never /0.",
  check(network) {
    const findings: Finding[] = [];
    for (const peering of network.peerings) {
      for (const side of SIDES) {
        const peer = vpcOf(peering, otherSide(side));
        for (const rule of peering.ingress[side]) {
          if (rule.source.kind !== "cidr" || rule.fromPeerVpc) continue;
          const source = rule.source.cidr;
          const at = `${rule.path}.source.cidr`;
          if (source.prefixLength === 0) {
            findings.push(
              error(
                at,
                `${source.text} opens ${rule.securityGroupId} to every address; use { peerVpc: true } or a block of ${peer.name} (${listBlocks(allBlocks(peer))})`,
              ),
            );
          } else if (!allBlocks(peer).some((block) => cidrContains(block, source))) {
            findings.push(
              error(
                at,
                `${source.text} is not inside ${peer.name}'s CIDRs (${listBlocks(allBlocks(peer))}); a peering only carries the peer's traffic, so use a block of ${peer.name} or { peerVpc: true }`,
              ),
            );
          }
        }
      }
    }
    return findings;
  },
};
