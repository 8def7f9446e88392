import type { Vpc } from "../model/network";

/**
 * EC2 ARNs of the things a peering touches, in the partition and region of
 * the VPC they belong to.
 */
export const ec2Arn = {
  vpc: (vpc: Vpc) => `arn:${vpc.partition}:ec2:${vpc.region}:${vpc.account.accountId}:vpc/${vpc.vpcId}`,
  routeTable: (vpc: Vpc, routeTableId: string) =>
    `arn:${vpc.partition}:ec2:${vpc.region}:${vpc.account.accountId}:route-table/${routeTableId}`,
  securityGroup: (vpc: Vpc, securityGroupId: string) =>
    `arn:${vpc.partition}:ec2:${vpc.region}:${vpc.account.accountId}:security-group/${securityGroupId}`,
  securityGroupRules: (vpc: Vpc) =>
    `arn:${vpc.partition}:ec2:${vpc.region}:${vpc.account.accountId}:security-group-rule/*`,
  /** Peering connections as seen in `vpc`'s region, under the account id given. */
  peeringConnections: (vpc: Vpc, ownerAccountId: string) =>
    `arn:${vpc.partition}:ec2:${vpc.region}:${ownerAccountId}:vpc-peering-connection/*`,
};
