import { error, type Finding, pathOf } from "../../core/finding";
import type { NetworkRule } from "../rule";

/**
 * A peering stays inside one AWS partition (aws, aws-cn, aws-us-gov): the
 * partitions are separate clouds with separate accounts, and a VPC peering
 * cannot cross them. An account's roles live in the partition of its VPCs.
 *
 * @see https://docs.aws.amazon.com/whitepapers/latest/aws-fault-isolation-boundaries/partitions.html
 * @see https://docs.aws.amazon.com/vpc/latest/peering/vpc-peering-basics.html
 */
export const samePartition: NetworkRule = {
  id: "same-partition",
  description: "Peered VPCs, and each account's roles, are in one AWS partition.",
  check(network) {
    const findings: Finding[] = [];
    for (const peering of network.peerings) {
      const { requester, accepter } = peering;
      if (requester.partition !== accepter.partition) {
        findings.push(
          error(
            pathOf("peerings", peering.name),
            `${requester.name} is in ${requester.region} (partition ${requester.partition}) and ${accepter.name} in ${accepter.region} (partition ${accepter.partition}); a VPC peering cannot cross partitions: peer VPCs of one partition`,
          ),
        );
      }
    }
    for (const account of network.accounts.values()) {
      const partitions = new Set(
        [...network.vpcs.values()].filter((vpc) => vpc.account.name === account.name).map((vpc) => vpc.partition),
      );
      for (const field of ["roleArn", "planRoleArn"] as const) {
        const arnPartition = account[field]?.split(":")[1];
        if (arnPartition === undefined) continue;
        for (const partition of partitions) {
          if (partition !== arnPartition) {
            findings.push(
              error(
                pathOf("accounts", account.name, field),
                `role ${account[field]} is in partition ${arnPartition}, but the account's VPCs are in ${partition}; use arn:${partition}:iam::${account.accountId}:role/...`,
              ),
            );
          }
        }
      }
    }
    return findings;
  },
};
