import type { AwsPartition, AwsRegion } from "../config/aws-regions";
import type { BackendConfig, IamConfig, IngressProtocol, QuotasConfig } from "../config/schema";
import type { Cidr, IpFamily } from "../core/cidr";

/**
 * The resolved network: the config with every reference followed, every
 * default applied and every CIDR parsed. Stacks, validation rules and reports
 * read this model, never the raw config, so that defaults are decided once.
 */
export interface Network {
  readonly project: string;
  /** Default tags of the config, without the Project tag. */
  readonly tags: Readonly<Record<string, string>>;
  readonly strict: boolean;
  readonly quotas: QuotasConfig;
  /** Where Terraform keeps each stack's state. */
  readonly backend: BackendConfig;
  /** Who may assume the account roles, when the config says. */
  readonly iam?: IamConfig;
  /** Whether to synthesize the bootstrap stacks that create the account roles. */
  readonly bootstrap: boolean;
  /** Whether each peering gets a Terraform `check` block asserting that its connection is active. */
  readonly checks: boolean;
  readonly accounts: ReadonlyMap<string, Account>;
  readonly vpcs: ReadonlyMap<string, Vpc>;
  /** Peerings in config order (addresses never depend on this order). */
  readonly peerings: readonly Peering[];
}

/** An AWS account of the config. */
export interface Account {
  readonly name: string;
  readonly accountId: string;
  /** Role assumed to act in this account; none means the caller's own credentials. */
  readonly roleArn?: string;
  readonly externalId?: string;
  /** Read-only role for pull-request plans; plans never use roleArn instead (an account with a roleArn needs one in plan mode). */
  readonly planRoleArn?: string;
  /** An account outside the config (a vendor's, a SaaS's): we never act in it. */
  readonly external?: boolean;
}

/** A VPC of the config. */
export interface Vpc {
  readonly name: string;
  readonly account: Account;
  readonly region: AwsRegion;
  readonly partition: AwsPartition;
  readonly vpcId: string;
  /** IPv4 blocks, primary first. */
  readonly cidrBlocks: readonly Cidr[];
  /** IPv6 blocks; empty when the VPC is IPv4 only. */
  readonly ipv6CidrBlocks: readonly Cidr[];
  readonly routeTableIds: readonly string[];
  /** Private hosted zones its account created and associated with it; empty for external VPCs. */
  readonly hostedZones: readonly HostedZone[];
}

/** A Route 53 private hosted zone that a VPC of the config owns (its account created it). */
export interface HostedZone {
  /** The zone id, e.g. `Z0123456789ABCDEFGHIJ`. */
  readonly zoneId: string;
  /** Its domain name, lowercase, without the trailing dot. */
  readonly name: string;
  /** Name of the VPC that owns it (under `vpcs`). */
  readonly ownerVpc: string;
}

/**
 * One zone that one side of a peering resolves: the zone of the other side's VPC, associated with
 * this side's VPC. Across accounts the zone's account first authorizes the association.
 */
export interface ZoneShare {
  readonly zone: HostedZone;
  /** The VPC whose account created the zone (the other side of the peering). */
  readonly owner: Vpc;
  /** The side that resolves the zone. */
  readonly side: Side;
  /** The VPC that resolves the zone (the VPC of {@link side}). */
  readonly vpc: Vpc;
  /** Whether the zone's account differs from the VPC's: then an authorization comes first. */
  readonly crossAccount: boolean;
  /** Config path that asked for it, for messages. */
  readonly path: string;
}

/** The two sides of a peering. */
export type Side = "requester" | "accepter";

/** Both sides, in the order resources are emitted. */
export const SIDES: readonly Side[] = ["requester", "accepter"];

/** The other side of a peering. */
export function otherSide(side: Side): Side {
  return side === "requester" ? "accepter" : "requester";
}

/** A route that one side's route table gets: destination → the peering. */
export interface PeeringRoute {
  readonly side: Side;
  readonly routeTableId: string;
  readonly destination: Cidr;
  /** Config path that asked for this route, for messages. */
  readonly path: string;
}

/** Where the traffic an ingress rule lets in comes from. */
export type IngressSource =
  | {
      readonly kind: "securityGroup";
      readonly securityGroupId: string;
      /** Account that owns the referenced group (the peer VPC's account). */
      readonly ownerAccountId: string;
    }
  | { readonly kind: "cidr"; readonly cidr: Cidr; readonly family: IpFamily };

/** An inbound rule added to one side's security group for traffic from the other side. */
export interface PeeringIngressRule {
  readonly side: Side;
  readonly securityGroupId: string;
  readonly protocol: IngressProtocol;
  /** First port (tcp/udp) or ICMP type (-1 = all); undefined for `all`. */
  readonly fromPort?: number;
  /** Last port (tcp/udp) or ICMP code (-1 = all); undefined for `all`. */
  readonly toPort?: number;
  readonly source: IngressSource;
  readonly description: string;
  /** Config path of the rule, e.g. `peerings.a-to-b.ingress.accepter[0]`. */
  readonly path: string;
  /** Whether the rule came from `{ peerVpc: true }` (one rule per peer CIDR). */
  readonly fromPeerVpc: boolean;
  /** For an adopted peering: the `sgr-` id of the rule AWS already has. */
  readonly existingRuleId?: string;
}

/** A peering with both sides resolved. */
export interface Peering {
  readonly name: string;
  readonly requester: Vpc;
  readonly accepter: Vpc;
  readonly sameAccount: boolean;
  readonly sameRegion: boolean;
  /**
   * Whether the accepter side needs its own `aws_vpc_peering_connection_accepter`:
   * always, unless both VPCs are in the same account and region (then the
   * requester auto-accepts).
   */
  readonly needsAccepter: boolean;
  readonly dnsResolution: boolean;
  /** The private hosted zones each side resolves through this peering (`shareHostedZones`), sorted by zone name, then VPC. */
  readonly zoneShares: readonly ZoneShare[];
  readonly routes: Readonly<Record<Side, readonly PeeringRoute[]>>;
  readonly ingress: Readonly<Record<Side, readonly PeeringIngressRule[]>>;
  readonly tags: Readonly<Record<string, string>>;
  /** An adopted peering made by hand: its id, and Terraform imports it and what the config describes for it. */
  readonly existingConnectionId?: string;
  /** With an external requester: the connection it requested, which our accepter accepts. */
  readonly incomingConnectionId?: string;
  /** `prevent_destroy` on the connection and the accepter. */
  readonly protect: boolean;
  /** The peering's former name: its resources move from the old addresses. */
  readonly previousName?: string;
}

/** Whether we manage a side of a peering (its VPC is not external). */
export function isManaged(peering: Pick<Peering, "requester" | "accepter">, side: Side): boolean {
  return !vpcOf(peering, side).account.external;
}

/** The sides of a peering we manage, in emission order. */
export function managedSides(peering: Pick<Peering, "requester" | "accepter">): Side[] {
  return SIDES.filter((side) => isManaged(peering, side));
}

/**
 * The sides whose DNS options are set: ours, when the peering asks for DNS
 * resolution and will be active (an external accepter's peering is pending
 * until it is adopted, and options need an active peering).
 */
export function dnsOptionSides(peering: Peering): Side[] {
  return peering.dnsResolution && !awaitsExternalAcceptance(peering) ? managedSides(peering) : [];
}

/**
 * Whether a peering waits for someone else: an external accepter, not yet
 * adopted with `existing` (the README's next step once they accept).
 */
export function awaitsExternalAcceptance(peering: Peering): boolean {
  return !isManaged(peering, "accepter") && peering.existingConnectionId === undefined;
}

/** The blocks of a side's VPC that the peering carries: IPv4, and IPv6 when both sides have it. */
export function carriedBlocks(peering: Pick<Peering, "requester" | "accepter">, side: Side): readonly Cidr[] {
  const vpc = vpcOf(peering, side);
  return bothSidesHaveIpv6(peering) ? [...vpc.cidrBlocks, ...vpc.ipv6CidrBlocks] : vpc.cidrBlocks;
}

/** The VPC of one side of a peering. */
export function vpcOf(peering: Pick<Peering, "requester" | "accepter">, side: Side): Vpc {
  return side === "requester" ? peering.requester : peering.accepter;
}

/** True when both VPCs of a peering have IPv6 blocks, so IPv6 routes and rules apply. */
export function bothSidesHaveIpv6(peering: Pick<Peering, "requester" | "accepter">): boolean {
  return peering.requester.ipv6CidrBlocks.length > 0 && peering.accepter.ipv6CidrBlocks.length > 0;
}
