import { cidrsOverlap } from "../../core/cidr";
import { error, type Finding, pathOf } from "../../core/finding";
import { allBlocks, vpcCidrPath } from "../network-paths";
import type { NetworkRule } from "../rule";

/**
 * The two VPCs of a peering share no address: every block of one (primary,
 * secondary, IPv6) against every block of the other. AWS fails the peering
 * request otherwise. Linear in peerings; each VPC has a handful of blocks.
 */
export const noCidrOverlap: NetworkRule = {
  id: "no-cidr-overlap",
  description: "Peered VPCs have no overlapping CIDR blocks, secondary and IPv6 included.",
  check(network) {
    const findings: Finding[] = [];
    for (const peering of network.peerings) {
      const { requester, accepter } = peering;
      for (const a of allBlocks(accepter)) {
        for (const r of allBlocks(requester)) {
          if (!cidrsOverlap(a, r)) continue;
          findings.push(
            error(
              pathOf("peerings", peering.name),
              `CIDR ${a.text} (${vpcCidrPath(accepter, a)}) overlaps ${r.text} (${vpcCidrPath(requester, r)}); peered VPCs must not overlap, AWS fails the request. Peer VPCs with distinct ranges, or re-address one of them`,
            ),
          );
        }
      }
    }
    return findings;
  },
};
