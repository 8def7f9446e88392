import type { AwsRegion } from "./aws-regions";
import type { PeeringConfig } from "./schema";

/*
 * The config as its author writes it in TypeScript: the shape of the zod
 * schema (config/schema.ts, which validates it at synth), with what a plain
 * schema type cannot say: references typed from the config's own keys, ids as
 * template literals, and each field's documentation on hover. The last lines
 * of this file make the compiler prove that every config these types accept
 * is a `PeeringConfig`.
 */

/** A VPC id such as `vpc-0a1b2c3d4e5f67890` ("vpc-" and 8 or 17 lowercase hex digits). */
export type VpcId = `vpc-${string}`;
/** A route table id such as `rtb-0a1b2c3d4e5f67890`. */
export type RouteTableId = `rtb-${string}`;
/** A security group id such as `sg-0123456789abcdef0`. */
export type SecurityGroupId = `sg-${string}`;
/** A VPC peering connection id such as `pcx-0123456789abcdef0`. */
export type PeeringConnectionId = `pcx-${string}`;
/** A Route 53 hosted zone id such as `Z0123456789ABCDEFGHIJ` ("Z" and uppercase letters and digits). */
export type HostedZoneId = `Z${string}`;
/** An IAM role ARN: `arn:aws:iam::<12-digit account id>:role/<name>`. */
export type RoleArn = `arn:${string}:iam::${string}:role/${string}`;

/** An AWS account that owns VPCs of the config. */
export interface AccountInput {
  /** The 12-digit AWS account id, as a string (leading zeros matter). */
  accountId: string;
  /**
   * Role the stack assumes to act in this account.
   * @default the caller's own credentials
   */
  roleArn?: RoleArn;
  /**
   * `sts:ExternalId` passed when assuming roleArn.
   * @default none
   */
  externalId?: string;
  /**
   * Read-only role assumed instead of roleArn when synthesizing for a pull-request plan
   * (`PEERING_ROLES=plan`); required then for every account with a roleArn that a stack acts in.
   * @default none
   */
  planRoleArn?: RoleArn;
}

/** A VPC of ours that takes part in peerings. */
export interface VpcInput<Account extends string = string> {
  /** Key of the account (under `accounts`) that owns this VPC. */
  account: Account;
  /** Region of the VPC, e.g. `us-east-1`. */
  region: AwsRegion;
  /** The VPC's id. */
  vpcId: VpcId;
  /** IPv4 CIDR blocks of the VPC in canonical form: primary first, then secondary. AWS allows /16 to /28. */
  cidrBlocks: string[];
  /**
   * IPv6 CIDR blocks of the VPC (/44 to /60 in steps of 4; Amazon-provided blocks are /56).
   * @default none (IPv4 only)
   */
  ipv6CidrBlocks?: string[];
  /**
   * Route tables that get routes to every peer by default.
   * @default none
   */
  routeTableIds?: RouteTableId[];
  /**
   * Private hosted zones (Route 53) this VPC's account created and associated with this VPC, which
   * peerings may share with their other side (`shareHostedZones`).
   * @default none
   */
  hostedZones?: HostedZoneInput[];
  /** Only on a VPC of another organization: `{ external: { ... } }` instead of the fields above. */
  external?: undefined;
}

/** A private hosted zone of a VPC. */
export interface HostedZoneInput {
  /** The zone's id, e.g. `Z0123456789ABCDEFGHIJ` (without `/hostedzone/`). */
  zoneId: HostedZoneId;
  /** The zone's domain name, lowercase, without the trailing dot, e.g. `shared.internal.example`. */
  name: string;
}

/** A VPC in an account outside this config (a vendor's, a SaaS's): only our side of its peerings is synthesized. */
export interface ExternalVpcInput {
  external: {
    /** The account that owns the VPC. */
    accountId: string;
    /** Region of the VPC. */
    region: AwsRegion;
    /** The VPC's id. */
    vpcId: VpcId;
    /** Its IPv4 CIDR blocks: they are routed to and checked for overlap. */
    cidrBlocks: string[];
    /**
     * Its IPv6 CIDR blocks.
     * @default none
     */
    ipv6CidrBlocks?: string[];
  };
  // The fields of our own VPCs, absent here; declared so that the editor can tell the two shapes apart.
  account?: never;
  region?: never;
  vpcId?: never;
  cidrBlocks?: never;
  ipv6CidrBlocks?: never;
  routeTableIds?: never;
}

/** Which route tables of one side get which routes. */
export interface RouteSelectionInput {
  /**
   * Route tables of this side that get routes.
   * @default the VPC's routeTableIds
   */
  routeTableIds?: RouteTableId[];
  /**
   * Destinations routed through the peering; each must lie inside the other VPC's CIDRs.
   * @default all of the other VPC's CIDRs
   */
  destinations?: string[];
}

/** Where the traffic an ingress rule lets in comes from: exactly one of these. */
export type IngressSourceInput =
  | {
      /** A security group of the peer VPC (same region only). */
      securityGroupId: SecurityGroupId;
    }
  | {
      /** A CIDR inside the peer VPC. */
      cidr: string;
    }
  | {
      /** Every CIDR of the peer VPC, one rule each. */
      peerVpc: true;
    };

/** An inbound security group rule that lets the peer VPC in. */
export type IngressRuleInput = {
  /** Security group of this side that gets the rule. */
  securityGroupId: SecurityGroupId;
  /** Where the traffic comes from. */
  source: IngressSourceInput;
  /**
   * What the rule is for, in a few words (at most 255 characters, not "Managed by Terraform").
   */
  description: string;
  /**
   * For an adopted peering: the sgr- id of the rule AWS already has, per source.
   * @default none
   */
  existingRuleIds?: Record<string, string>;
} & (
  | {
      /** tcp and udp rules name their ports. */
      protocol: "tcp" | "udp";
      /** A port (443) or a [from, to] range ([8000, 8080]). */
      ports: number | [number, number];
    }
  | {
      /** icmp, icmpv6 and all take no ports. */
      protocol: "icmp" | "icmpv6" | "all";
      ports?: never;
    }
);

/** A peering between two VPCs of the config. */
export interface PeeringInput<Vpc extends string = string> {
  /** Key of the VPC (under `vpcs`) that requests the peering. */
  requester: Vpc;
  /** Key of the VPC (under `vpcs`) that accepts the peering. */
  accepter: Vpc;
  /**
   * Each side resolves the other's private DNS names.
   * @default true
   */
  dnsResolution?: boolean;
  /**
   * Private hosted zones (Route 53) resolved across this peering: `"requester"` = the accepter VPC
   * resolves the requester VPC's `hostedZones`, `"accepter"` = the other way round, `"both"`,
   * `"none"`, or a list of zone ids of either side. Across accounts the zone's account authorizes
   * the association and the VPC's account makes it. Not `dnsResolution`, which resolves the peer's
   * public DNS hostnames to private IPs.
   * @default "none"
   */
  shareHostedZones?: "both" | "requester" | "accepter" | "none" | HostedZoneId[];
  /**
   * Route tables and destinations per side.
   * @default every route table of each side to every CIDR of the other
   */
  routes?: { requester?: RouteSelectionInput; accepter?: RouteSelectionInput };
  /**
   * Inbound rules per side, letting the other VPC in.
   * @default none
   */
  ingress?: { requester?: IngressRuleInput[]; accepter?: IngressRuleInput[] };
  /**
   * Tags of this peering's resources.
   * @default none
   */
  tags?: Record<string, string>;
  /**
   * Adopt a peering made by hand (with an external requester: one already accepted):
   * Terraform imports it and everything the config describes for it.
   * @default create it
   */
  existing?: { peeringConnectionId: PeeringConnectionId };
  /** When the requester is external: the peering connection it requested, which we accept (once it is active, use `existing` instead). */
  peeringConnectionId?: PeeringConnectionId;
  /**
   * prevent_destroy on the connection and accepter.
   * @default true for adopted (existing) peerings, else false
   */
  protect?: boolean;
  /** The peering's former name: its resources move to the new addresses instead of being replaced. */
  previousName?: string;
}

/** A warning the team accepts on purpose. */
export interface AcknowledgementInput {
  /** Id of the rule that raised the warning, as printed with it, e.g. `nested-route-destinations`. */
  rule: string;
  /** Field path of the warning, as printed before its message. */
  path: string;
  /** Why the warning is accepted, in a few words: listed with it in the peering report. */
  reason: string;
}

/** The fields of a config that reference nothing by name. */
interface FrameInput {
  /** Project name: 1-32 lowercase letters, digits and dashes, starting with a letter; used in names and tags. */
  project: string;
  /**
   * Default tags on every taggable resource (not aws:*, not Name, Side or Project; at most 47).
   * @default none
   */
  tags?: Record<string, string>;
  /**
   * Treat warnings as errors (except acknowledged ones).
   * @default false
   */
  strict?: boolean;
  /**
   * Warnings accepted on purpose; one that matches no warning is an error.
   * @default none
   */
  acknowledge?: AcknowledgementInput[];
  /**
   * Quotas of your accounts, when AWS has raised them.
   * @default AWS's defaults: 50 peerings per VPC, 50 routes per route table, 60 inbound rules per security group
   */
  quotas?: PeeringConfig["quotas"];
  /**
   * Where Terraform keeps state: `{ type: "local" }`, `{ type: "s3", ... }` or `{ type: "cloud", ... }`.
   * @default { type: "local" }
   */
  backend?: PeeringConfig["backend"];
  /**
   * Who may assume the account roles; used by `npm run iam` and the bootstrap stacks.
   * @default none
   */
  iam?: PeeringConfig["iam"];
  /**
   * Also synthesize one bootstrap-<account> stack per account with a roleArn, creating its roles.
   * @default false
   */
  bootstrap?: boolean;
  /**
   * Write one Terraform `check` block per peering (Terraform >= 1.5): every
   * plan and apply reads the connection and warns when it is not `active`
   * (one DescribeVpcPeeringConnections call per peering, and
   * `terraform plan -detailed-exitcode` then exits 2: see the README).
   * @default true
   */
  checks?: boolean;
}

/** A whole config whose references are checked against its own keys. */
export type ConfigInput<Account extends string, Vpc extends string, Peering extends string = string> = FrameInput & {
  /** Accounts, by name (the name becomes part of stack names and Terraform addresses). */
  accounts: Record<Account, AccountInput>;
  /** VPCs, by name: ours, or `{ external: { ... } }` for a VPC of another organization. */
  vpcs: Record<Vpc, VpcInput<NoInfer<Account>> | ExternalVpcInput>;
  /** Peerings, by name; the name drives resource addresses. */
  peerings: Record<Peering, PeeringInput<NoInfer<Vpc>>>;
};

/**
 * Declares the config of `config/config.ts`:
 * `export const config = defineConfig({ ... })`. It returns its argument
 * unchanged; its types make a VPC's `account` and a peering's `requester` and
 * `accepter` one of the config's own keys (a misspelt name is a compile error,
 * and the editor completes the names), regions one of AWS's, ids `vpc-`,
 * `rtb-`, `sg-` or `pcx-`, and every field documented on hover.
 */
export function defineConfig<
  const Account extends string,
  const Vpc extends string,
  const Peering extends string,
  const T extends ConfigInput<Account, Vpc, Peering>,
>(config: ConfigInput<Account, Vpc, Peering> & T): T {
  return config;
}

/** Compile-time proof that every config `defineConfig` accepts is a `PeeringConfig` the schema describes. */
type Assignable<T extends PeeringConfig> = T;
export type AuthoringConfigIsPeeringConfig = Assignable<ConfigInput<string, string>>;
