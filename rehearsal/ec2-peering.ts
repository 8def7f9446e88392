import { peeringResource, vpcResource } from "./arns";
import { cidrsOverlap } from "./cidrs";
import type { CallContext, Handler } from "./ec2-context";
import { applyFilters } from "./ec2-filters";
import { peeringXml, tagSpecificationTags } from "./ec2-render";
import { tagSpecifications } from "./ec2-tags";
import { bool, str, strings, struct } from "./query";
import { newId, type PeeringState, peeringVisible } from "./world";
import { AwsError, items } from "./xml";

/**
 * VPC peering connections: the lifecycle of
 * https://docs.aws.amazon.com/vpc/latest/peering/vpc-peering-basics.html#vpc-peering-lifecycle
 * (pending-acceptance -> active; failed on overlapping CIDRs; deleted), with
 * the limitations of
 * https://docs.aws.amazon.com/vpc/latest/peering/vpc-peering-basics.html#vpc-peering-limitations
 * (no overlapping CIDRs, one connection per VPC pair).
 */

/** The live connection `id` as the caller sees it, or InvalidVpcPeeringConnectionID.NotFound. */
export function visiblePeering(ctx: CallContext, id: string | undefined): PeeringState {
  const p = ctx.world.peerings.find(
    (c) => c.id === id && c.status !== "deleted" && peeringVisible(c, ctx.account, ctx.region),
  );
  if (!p)
    throw new AwsError("InvalidVpcPeeringConnectionID.NotFound", `The vpcPeeringConnection ID '${id}' does not exist`);
  return p;
}

/**
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateVpcPeeringConnection.html
 * Authorization (Service Authorization Reference, CreateVpcPeeringConnection:
 * vpc* = the requester VPC, vpc-peering-connection* with ec2:AccepterVpc and
 * ec2:RequesterVpc; tags on create need ec2:CreateTags with ec2:CreateAction):
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonec2.html
 */
export const createVpcPeeringConnection: Handler = (ctx) => {
  const vpcId = str(ctx.params, "VpcId");
  const peerVpcId = str(ctx.params, "PeerVpcId");
  const peerOwner = str(ctx.params, "PeerOwnerId") ?? ctx.account;
  const peerRegion = str(ctx.params, "PeerRegion") ?? ctx.region;
  const vpc = ctx.world.vpcs.find((v) => v.id === vpcId && v.account === ctx.account && v.region === ctx.region);
  if (!vpc) throw new AwsError("InvalidVpcID.NotFound", `The vpc ID '${vpcId}' does not exist`);
  if (!peerVpcId) throw new AwsError("MissingParameter", "The request must contain the parameter PeerVpcId");
  const peer = ctx.world.vpcs.find((v) => v.id === peerVpcId && v.account === peerOwner && v.region === peerRegion);
  const connection: PeeringState = {
    id: newId("pcx"),
    requester: { account: ctx.account, region: ctx.region, vpcId: vpc.id, allowDnsResolutionFromRemoteVpc: false },
    accepter: { account: peerOwner, region: peerRegion, vpcId: peerVpcId, allowDnsResolutionFromRemoteVpc: false },
    status: "pending-acceptance",
    message: `Pending Acceptance by ${peerOwner}`,
    tags: {},
  };
  const tags = tagSpecificationTags(tagSpecifications(ctx.params), "vpc-peering-connection");
  const resource = peeringResource(connection, ctx.account, ctx.region);
  ctx.authorize("ec2:CreateVpcPeeringConnection", [vpcResource(vpc), resource]);
  if (Object.keys(tags).length > 0) {
    ctx.authorize("ec2:CreateTags", [
      { arn: resource.arn, context: { ...resource.context, "ec2:CreateAction": ["CreateVpcPeeringConnection"] } },
    ]);
  }
  // One connection per VPC pair: "You cannot have more than one VPC peering connection between the same two VPCs at the same time."
  const duplicate = ctx.world.peerings.find(
    (p) =>
      (p.status === "active" || p.status === "pending-acceptance") &&
      [p.requester.vpcId, p.accepter.vpcId].sort().join() === [vpc.id, peerVpcId].sort().join(),
  );
  if (duplicate)
    throw new AwsError(
      "VpcPeeringConnectionAlreadyExists",
      `A VPC peering connection ${duplicate.id} already exists between ${vpc.id} and ${peerVpcId}`,
    );
  if (Object.keys(tags).length > 0) connection.tags[ctx.account] = tags;
  if (!peer) {
    connection.status = "failed";
    connection.message = `The VPC ${peerVpcId} does not exist in account ${peerOwner}, region ${peerRegion}`;
  } else {
    const mine = [...vpc.cidrBlocks, ...vpc.ipv6CidrBlocks];
    const theirs = [...peer.cidrBlocks, ...peer.ipv6CidrBlocks];
    const clash = mine.flatMap((a) => theirs.filter((b) => cidrsOverlap(a, b)).map((b) => `${a} overlaps ${b}`));
    if (clash.length > 0) {
      connection.status = "failed";
      connection.message = `Overlapping CIDR range: ${clash.join(", ")}`;
    }
  }
  ctx.world.peerings.push(connection);
  return { vpcPeeringConnection: peeringXml(ctx.world, connection, ctx.account) };
};

/**
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_AcceptVpcPeeringConnection.html
 * "You must accept the VPC peering connection in the Region of the accepter
 * VPC", by the accepter VPC's owner, while it is pending-acceptance.
 * Authorization (AcceptVpcPeeringConnection: vpc-peering-connection* with
 * ec2:AccepterVpc/ec2:RequesterVpc, and vpc* = the accepter VPC):
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonec2.html
 */
export const acceptVpcPeeringConnection: Handler = (ctx) => {
  const p = visiblePeering(ctx, str(ctx.params, "VpcPeeringConnectionId"));
  const accepterVpc = ctx.world.vpcs.find(
    (v) => v.id === p.accepter.vpcId && v.account === p.accepter.account && v.region === p.accepter.region,
  );
  ctx.authorize("ec2:AcceptVpcPeeringConnection", [
    peeringResource(p, ctx.account, ctx.region),
    vpcResource(accepterVpc ?? { id: p.accepter.vpcId, account: p.accepter.account, region: p.accepter.region }),
  ]);
  if (p.accepter.account !== ctx.account || p.accepter.region !== ctx.region) {
    throw new AwsError(
      "OperationNotPermitted",
      `User ${ctx.account} cannot accept peering ${p.id}: only the accepter account ${p.accepter.account} may, in ${p.accepter.region}`,
    );
  }
  if (p.status !== "pending-acceptance")
    throw new AwsError("InvalidStateTransition", `Peering ${p.id} is in state ${p.status}, not pending-acceptance`);
  p.status = "active";
  p.message = "Active";
  return { vpcPeeringConnection: peeringXml(ctx.world, p, ctx.account) };
};

/**
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DeleteVpcPeeringConnection.html
 * "Either the owner of the requester VPC or the owner of the accepter VPC can
 * delete the VPC peering connection if it's in the active state. The owner of
 * the requester VPC can delete a VPC peering connection in the
 * pending-acceptance state."
 * Authorization (DeleteVpcPeeringConnection: vpc-peering-connection* with ec2:AccepterVpc/ec2:RequesterVpc):
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonec2.html
 */
export const deleteVpcPeeringConnection: Handler = (ctx) => {
  const p = visiblePeering(ctx, str(ctx.params, "VpcPeeringConnectionId"));
  ctx.authorize("ec2:DeleteVpcPeeringConnection", [peeringResource(p, ctx.account, ctx.region)]);
  const isRequester = p.requester.account === ctx.account && p.requester.region === ctx.region;
  const isAccepter = p.accepter.account === ctx.account && p.accepter.region === ctx.region;
  if (p.status === "pending-acceptance" && !isRequester) {
    throw new AwsError(
      "OperationNotPermitted",
      `Only the requester ${p.requester.account} may delete ${p.id} while it is pending-acceptance`,
    );
  }
  if (!isRequester && !isAccepter)
    throw new AwsError("OperationNotPermitted", `Account ${ctx.account} owns neither VPC of ${p.id}`);
  p.status = "deleted";
  p.message = `Deleted by ${ctx.account}`;
  return { return: true };
};

/**
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_ModifyVpcPeeringConnectionOptions.html
 * Options need an active connection; each account modifies only its own
 * side ("If the peered VPCs are in different AWS accounts, each AWS account
 * owner must initiate a separate request"), in its own VPC's region.
 * https://docs.aws.amazon.com/vpc/latest/peering/vpc-peering-dns.html
 * Authorization (ModifyVpcPeeringConnectionOptions: vpc-peering-connection* with ec2:AccepterVpc/ec2:RequesterVpc):
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonec2.html
 */
export const modifyVpcPeeringConnectionOptions: Handler = (ctx) => {
  const p = visiblePeering(ctx, str(ctx.params, "VpcPeeringConnectionId"));
  ctx.authorize("ec2:ModifyVpcPeeringConnectionOptions", [peeringResource(p, ctx.account, ctx.region)]);
  if (p.status !== "active")
    throw new AwsError(
      "InvalidStateTransition",
      `Peering ${p.id} is ${p.status}; options can only be modified on an active peering`,
    );
  const result: Record<string, unknown> = {};
  for (const [param, side, key] of [
    ["RequesterPeeringConnectionOptions", p.requester, "requesterPeeringConnectionOptions"],
    ["AccepterPeeringConnectionOptions", p.accepter, "accepterPeeringConnectionOptions"],
  ] as const) {
    const options = struct(ctx.params, param);
    if (!options) continue;
    if (side.account !== ctx.account || side.region !== ctx.region) {
      throw new AwsError(
        "OperationNotPermitted",
        `${param} of ${p.id} belong to account ${side.account} in ${side.region}; account ${ctx.account} in ${ctx.region} cannot modify them`,
      );
    }
    const dns = bool(options, "AllowDnsResolutionFromRemoteVpc");
    if (dns !== undefined) side.allowDnsResolutionFromRemoteVpc = dns;
    result[key] = {
      allowDnsResolutionFromRemoteVpc: side.allowDnsResolutionFromRemoteVpc,
      allowEgressFromLocalClassicLinkToRemoteVpc: false,
      allowEgressFromLocalVpcToRemoteClassicLink: false,
    };
  }
  return result;
};

/**
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeVpcPeeringConnections.html
 * An inter-region connection is visible in both Regions. Ids that do not
 * exist answer InvalidVpcPeeringConnectionID.NotFound; deleted ones stay
 * visible with status deleted.
 * Authorization: Describe* take no resource ("*").
 */
export const describeVpcPeeringConnections: Handler = (ctx) => {
  ctx.authorize("ec2:DescribeVpcPeeringConnections", [{ arn: "*", context: {} }]);
  const ids = strings(ctx.params, "VpcPeeringConnectionId");
  const visible = ctx.world.peerings.filter((p) => peeringVisible(p, ctx.account, ctx.region));
  for (const id of ids) {
    if (!visible.some((p) => p.id === id))
      throw new AwsError(
        "InvalidVpcPeeringConnectionID.NotFound",
        `The vpcPeeringConnection ID '${id}' does not exist`,
      );
  }
  const chosen = visible
    .filter((p) => ids.length === 0 || ids.includes(p.id))
    .map((p) => ({ ...p, tags: p.tags[ctx.account] ?? {}, p }));
  const filtered = applyFilters("DescribeVpcPeeringConnections", ctx.params, chosen, ({ p }, name) => {
    switch (name) {
      case "vpc-peering-connection-id":
        return [p.id];
      case "status-code":
        return [p.status];
      case "requester-vpc-info.vpc-id":
        return [p.requester.vpcId];
      case "accepter-vpc-info.vpc-id":
        return [p.accepter.vpcId];
      case "requester-vpc-info.owner-id":
        return [p.requester.account];
      case "accepter-vpc-info.owner-id":
        return [p.accepter.account];
      default:
        return undefined;
    }
  });
  return { vpcPeeringConnectionSet: items(filtered.map(({ p }) => peeringXml(ctx.world, p, ctx.account))) };
};
