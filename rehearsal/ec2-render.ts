import type { PeeringSide, PeeringState, Tags, World } from "./world";
import { items } from "./xml";

/** EC2's `tagSet`. */
export function tagSet(tags: Tags | undefined): unknown {
  return items(Object.entries(tags ?? {}).map(([key, value]) => ({ key, value })));
}

/** Tag specifications of a create call for one resource type (`TagSpecification.N.ResourceType`, `.Tag.M`). */
export function tagSpecificationTags(specs: readonly { type?: string; tags: Tags }[], resourceType: string): Tags {
  return Object.assign({}, ...specs.filter((s) => s.type === resourceType).map((s) => s.tags));
}

function sideXml(world: World, side: PeeringSide, active: boolean): Record<string, unknown> {
  const vpc = world.vpcs.find((v) => v.id === side.vpcId && v.account === side.account && v.region === side.region);
  const info: Record<string, unknown> = { ownerId: side.account, vpcId: side.vpcId, region: side.region };
  if (vpc) {
    info.cidrBlock = vpc.cidrBlocks[0];
    info.cidrBlockSet = items(vpc.cidrBlocks.map((cidrBlock) => ({ cidrBlock })));
    info.ipv6CidrBlockSet = items(vpc.ipv6CidrBlocks.map((ipv6CidrBlock) => ({ ipv6CidrBlock })));
  }
  // Peering options are reported once the connection is active.
  // https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_VpcPeeringConnectionVpcInfo.html
  if (active) {
    info.peeringOptions = {
      allowDnsResolutionFromRemoteVpc: side.allowDnsResolutionFromRemoteVpc,
      allowEgressFromLocalClassicLinkToRemoteVpc: false,
      allowEgressFromLocalVpcToRemoteClassicLink: false,
    };
  }
  return info;
}

/** A `VpcPeeringConnection` as `account` sees it (its own tags). */
export function peeringXml(world: World, p: PeeringState, account: string): Record<string, unknown> {
  const active = p.status === "active";
  return {
    vpcPeeringConnectionId: p.id,
    requesterVpcInfo: sideXml(world, p.requester, active),
    accepterVpcInfo: sideXml(world, p.accepter, active),
    status: { code: p.status, message: p.message },
    tagSet: tagSet(p.tags[account]),
    ...(p.status === "pending-acceptance"
      ? { expirationTime: new Date(Date.now() + 7 * 86400_000).toISOString() }
      : {}),
  };
}
