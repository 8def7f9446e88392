import type { AwsPartition } from "../config/aws-regions";
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

/**
 * Route 53 ARNs: global, so no region and no account.
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonroute53.html#amazonroute53-resources-for-iam-policies
 */
export const route53Arn = {
  hostedZone: (partition: AwsPartition, zoneId: string) => `arn:${partition}:route53:::hostedzone/${zoneId}`,
  /** Every change: their ids are made by AssociateVPCWithHostedZone, so no policy can name them in advance. */
  changes: (partition: AwsPartition) => `arn:${partition}:route53:::change/*`,
};
