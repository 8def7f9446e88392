/**
 * What discover read from AWS, as plain data: one {@link RegionSnapshot} per
 * account and region, independent of the SDK's shapes so that the config is
 * built (and unit-tested) from data alone.
 */

/** One route of a route table. */
export interface SnapshotRoute {
  /** The IPv4 or IPv6 destination; undefined for a prefix-list destination. */
  readonly destination?: string;
  /** The prefix list a route targets instead of a CIDR. */
  readonly prefixListId?: string;
  /** The peering connection the route goes through, if any. */
  readonly peeringConnectionId?: string;
}

/** A route table of a VPC. */
export interface SnapshotRouteTable {
  readonly id: string;
  readonly vpcId: string;
  /** The VPC's main route table: it serves every subnet without an explicit association. */
  readonly main: boolean;
  /** Whether a subnet is explicitly associated with it. */
  readonly servesSubnets: boolean;
  readonly routes: readonly SnapshotRoute[];
}

/** A VPC of a scanned account. */
export interface SnapshotVpc {
  readonly vpcId: string;
  readonly accountId: string;
  readonly region: string;
  /** The `Name` tag, if any. */
  readonly nameTag?: string;
  /** Associated IPv4 blocks: primary first, then the secondary ones in association order. */
  readonly cidrBlocks: readonly string[];
  /** Associated IPv6 blocks. */
  readonly ipv6CidrBlocks: readonly string[];
}

/** An inbound security group rule. */
export interface SnapshotRule {
  readonly id: string;
  readonly groupId: string;
  readonly ipProtocol: string;
  readonly fromPort?: number;
  readonly toPort?: number;
  readonly cidrIpv4?: string;
  readonly cidrIpv6?: string;
  readonly prefixListId?: string;
  readonly referencedGroupId?: string;
  readonly referencedAccountId?: string;
  readonly referencedVpcId?: string;
  readonly description?: string;
}

/** One side of a peering connection as its describe call shows it. */
export interface SnapshotPeeringSide {
  readonly accountId: string;
  readonly region: string;
  readonly vpcId: string;
  readonly cidrBlocks: readonly string[];
  readonly ipv6CidrBlocks: readonly string[];
  /** `AllowDnsResolutionFromRemoteVpc`, when the connection reports options (active only). */
  readonly dnsResolution?: boolean;
}

/** A peering connection. */
export interface SnapshotPeering {
  readonly id: string;
  /** Status code: active, pending-acceptance, failed, expired, ... */
  readonly status: string;
  readonly statusMessage?: string;
  readonly requester: SnapshotPeeringSide;
  readonly accepter: SnapshotPeeringSide;
  /** Tags as seen by the scanned account. */
  readonly tags: Readonly<Record<string, string>>;
}

/** Everything read in one account and region. */
export interface RegionSnapshot {
  readonly accountId: string;
  readonly region: string;
  readonly vpcs: readonly SnapshotVpc[];
  readonly routeTables: readonly SnapshotRouteTable[];
  /** Security group id to the VPC it belongs to. */
  readonly securityGroupVpcs: Readonly<Record<string, string>>;
  /** Inbound rules only. */
  readonly rules: readonly SnapshotRule[];
  readonly peerings: readonly SnapshotPeering[];
}
