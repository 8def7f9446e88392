import {
  type EC2Client,
  paginateDescribeRouteTables,
  paginateDescribeSecurityGroupRules,
  paginateDescribeSecurityGroups,
  paginateDescribeVpcPeeringConnections,
  paginateDescribeVpcs,
  type RouteTable,
  type SecurityGroupRule,
  type Tag,
  type Vpc,
  type VpcPeeringConnection,
  type VpcPeeringConnectionVpcInfo,
} from "@aws-sdk/client-ec2";
import { DiscoverError, explainAwsError } from "./discover-error";
import type {
  RegionSnapshot,
  SnapshotPeering,
  SnapshotPeeringSide,
  SnapshotRouteTable,
  SnapshotRule,
  SnapshotVpc,
} from "./snapshot";

/**
 * Reads one account in one region with the five Describe calls discover
 * makes (each paginated: every page is read, NextToken by NextToken), and
 * turns the SDK's answers into a {@link RegionSnapshot}. Every call is read
 * only; a denied call becomes a {@link DiscoverError} naming the action and
 * the identity.
 */

/** Who is reading, for error messages. */
export interface ReaderIdentity {
  readonly accountId: string;
  readonly region: string;
  /** The role assumed, or a description of the caller's own credentials. */
  readonly identity: string;
}

/** Page size asked of every Describe call (each API's maximum or close to it). */
const PAGE_SIZE = { vpcs: 1000, routeTables: 100, securityGroups: 1000, rules: 1000, peerings: 1000 } as const;

async function collect<T>(who: ReaderIdentity, action: string, pages: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  try {
    for await (const page of pages) out.push(page);
  } catch (cause) {
    throw new DiscoverError(explainAwsError(cause, `ec2:${action}`, who));
  }
  return out;
}

const tagValue = (tags: readonly Tag[] | undefined, key: string) => tags?.find((t) => t.Key === key)?.Value;

const tagRecord = (tags: readonly Tag[] | undefined): Record<string, string> => {
  const out: Record<string, string> = Object.create(null);
  for (const t of tags ?? []) if (t.Key !== undefined) out[t.Key] = t.Value ?? "";
  return out;
};

function vpcOf(vpc: Vpc, who: ReaderIdentity): SnapshotVpc {
  const associated = (vpc.CidrBlockAssociationSet ?? [])
    .filter((a) => a.CidrBlockState?.State === "associated" && a.CidrBlock)
    .map((a) => a.CidrBlock as string);
  const primary = vpc.CidrBlock && associated.includes(vpc.CidrBlock) ? [vpc.CidrBlock] : [];
  const ipv6 = (vpc.Ipv6CidrBlockAssociationSet ?? [])
    .filter((a) => a.Ipv6CidrBlockState?.State === "associated" && a.Ipv6CidrBlock)
    .map((a) => a.Ipv6CidrBlock as string);
  const nameTag = tagValue(vpc.Tags, "Name");
  return {
    vpcId: vpc.VpcId ?? "",
    accountId: vpc.OwnerId ?? who.accountId,
    region: who.region,
    ...(nameTag !== undefined ? { nameTag } : {}),
    cidrBlocks: [...primary, ...associated.filter((c) => !primary.includes(c))],
    ipv6CidrBlocks: ipv6,
  };
}

function routeTableOf(table: RouteTable): SnapshotRouteTable {
  return {
    id: table.RouteTableId ?? "",
    vpcId: table.VpcId ?? "",
    main: (table.Associations ?? []).some((a) => a.Main === true),
    servesSubnets: (table.Associations ?? []).some((a) => a.SubnetId !== undefined),
    routes: (table.Routes ?? []).map((r) => ({
      ...(r.DestinationCidrBlock || r.DestinationIpv6CidrBlock
        ? { destination: r.DestinationCidrBlock ?? r.DestinationIpv6CidrBlock }
        : {}),
      ...(r.DestinationPrefixListId ? { prefixListId: r.DestinationPrefixListId } : {}),
      ...(r.VpcPeeringConnectionId ? { peeringConnectionId: r.VpcPeeringConnectionId } : {}),
    })),
  };
}

function ruleOf(rule: SecurityGroupRule): SnapshotRule {
  const ref = rule.ReferencedGroupInfo;
  const optional = {
    fromPort: rule.FromPort,
    toPort: rule.ToPort,
    cidrIpv4: rule.CidrIpv4,
    cidrIpv6: rule.CidrIpv6,
    prefixListId: rule.PrefixListId,
    referencedGroupId: ref?.GroupId,
    referencedAccountId: ref?.UserId,
    referencedVpcId: ref?.VpcId,
    description: rule.Description,
  };
  return {
    id: rule.SecurityGroupRuleId ?? "",
    groupId: rule.GroupId ?? "",
    ipProtocol: rule.IpProtocol ?? "-1",
    ...Object.fromEntries(Object.entries(optional).filter(([, v]) => v !== undefined && v !== "")),
  };
}

function sideOf(info: VpcPeeringConnectionVpcInfo | undefined): SnapshotPeeringSide {
  const dns = info?.PeeringOptions?.AllowDnsResolutionFromRemoteVpc;
  const v4 = (info?.CidrBlockSet ?? []).map((c) => c.CidrBlock).filter((c): c is string => c !== undefined);
  const primary = info?.CidrBlock && v4.includes(info.CidrBlock) ? [info.CidrBlock] : [];
  return {
    accountId: info?.OwnerId ?? "",
    region: info?.Region ?? "",
    vpcId: info?.VpcId ?? "",
    cidrBlocks:
      v4.length > 0 ? [...primary, ...v4.filter((c) => !primary.includes(c))] : info?.CidrBlock ? [info.CidrBlock] : [],
    ipv6CidrBlocks: (info?.Ipv6CidrBlockSet ?? [])
      .map((c) => c.Ipv6CidrBlock)
      .filter((c): c is string => c !== undefined),
    ...(dns !== undefined ? { dnsResolution: dns } : {}),
  };
}

function peeringOf(p: VpcPeeringConnection): SnapshotPeering {
  return {
    id: p.VpcPeeringConnectionId ?? "",
    status: p.Status?.Code ?? "unknown",
    ...(p.Status?.Message ? { statusMessage: p.Status.Message } : {}),
    requester: sideOf(p.RequesterVpcInfo),
    accepter: sideOf(p.AccepterVpcInfo),
    tags: tagRecord(p.Tags),
  };
}

/** Reads the VPCs, route tables, security groups, inbound rules and peering connections of one account and region. */
export async function readRegion(ec2: EC2Client, who: ReaderIdentity): Promise<RegionSnapshot> {
  const config = (pageSize: number) => ({ client: ec2, pageSize });
  const [vpcPages, tablePages, groupPages, rulePages, peeringPages] = await Promise.all([
    collect(who, "DescribeVpcs", paginateDescribeVpcs(config(PAGE_SIZE.vpcs), {})),
    collect(who, "DescribeRouteTables", paginateDescribeRouteTables(config(PAGE_SIZE.routeTables), {})),
    collect(who, "DescribeSecurityGroups", paginateDescribeSecurityGroups(config(PAGE_SIZE.securityGroups), {})),
    collect(who, "DescribeSecurityGroupRules", paginateDescribeSecurityGroupRules(config(PAGE_SIZE.rules), {})),
    collect(
      who,
      "DescribeVpcPeeringConnections",
      paginateDescribeVpcPeeringConnections(config(PAGE_SIZE.peerings), {}),
    ),
  ]);
  const securityGroupVpcs: Record<string, string> = Object.create(null);
  for (const page of groupPages)
    for (const g of page.SecurityGroups ?? []) if (g.GroupId && g.VpcId) securityGroupVpcs[g.GroupId] = g.VpcId;
  return {
    accountId: who.accountId,
    region: who.region,
    vpcs: vpcPages.flatMap((p) => p.Vpcs ?? []).map((v) => vpcOf(v, who)),
    routeTables: tablePages.flatMap((p) => p.RouteTables ?? []).map(routeTableOf),
    securityGroupVpcs,
    rules: rulePages
      .flatMap((p) => p.SecurityGroupRules ?? [])
      .filter((r) => r.IsEgress !== true)
      .map(ruleOf),
    peerings: peeringPages.flatMap((p) => p.VpcPeeringConnections ?? []).map(peeringOf),
  };
}
