import { randomBytes } from "node:crypto";
import type { Policy } from "./policy";

/**
 * The state of the local AWS, in memory: EC2 things per (account, region),
 * IAM roles per account, sessions by access key. Everything is plain data so
 * that {@link dumpWorld} can write it as JSON.
 */

/** Tags by key. */
export type Tags = Record<string, string>;

/** A VPC. */
export interface VpcState {
  readonly id: string;
  readonly account: string;
  readonly region: string;
  readonly cidrBlocks: string[];
  readonly ipv6CidrBlocks: string[];
  tags: Tags;
}

/** One route of a route table. */
export interface RouteState {
  destinationCidrBlock?: string;
  destinationIpv6CidrBlock?: string;
  gatewayId?: string;
  vpcPeeringConnectionId?: string;
  /** "CreateRouteTable" for the local routes, "CreateRoute" for the rest. */
  origin: "CreateRouteTable" | "CreateRoute";
}

/** A route table. */
export interface RouteTableState {
  readonly id: string;
  readonly account: string;
  readonly region: string;
  readonly vpcId: string;
  readonly main: boolean;
  routes: RouteState[];
  tags: Tags;
}

/** A security group. */
export interface SecurityGroupState {
  readonly id: string;
  readonly account: string;
  readonly region: string;
  readonly vpcId: string;
  readonly name: string;
  tags: Tags;
}

/** One security group rule (inbound or outbound). */
export interface SecurityGroupRuleState {
  readonly id: string;
  readonly groupId: string;
  readonly account: string;
  readonly region: string;
  readonly isEgress: boolean;
  ipProtocol: string;
  fromPort: number;
  toPort: number;
  cidrIpv4?: string;
  cidrIpv6?: string;
  prefixListId?: string;
  referencedGroup?: { groupId: string; userId: string };
  description?: string;
  tags: Tags;
}

/** One side of a peering connection. */
export interface PeeringSide {
  readonly account: string;
  readonly region: string;
  readonly vpcId: string;
  allowDnsResolutionFromRemoteVpc: boolean;
}

/** Status codes of a peering connection. */
export type PeeringStatus =
  | "initiating-request"
  | "pending-acceptance"
  | "active"
  | "failed"
  | "rejected"
  | "deleted"
  | "expired"
  | "provisioning";

/** A VPC peering connection (one object, visible in the requester's and the accepter's region). */
export interface PeeringState {
  readonly id: string;
  readonly requester: PeeringSide;
  readonly accepter: PeeringSide;
  status: PeeringStatus;
  message: string;
  /** Tags per account: each account tags its own view of the connection. */
  tags: Record<string, Tags>;
}

/** An IAM role. */
export interface RoleState {
  readonly account: string;
  readonly name: string;
  readonly path: string;
  readonly arn: string;
  readonly roleId: string;
  readonly createDate: string;
  trust: Policy;
  description: string;
  maxSessionDuration: number;
  permissionsBoundary?: string;
  tags: Tags;
  inlinePolicies: Record<string, Policy>;
}

/** A VPC as Route 53 names it: id and region. */
export interface ZoneVpc {
  readonly vpcId: string;
  readonly region: string;
}

/** A Route 53 private hosted zone: global, owned by the account that created it. */
export interface HostedZoneState {
  /** The id without `/hostedzone/`. */
  readonly id: string;
  readonly account: string;
  /** The domain name, without the trailing dot. */
  readonly name: string;
  /** The VPC it was created with (seeded): the association that destroy leaves. */
  readonly createdWith: ZoneVpc;
  /** The VPCs associated with it. */
  vpcs: ZoneVpc[];
  /** VPCs of other accounts that may associate themselves (CreateVPCAssociationAuthorization). */
  authorizations: ZoneVpc[];
}

/** A Route 53 change (AssociateVPCWithHostedZone, DisassociateVPCFromHostedZone). */
export interface ChangeState {
  /** The id without `/change/`. */
  readonly id: string;
  readonly submittedAt: string;
  readonly comment?: string;
}

/** Who a credential stands for. */
export interface Session {
  readonly account: string;
  /** The role (or principal) ARN that policies and trust are evaluated for. */
  readonly principalArn: string;
  /** The caller ARN as GetCallerIdentity reports it. */
  readonly callerArn: string;
  /** Not restricted by any policy: the base credential (the deployer). */
  readonly unrestricted: boolean;
  /** Which client (rehearsal stack) holds the credential; inherited by the sessions it assumes. */
  readonly client?: string;
}

/** One recorded call. */
export interface CallRecord {
  readonly service: string;
  readonly account: string;
  readonly region: string;
  readonly role: string;
  readonly action: string;
  readonly resource: string;
  readonly decision: "allow" | "deny" | "error";
  /** The client (rehearsal stack) that made the call, when known. */
  readonly client?: string;
  /** When the call came in (ms since the epoch). */
  readonly at: number;
  /** For a denial: what was missing; for an error: the error code and message. */
  readonly detail?: string;
}

/** The whole local AWS. */
export interface World {
  vpcs: VpcState[];
  routeTables: RouteTableState[];
  securityGroups: SecurityGroupState[];
  rules: SecurityGroupRuleState[];
  peerings: PeeringState[];
  roles: RoleState[];
  /** Route 53 private hosted zones (global). */
  hostedZones: HostedZoneState[];
  /** Route 53 changes, by id. */
  changes: ChangeState[];
  sessions: Record<string, Session>;
  calls: CallRecord[];
  /** The security group rule quota per group and direction (AWS default 60). */
  rulesPerGroup: number;
}

/** An empty world. */
export function emptyWorld(): World {
  return {
    vpcs: [],
    routeTables: [],
    securityGroups: [],
    rules: [],
    peerings: [],
    roles: [],
    hostedZones: [],
    changes: [],
    sessions: {},
    calls: [],
    rulesPerGroup: 60,
  };
}

/** A new AWS-style id: prefix and 17 hex digits. */
export function newId(prefix: string): string {
  return `${prefix}-${randomBytes(9).toString("hex").slice(0, 17)}`;
}

/** The world as JSON (sessions left out). */
export function dumpWorld(world: World): string {
  const { sessions: _sessions, ...rest } = world;
  return `${JSON.stringify(rest, null, 2)}\n`;
}

/** Whether a peering connection is visible to `account` in `region` (both ends of an inter-region peering see it). */
export function peeringVisible(p: PeeringState, account: string, region: string): boolean {
  return (
    (p.requester.account === account && p.requester.region === region) ||
    (p.accepter.account === account && p.accepter.region === region)
  );
}
