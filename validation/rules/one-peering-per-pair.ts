import { error, type Finding, pathOf } from "../../core/finding";
import type { NetworkRule } from "../rule";

/**
 * Peering is strictly 1:1: two VPCs share at most one active peering, in
 * either direction (AWS rejects a second one as a duplicate).
 */
export const onePeeringPerPair: NetworkRule = {
  id: "one-peering-per-pair",
  description: "At most one peering per pair of VPCs, in either direction.",
  check(network) {
    const findings: Finding[] = [];
    const firstFor = new Map<string, string>();
    for (const peering of network.peerings) {
      const pair = [peering.requester.vpcId, peering.accepter.vpcId].sort().join("+");
      const first = firstFor.get(pair);
      if (first === undefined) firstFor.set(pair, peering.name);
      else
        findings.push(
          error(
            pathOf("peerings", peering.name),
            `${peering.requester.name} and ${peering.accepter.name} are already peered by peerings.${first}; two VPCs share one peering at most, so merge the routes and ingress rules into peerings.${first}`,
          ),
        );
    }
    return findings;
  },
};
