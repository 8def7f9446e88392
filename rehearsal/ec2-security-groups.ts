import { securityGroupResource, securityGroupRuleResource } from "./arns";
import type { CallContext, Handler } from "./ec2-context";
import { applyFilters } from "./ec2-filters";
import { tagSet, tagSpecificationTags } from "./ec2-render";
import { tagSpecifications } from "./ec2-tags";
import { list, type QueryValue, str, strings, struct } from "./query";
import { newId, type SecurityGroupRuleState, type SecurityGroupState, type World } from "./world";
import { AwsError, items } from "./xml";

/**
 * Security groups and their rules.
 * https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html
 * Referencing a security group of a peer VPC: "The VPC peering connection
 * must be active", same Region only, written `account/sg-id`:
 * https://docs.aws.amazon.com/vpc/latest/peering/vpc-peering-security-groups.html
 * Quota: inbound rules per security group (default 60):
 * https://docs.aws.amazon.com/vpc/latest/userguide/amazon-vpc-limits.html#vpc-limits-security-groups
 */

const PROTOCOL_NAMES: Record<string, string> = { "6": "tcp", "17": "udp", "1": "icmp", "58": "icmpv6", all: "-1" };

function ownGroup(ctx: CallContext, id: string | undefined): SecurityGroupState {
  const g = ctx.world.securityGroups.find((s) => s.id === id && s.account === ctx.account && s.region === ctx.region);
  if (!g) throw new AwsError("InvalidGroup.NotFound", `The security group '${id}' does not exist`);
  return g;
}

type RuleShape = Omit<SecurityGroupRuleState, "id" | "groupId" | "account" | "region" | "isEgress" | "tags">;

function sameRule(a: RuleShape, b: RuleShape): boolean {
  return (
    a.ipProtocol === b.ipProtocol &&
    a.fromPort === b.fromPort &&
    a.toPort === b.toPort &&
    a.cidrIpv4 === b.cidrIpv4 &&
    a.cidrIpv6 === b.cidrIpv6 &&
    a.prefixListId === b.prefixListId &&
    a.referencedGroup?.groupId === b.referencedGroup?.groupId
  );
}

function ports(
  protocol: string,
  from: string | undefined,
  to: string | undefined,
): { fromPort: number; toPort: number } {
  if (protocol === "-1") return { fromPort: -1, toPort: -1 };
  return { fromPort: from === undefined ? -1 : Number(from), toPort: to === undefined ? -1 : Number(to) };
}

/** The rules one `IpPermissions.N` entry stands for: one per range, group pair or prefix list. */
function rulesOfPermission(ctx: CallContext, group: SecurityGroupState, permission: QueryValue): RuleShape[] {
  const raw = str(permission, "IpProtocol") ?? "-1";
  const ipProtocol = PROTOCOL_NAMES[raw] ?? raw;
  const base = { ipProtocol, ...ports(ipProtocol, str(permission, "FromPort"), str(permission, "ToPort")) };
  const out: RuleShape[] = [];
  for (const r of list(permission, "IpRanges"))
    out.push({ ...base, cidrIpv4: str(r, "CidrIp"), description: str(r, "Description") });
  for (const r of list(permission, "Ipv6Ranges"))
    out.push({ ...base, cidrIpv6: str(r, "CidrIpv6"), description: str(r, "Description") });
  for (const r of list(permission, "PrefixListIds"))
    out.push({ ...base, prefixListId: str(r, "PrefixListId"), description: str(r, "Description") });
  for (const r of list(permission, "Groups")) {
    const groupId = str(r, "GroupId");
    const userId = str(r, "UserId") ?? ctx.account;
    out.push({
      ...base,
      referencedGroup: { groupId: groupId ?? "", userId: checkReference(ctx.world, group, groupId, userId) },
      description: str(r, "Description"),
    });
  }
  return out;
}

/**
 * A referenced group must exist; in another VPC it must be joined to this
 * group's VPC by an active peering connection in the same Region.
 */
function checkReference(world: World, group: SecurityGroupState, groupId: string | undefined, userId: string): string {
  const ref = world.securityGroups.find((g) => g.id === groupId && g.account === userId);
  if (!ref)
    throw new AwsError(
      "InvalidGroup.NotFound",
      `You have specified a security group '${userId}/${groupId}' that does not exist`,
    );
  if (ref.vpcId === group.vpcId && ref.account === group.account) return userId;
  const peered = world.peerings.some(
    (p) =>
      p.status === "active" &&
      p.requester.region === p.accepter.region &&
      p.requester.region === group.region &&
      ref.region === group.region &&
      [`${p.requester.account}/${p.requester.vpcId}`, `${p.accepter.account}/${p.accepter.vpcId}`].sort().join() ===
        [`${group.account}/${group.vpcId}`, `${ref.account}/${ref.vpcId}`].sort().join(),
  );
  if (!peered) {
    throw new AwsError(
      "InvalidGroup.NotFound",
      `You have specified two resources that belong to different networks: ${group.id} (${group.vpcId}) and ${userId}/${groupId} (${ref.vpcId}) are not joined by an active peering connection in ${group.region}`,
    );
  }
  return userId;
}

/** EC2's `SecurityGroupRule`. */
function ruleXml(r: SecurityGroupRuleState, world: World): Record<string, unknown> {
  const ref = r.referencedGroup;
  const refGroup = ref && world.securityGroups.find((g) => g.id === ref.groupId && g.account === ref.userId);
  return {
    securityGroupRuleId: r.id,
    groupId: r.groupId,
    groupOwnerId: r.account,
    isEgress: r.isEgress,
    ipProtocol: r.ipProtocol,
    fromPort: r.fromPort,
    toPort: r.toPort,
    ...(r.cidrIpv4 ? { cidrIpv4: r.cidrIpv4 } : {}),
    ...(r.cidrIpv6 ? { cidrIpv6: r.cidrIpv6 } : {}),
    ...(r.prefixListId ? { prefixListId: r.prefixListId } : {}),
    ...(ref
      ? {
          referencedGroupInfo: {
            groupId: ref.groupId,
            userId: ref.userId,
            ...(refGroup ? { vpcId: refGroup.vpcId } : {}),
          },
        }
      : {}),
    ...(r.description !== undefined ? { description: r.description } : {}),
    securityGroupRuleArn: securityGroupRuleResource(r).arn,
    tagSet: tagSet(r.tags),
  };
}

/**
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_AuthorizeSecurityGroupIngress.html
 * Answers the new rules with their `sgr-` ids; a rule that already exists
 * answers InvalidPermission.Duplicate; past the quota,
 * RulesPerSecurityGroupLimitExceeded.
 * Authorization (AuthorizeSecurityGroupIngress: security-group* with
 * ec2:SecurityGroupID, ec2:Vpc; tags on create need ec2:CreateTags on
 * security-group-rule with ec2:CreateAction):
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonec2.html
 */
export const authorizeSecurityGroupIngress: Handler = (ctx) => {
  const group = ownGroup(ctx, str(ctx.params, "GroupId"));
  ctx.authorize("ec2:AuthorizeSecurityGroupIngress", [securityGroupResource(group)]);
  if (str(ctx.params, "IpProtocol") || str(ctx.params, "CidrIp")) {
    throw new AwsError(
      "InvalidParameterValue",
      "local AWS: the flat (non-IpPermissions) form of AuthorizeSecurityGroupIngress is not implemented",
    );
  }
  const tags = tagSpecificationTags(tagSpecifications(ctx.params), "security-group-rule");
  const shapes = list(ctx.params, "IpPermissions").flatMap((p) => rulesOfPermission(ctx, group, p));
  const existing = ctx.world.rules.filter((r) => r.groupId === group.id && r.account === group.account && !r.isEgress);
  for (const shape of shapes) {
    if (existing.some((r) => sameRule(r, shape))) {
      const source =
        shape.cidrIpv4 ??
        shape.cidrIpv6 ??
        shape.prefixListId ??
        `${shape.referencedGroup?.userId}/${shape.referencedGroup?.groupId}`;
      throw new AwsError(
        "InvalidPermission.Duplicate",
        `the specified rule "peer: ${source}, ${shape.ipProtocol.toUpperCase()}, from port: ${shape.fromPort}, to port: ${shape.toPort}, ALLOW" already exists`,
      );
    }
  }
  const v6 = (r: RuleShape) => r.cidrIpv6 !== undefined;
  for (const family of [false, true]) {
    const count = existing.filter((r) => v6(r) === family).length + shapes.filter((r) => v6(r) === family).length;
    if (count > ctx.world.rulesPerGroup) {
      throw new AwsError(
        "RulesPerSecurityGroupLimitExceeded",
        `The maximum number of rules per security group (${ctx.world.rulesPerGroup}) has been reached.`,
      );
    }
  }
  const created = shapes.map(
    (shape): SecurityGroupRuleState => ({
      ...shape,
      id: newId("sgr"),
      groupId: group.id,
      account: group.account,
      region: group.region,
      isEgress: false,
      tags: { ...tags },
    }),
  );
  if (Object.keys(tags).length > 0) {
    for (const rule of created) {
      const resource = securityGroupRuleResource(rule);
      ctx.authorize("ec2:CreateTags", [
        { arn: resource.arn, context: { ...resource.context, "ec2:CreateAction": ["AuthorizeSecurityGroupIngress"] } },
      ]);
    }
  }
  ctx.world.rules.push(...created);
  return { return: true, securityGroupRuleSet: items(created.map((r) => ruleXml(r, ctx.world))) };
};

/**
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_RevokeSecurityGroupIngress.html
 * By rule ids or by IpPermissions; an unknown rule answers InvalidPermission.NotFound.
 * Authorization (RevokeSecurityGroupIngress: security-group*):
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonec2.html
 */
export const revokeSecurityGroupIngress: Handler = (ctx) => {
  const group = ownGroup(ctx, str(ctx.params, "GroupId"));
  ctx.authorize("ec2:RevokeSecurityGroupIngress", [securityGroupResource(group)]);
  const ids = strings(ctx.params, "SecurityGroupRuleId");
  const inGroup = (r: SecurityGroupRuleState) => r.groupId === group.id && r.account === group.account && !r.isEgress;
  const doomed: SecurityGroupRuleState[] = [];
  for (const id of ids) {
    const rule = ctx.world.rules.find((r) => r.id === id && inGroup(r));
    if (!rule)
      throw new AwsError("InvalidSecurityGroupRuleId.NotFound", `The security group rule ID '${id}' does not exist`);
    doomed.push(rule);
  }
  for (const permission of list(ctx.params, "IpPermissions")) {
    for (const shape of rulesOfPermissionLoose(permission)) {
      const rule = ctx.world.rules.find((r) => inGroup(r) && sameRule(r, shape));
      if (!rule)
        throw new AwsError("InvalidPermission.NotFound", "The specified rule does not exist in this security group.");
      doomed.push(rule);
    }
  }
  ctx.world.rules = ctx.world.rules.filter((r) => !doomed.includes(r));
  return {
    return: true,
    revokedSecurityGroupRuleSet: items(
      doomed.map((r) => ({ securityGroupRuleId: r.id, groupId: r.groupId, isEgress: false })),
    ),
  };
};

/** The rule shapes of a permission, without checking references (for Revoke). */
function rulesOfPermissionLoose(permission: QueryValue): RuleShape[] {
  const raw = str(permission, "IpProtocol") ?? "-1";
  const ipProtocol = PROTOCOL_NAMES[raw] ?? raw;
  const base = { ipProtocol, ...ports(ipProtocol, str(permission, "FromPort"), str(permission, "ToPort")) };
  return [
    ...list(permission, "IpRanges").map((r) => ({ ...base, cidrIpv4: str(r, "CidrIp") })),
    ...list(permission, "Ipv6Ranges").map((r) => ({ ...base, cidrIpv6: str(r, "CidrIpv6") })),
    ...list(permission, "PrefixListIds").map((r) => ({ ...base, prefixListId: str(r, "PrefixListId") })),
    ...list(permission, "Groups").map((r) => ({
      ...base,
      referencedGroup: { groupId: str(r, "GroupId") ?? "", userId: str(r, "UserId") ?? "" },
    })),
  ];
}

/**
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_ModifySecurityGroupRules.html
 * Authorization (ModifySecurityGroupRules: security-group*):
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonec2.html
 */
export const modifySecurityGroupRules: Handler = (ctx) => {
  const group = ownGroup(ctx, str(ctx.params, "GroupId"));
  ctx.authorize("ec2:ModifySecurityGroupRules", [securityGroupResource(group)]);
  for (const update of list(ctx.params, "SecurityGroupRule")) {
    const id = str(update, "SecurityGroupRuleId");
    const rule = ctx.world.rules.find((r) => r.id === id && r.groupId === group.id && r.account === group.account);
    if (!rule)
      throw new AwsError("InvalidSecurityGroupRuleId.NotFound", `The security group rule ID '${id}' does not exist`);
    const spec = struct(update, "SecurityGroupRule");
    const raw = str(spec, "IpProtocol") ?? "-1";
    const ipProtocol = PROTOCOL_NAMES[raw] ?? raw;
    const refId = str(spec, "ReferencedGroupId");
    const next: RuleShape = {
      ipProtocol,
      ...ports(ipProtocol, str(spec, "FromPort"), str(spec, "ToPort")),
      cidrIpv4: str(spec, "CidrIpv4"),
      cidrIpv6: str(spec, "CidrIpv6"),
      prefixListId: str(spec, "PrefixListId"),
      description: str(spec, "Description"),
      ...(refId ? { referencedGroup: parseReference(ctx, group, refId) } : {}),
    };
    const others = ctx.world.rules.filter(
      (r) => r !== rule && r.groupId === group.id && r.account === group.account && r.isEgress === rule.isEgress,
    );
    if (others.some((r) => sameRule(r, next)))
      throw new AwsError("InvalidPermission.Duplicate", `the specified rule already exists in ${group.id}`);
    Object.assign(
      rule,
      { cidrIpv4: undefined, cidrIpv6: undefined, prefixListId: undefined, referencedGroup: undefined },
      next,
    );
  }
  return { return: true };
};

function parseReference(
  ctx: CallContext,
  group: SecurityGroupState,
  text: string,
): { groupId: string; userId: string } {
  const [userId, groupId] = text.includes("/") ? text.split("/") : [ctx.account, text];
  return { groupId, userId: checkReference(ctx.world, group, groupId, userId) };
}

/**
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeSecurityGroupRules.html
 * Filters: group-id, security-group-rule-id, tag:*.
 * Authorization: Describe* take no resource ("*").
 */
export const describeSecurityGroupRules: Handler = (ctx) => {
  ctx.authorize("ec2:DescribeSecurityGroupRules", [{ arn: "*", context: {} }]);
  const ids = strings(ctx.params, "SecurityGroupRuleId");
  const mine = ctx.world.rules.filter((r) => r.account === ctx.account && r.region === ctx.region);
  for (const id of ids)
    if (!mine.some((r) => r.id === id))
      throw new AwsError("InvalidSecurityGroupRuleId.NotFound", `The security group rule ID '${id}' does not exist`);
  const chosen = mine.filter((r) => ids.length === 0 || ids.includes(r.id));
  const filtered = applyFilters("DescribeSecurityGroupRules", ctx.params, chosen, (r, name) => {
    switch (name) {
      case "group-id":
        return [r.groupId];
      case "security-group-rule-id":
        return [r.id];
      default:
        return undefined;
    }
  });
  return { securityGroupRuleSet: items(filtered.map((r) => ruleXml(r, ctx.world))) };
};

function permissionsXml(rules: SecurityGroupRuleState[]): unknown {
  return items(
    rules.map((r) => ({
      ipProtocol: r.ipProtocol,
      fromPort: r.fromPort,
      toPort: r.toPort,
      groups: items(
        r.referencedGroup
          ? [{ groupId: r.referencedGroup.groupId, userId: r.referencedGroup.userId, description: r.description }]
          : [],
      ),
      ipRanges: items(r.cidrIpv4 ? [{ cidrIp: r.cidrIpv4, description: r.description }] : []),
      ipv6Ranges: items(r.cidrIpv6 ? [{ cidrIpv6: r.cidrIpv6, description: r.description }] : []),
      prefixListIds: items(r.prefixListId ? [{ prefixListId: r.prefixListId, description: r.description }] : []),
    })),
  );
}

/**
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeSecurityGroups.html
 * Filters: group-id, group-name, vpc-id, owner-id, tag:*.
 * Authorization: Describe* take no resource ("*").
 */
export const describeSecurityGroups: Handler = (ctx) => {
  ctx.authorize("ec2:DescribeSecurityGroups", [{ arn: "*", context: {} }]);
  const ids = strings(ctx.params, "GroupId");
  const mine = ctx.world.securityGroups.filter((g) => g.account === ctx.account && g.region === ctx.region);
  for (const id of ids)
    if (!mine.some((g) => g.id === id))
      throw new AwsError("InvalidGroup.NotFound", `The security group '${id}' does not exist`);
  const chosen = mine.filter((g) => ids.length === 0 || ids.includes(g.id));
  const filtered = applyFilters("DescribeSecurityGroups", ctx.params, chosen, (g, name) => {
    switch (name) {
      case "group-id":
        return [g.id];
      case "group-name":
        return [g.name];
      case "vpc-id":
        return [g.vpcId];
      case "owner-id":
        return [g.account];
      default:
        return undefined;
    }
  });
  return {
    securityGroupInfo: items(
      filtered.map((g) => {
        const rules = ctx.world.rules.filter((r) => r.groupId === g.id && r.account === g.account);
        return {
          ownerId: g.account,
          groupId: g.id,
          groupName: g.name,
          groupDescription: g.name,
          vpcId: g.vpcId,
          ipPermissions: permissionsXml(rules.filter((r) => !r.isEgress)),
          ipPermissionsEgress: permissionsXml(rules.filter((r) => r.isEgress)),
          tagSet: tagSet(g.tags),
        };
      }),
    ),
  };
};
