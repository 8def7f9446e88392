import type { ConditionContext } from "./policy";
import type { PeeringState, RouteTableState, SecurityGroupState, VpcState, World } from "./world";

/**
 * Resource ARNs and the condition keys each resource type brings, as the
 * Service Authorization Reference for Amazon EC2 lists them ("Resource types
 * defined by Amazon EC2"):
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonec2.html#amazonec2-resources-for-iam-policies
 */

/** One resource of a request, with its condition keys. */
export interface ResourceCheck {
  readonly arn: string;
  readonly context: ConditionContext;
}

/** The partition of a region. */
export function partitionOf(region: string): string {
  if (region.startsWith("cn-")) return "aws-cn";
  if (region.startsWith("us-gov-")) return "aws-us-gov";
  return "aws";
}

/** An EC2 ARN. */
export function ec2ArnOf(region: string, account: string, type: string, id: string): string {
  return `arn:${partitionOf(region)}:ec2:${region}:${account}:${type}/${id}`;
}

const tagKeys = (tags: Record<string, string>): Record<string, string[]> =>
  Object.fromEntries(Object.entries(tags).map(([k, v]) => [`ec2:ResourceTag/${k}`, [v]]));

/** `vpc`: arn:${Partition}:ec2:${Region}:${Account}:vpc/${VpcId}; keys ec2:VpcID, ec2:Region, ec2:ResourceTag/. */
export function vpcResource(
  vpc: Pick<VpcState, "id" | "account" | "region"> & { tags?: Record<string, string> },
): ResourceCheck {
  return {
    arn: ec2ArnOf(vpc.region, vpc.account, "vpc", vpc.id),
    context: { "ec2:VpcID": [vpc.id], "ec2:Region": [vpc.region], ...tagKeys(vpc.tags ?? {}) },
  };
}

/**
 * `vpc-peering-connection`: arn:${Partition}:ec2:${Region}:${Account}:vpc-peering-connection/${VpcPeeringConnectionId},
 * in the region of the call and under the owner's (the requester's) account;
 * keys ec2:AccepterVpc, ec2:RequesterVpc (VPC ARNs), ec2:VpcPeeringConnectionID, ec2:Region, ec2:ResourceTag/.
 */
export function peeringResource(p: PeeringState, callerAccount: string, region: string): ResourceCheck {
  return {
    arn: ec2ArnOf(region, p.requester.account, "vpc-peering-connection", p.id),
    context: {
      "ec2:AccepterVpc": [ec2ArnOf(p.accepter.region, p.accepter.account, "vpc", p.accepter.vpcId)],
      "ec2:RequesterVpc": [ec2ArnOf(p.requester.region, p.requester.account, "vpc", p.requester.vpcId)],
      "ec2:VpcPeeringConnectionID": [p.id],
      "ec2:Region": [region],
      ...tagKeys(p.tags[callerAccount] ?? {}),
    },
  };
}

/** `route-table`: arn:${Partition}:ec2:${Region}:${Account}:route-table/${RouteTableId}; keys ec2:RouteTableID, ec2:Vpc, ec2:Region. */
export function routeTableResource(t: RouteTableState): ResourceCheck {
  return {
    arn: ec2ArnOf(t.region, t.account, "route-table", t.id),
    context: {
      "ec2:RouteTableID": [t.id],
      "ec2:Vpc": [ec2ArnOf(t.region, t.account, "vpc", t.vpcId)],
      "ec2:Region": [t.region],
      ...tagKeys(t.tags),
    },
  };
}

/** `security-group`: arn:${Partition}:ec2:${Region}:${Account}:security-group/${SecurityGroupId}; keys ec2:SecurityGroupID, ec2:Vpc, ec2:Region. */
export function securityGroupResource(g: SecurityGroupState): ResourceCheck {
  return {
    arn: ec2ArnOf(g.region, g.account, "security-group", g.id),
    context: {
      "ec2:SecurityGroupID": [g.id],
      "ec2:Vpc": [ec2ArnOf(g.region, g.account, "vpc", g.vpcId)],
      "ec2:Region": [g.region],
      ...tagKeys(g.tags),
    },
  };
}

/** `security-group-rule`: arn:${Partition}:ec2:${Region}:${Account}:security-group-rule/${SecurityGroupRuleId}; keys ec2:Region, ec2:ResourceTag/. */
export function securityGroupRuleResource(r: {
  id: string;
  account: string;
  region: string;
  tags: Record<string, string>;
}): ResourceCheck {
  return {
    arn: ec2ArnOf(r.region, r.account, "security-group-rule", r.id),
    context: { "ec2:Region": [r.region], ...tagKeys(r.tags) },
  };
}

/** The resource behind an id, for CreateTags/DeleteTags. */
export function taggableResource(world: World, id: string, account: string, region: string): ResourceCheck | undefined {
  const vpc = world.vpcs.find((v) => v.id === id && v.account === account && v.region === region);
  if (vpc) return vpcResource(vpc);
  const table = world.routeTables.find((t) => t.id === id && t.account === account && t.region === region);
  if (table) return routeTableResource(table);
  const group = world.securityGroups.find((g) => g.id === id && g.account === account && g.region === region);
  if (group) return securityGroupResource(group);
  const rule = world.rules.find((r) => r.id === id && r.account === account && r.region === region);
  if (rule) return securityGroupRuleResource(rule);
  const peering = world.peerings.find((p) => p.id === id && p.status !== "deleted");
  if (peering) return peeringResource(peering, account, region);
  return undefined;
}
