import { error, pathOf } from "../../core/finding";
import type { NetworkRule } from "../rule";
import { Tally } from "../tally";

/** AWS's hard ceiling for active peerings per VPC, whatever the quota says. */
const AWS_MAXIMUM = 125;

/** A VPC takes part in no more peerings than its account's quota (default 50, at most 125). */
export const peeringsPerVpcQuota: NetworkRule = {
  id: "peerings-per-vpc-quota",
  description: "Active peerings per VPC stay within the quota.",
  check(network) {
    const quota = network.quotas.peeringsPerVpc;
    const tally = new Tally();
    for (const peering of network.peerings) {
      for (const vpc of [peering.requester, peering.accepter]) tally.add(vpc.name, pathOf("vpcs", vpc.name));
    }
    return tally
      .over(quota)
      .map(({ count, firstPath }) =>
        error(
          firstPath,
          `takes part in ${count} peerings, over the quota of ${quota} active peerings per VPC; ${quota < AWS_MAXIMUM ? `ask AWS to raise it (up to ${AWS_MAXIMUM}) and set quotas.peeringsPerVpc, or ` : ""}connect this many VPCs through a transit gateway`,
        ),
      );
  },
};
