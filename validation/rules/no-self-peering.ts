import { error, pathOf } from "../../core/finding";
import type { NetworkRule } from "../rule";

/** A VPC cannot peer with itself; AWS rejects the request. */
export const noSelfPeering: NetworkRule = {
  id: "no-self-peering",
  description: "A peering joins two different VPCs.",
  check(network) {
    return network.peerings
      .filter((p) => p.requester.vpcId === p.accepter.vpcId)
      .map((p) =>
        error(
          pathOf("peerings", p.name, "accepter"),
          `requester and accepter are both ${p.requester.name} (${p.requester.vpcId}); a VPC cannot peer with itself, name another VPC`,
        ),
      );
  },
};
