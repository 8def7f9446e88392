import { z } from "zod";
import { type IpFamily, isCidr, parseCidr } from "../core/cidr";
import { echo } from "../core/echo";
import { AWS_REGIONS, type AwsRegion } from "./aws-regions";

/**
 * The one schema of the peering config: its TypeScript types are derived from
 * it (`z.input` / `z.infer`), the runtime validation of TypeScript, JSON and
 * YAML configs runs it, and `config/schema.json` is exported from it.
 *
 * Field-level shape rules live here; rules that relate several fields to each
 * other (overlaps, references, quotas) live in `validation/rules/`.
 */

/** What a resource name (account, VPC, peering) may be: a lowercase letter, then lowercase letters, digits and dashes. */
export const NAME_PATTERN = /^[a-z][a-z0-9-]*$/;

/** Name of an account, VPC or peering: it becomes part of Terraform addresses. */
export const resourceNameSchema = z
  .string()
  .regex(NAME_PATTERN, {
    error: (issue) =>
      `name ${echo(issue.input)} must be lowercase letters, digits and dashes, starting with a letter (it becomes part of Terraform addresses), e.g. "${suggestName(String(issue.input).slice(0, 60))}"`,
  })
  .max(64, { error: "names are at most 64 characters (they become Terraform addresses and tags)" });

function suggestName(input: string): string {
  const cleaned = input
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, "-")
    .replace(/^[^a-z]+/, "")
    .replace(/-+$/, "");
  return cleaned.length > 0 ? cleaned : "shared-services";
}

function awsIdSchema(prefix: string, what: string) {
  return z.string().regex(new RegExp(`^${prefix}-([0-9a-f]{8}|[0-9a-f]{17})$`), {
    error: (issue) =>
      `${echo(issue.input)} is not a ${what} id; expected "${prefix}-" and 8 or 17 lowercase hex digits, e.g. ${prefix}-0123456789abcdef0`,
  });
}

/** A VPC id such as `vpc-0a1b2c3d4e5f67890`. */
export const vpcIdSchema = awsIdSchema("vpc", "VPC");
/** A route table id such as `rtb-0a1b2c3d4e5f67890`. */
export const routeTableIdSchema = awsIdSchema("rtb", "route table");
/** A security group id such as `sg-0123456789abcdef0`. */
export const securityGroupIdSchema = awsIdSchema("sg", "security group");
/** A VPC peering connection id such as `pcx-0123456789abcdef0`. */
export const pcxIdSchema = awsIdSchema("pcx", "VPC peering connection");

/** A 12-digit AWS account id, written as a string (leading zeros matter). */
const accountIdProblem = (issue: { input?: unknown }) =>
  issue.input === undefined
    ? "is required: the 12-digit AWS account id, as a string"
    : `account id ${echo(issue.input)} must be exactly 12 digits, written as a string (quote it in YAML: "012345678901")`;
export const accountIdSchema = z.string({ error: accountIdProblem }).regex(/^\d{12}$/, { error: accountIdProblem });

/** An AWS region name. */
export const regionSchema = z.enum(AWS_REGIONS as unknown as [AwsRegion, ...AwsRegion[]], {
  error: (issue) =>
    issue.input === undefined
      ? "is required: an AWS region such as us-east-1"
      : `${echo(issue.input)} is not an AWS region; use a region name such as us-east-1 or eu-west-1`,
});

/** An IAM role ARN; that its account matches is checked by a validation rule. */
export const roleArnSchema = z
  .string()
  .regex(/^arn:aws(-cn|-us-gov)?:iam::\d{12}:role\/([\w+=,.@-]+\/)*[\w+=,.@-]{1,64}$/, {
    error: (issue) =>
      `${echo(issue.input)} is not an IAM role ARN; expected arn:aws:iam::<12-digit account id>:role/<role name>`,
  });

/** An `sts:ExternalId` value. */
export const externalIdSchema = z.string().regex(/^[\w+=,.@:/-]{2,1224}$/, {
  error: "externalId must be 2 to 1224 characters of letters, digits and + = , . @ : / - _",
});

function cidrSchema(family: IpFamily) {
  const example = family === "ipv4" ? "10.1.0.0/16" : "2600:1f18:aaaa:bb00::/56";
  return z
    .string()
    .superRefine((text, ctx) => {
      const parsed = parseCidr(text);
      if (!isCidr(parsed)) {
        ctx.addIssue({ code: "custom", message: parsed.problem });
      } else if (parsed.family !== family) {
        ctx.addIssue({
          code: "custom",
          message: `${text} is an ${parsed.family === "ipv4" ? "IPv4" : "IPv6"} block; this field takes ${family === "ipv4" ? "IPv4" : "IPv6"} blocks such as ${example}`,
        });
      }
    })
    .meta({
      description: `An ${family === "ipv4" ? "IPv4" : "IPv6"} CIDR block in canonical form, e.g. ${example}`,
      pattern: family === "ipv4" ? IPV4_CIDR_PATTERN : IPV6_CIDR_PATTERN,
    });
}

/** Four decimal octets without leading zeros and a prefix 0-32: what JSON Schema users are checked against. */
const IPV4_CIDR_PATTERN =
  "^((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])/(3[0-2]|[12]?[0-9])$";
/** Lowercase hex groups and a prefix 0-128 (canonical compression is checked at synth). */
const IPV6_CIDR_PATTERN = "^[0-9a-f:]*:[0-9a-f:]*/(12[0-8]|1[01][0-9]|[1-9]?[0-9])$";

/**
 * The sizes AWS allows for a VPC's own blocks: IPv4 /16 to /28; IPv6 /44 to /60 in steps of 4
 * (Amazon-provided blocks are /56).
 * @see https://docs.aws.amazon.com/vpc/latest/userguide/vpc-cidr-blocks.html
 */
function vpcBlockSchema(family: IpFamily) {
  const [min, max, step] = family === "ipv4" ? [16, 28, 1] : [44, 60, 4];
  return cidrSchema(family).superRefine((text, ctx) => {
    const parsed = parseCidr(text);
    if (!isCidr(parsed) || parsed.family !== family) return; // reported by cidrSchema
    const { prefixLength } = parsed;
    if (prefixLength < min || prefixLength > max || (prefixLength - min) % step !== 0) {
      ctx.addIssue({
        code: "custom",
        message:
          family === "ipv4"
            ? `VPC block ${text} is a /${prefixLength}; AWS allows IPv4 VPC blocks from /16 to /28`
            : `VPC block ${text} is a /${prefixLength}; AWS allows IPv6 VPC blocks from /44 to /60 in steps of 4 (Amazon-provided blocks are /56)`,
      });
    }
  });
}

/** An IPv4 CIDR block with no host bits set. */
export const ipv4CidrSchema = cidrSchema("ipv4");
/** An IPv6 CIDR block with no host bits set. */
export const ipv6CidrSchema = cidrSchema("ipv6");
/** An IPv4 or IPv6 CIDR block with no host bits set. */
export const anyCidrSchema = z
  .string()
  .superRefine((text, ctx) => {
    const parsed = parseCidr(text);
    if (!isCidr(parsed)) ctx.addIssue({ code: "custom", message: parsed.problem });
  })
  .meta({
    description: "An IPv4 or IPv6 CIDR block in canonical form, e.g. 10.1.4.0/24",
    pattern: `(${IPV4_CIDR_PATTERN})|(${IPV6_CIDR_PATTERN})`,
  });

/** Tag keys the template sets itself: `Name` and `Side` on peerings and rules, `Project` on everything. */
export const TEMPLATE_TAG_KEYS = ["Name", "Project", "Side"] as const;

/** AWS allows at most 50 tags on a resource; the template adds up to 3 of its own. */
const MAX_USER_TAGS = 47;

const tagsSchema = z
  .record(
    z
      .string()
      .min(1, { error: "tag keys are 1 to 128 characters" })
      .max(128, { error: "tag keys are 1 to 128 characters" })
      .regex(/^(?![aA][wW][sS]:)/, { error: 'tag keys must not start with "aws:" in any case (reserved by AWS)' })
      .refine((key) => !(TEMPLATE_TAG_KEYS as readonly string[]).includes(key), {
        error: (issue) =>
          `tag key ${echo(issue.input)} is set by the template (Name: the peering, Side: requester or accepter, Project: the project); use another key`,
      }),
    z.string().max(256, { error: "tag values are at most 256 characters" }),
  )
  .refine((tags) => Object.keys(tags).length <= MAX_USER_TAGS, {
    error: `at most ${MAX_USER_TAGS} tags: AWS allows 50 per resource and the template adds Name, Side and Project`,
  })
  .meta({
    description:
      "Tags: key (1-128 characters, not aws:*, not Name, Side or Project) to value (at most 256 characters); at most 47.",
  });

/**
 * A Route 53 hosted zone id as the API returns it without its `/hostedzone/` prefix: `Z` and
 * uppercase letters and digits, at most 32 characters (the API's length limit for `Id`).
 * @see https://docs.aws.amazon.com/Route53/latest/APIReference/API_AssociateVPCWithHostedZone.html
 */
export const hostedZoneIdSchema = z.string().regex(/^Z[A-Z0-9]{1,31}$/, {
  error: (issue) =>
    typeof issue.input === "string" && /^\/?hostedzone\//.test(issue.input)
      ? `${echo(issue.input)} is a hosted zone path; write only the id, e.g. ${issue.input.replace(/^\/?hostedzone\//, "")}`
      : `${echo(issue.input)} is not a Route 53 hosted zone id; expected "Z" and uppercase letters and digits, e.g. Z0123456789ABCDEFGHIJ`,
});

/** One label of a hosted zone name: lowercase letters, digits and inner dashes, 1 to 63 characters. */
const DNS_LABEL = "[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?";

/**
 * The domain name of a private hosted zone, lowercase, without the trailing dot: dot-separated
 * labels of letters, digits and inner dashes, at most 253 characters. Its dots become `_` in
 * Terraform addresses, which is why the name takes no `_` itself.
 */
export const hostedZoneNameSchema = z
  .string()
  .superRefine((text, ctx) => {
    const fix = text.toLowerCase().replace(/\.$/, "");
    if (text.endsWith(".")) {
      ctx.addIssue({ code: "custom", message: `write the zone name without the trailing dot: "${fix}"` });
    } else if (text !== fix) {
      ctx.addIssue({ code: "custom", message: `write the zone name in lowercase: "${fix}"` });
    } else if (text.length > 253 || !new RegExp(`^${DNS_LABEL}(\\.${DNS_LABEL})*$`).test(text)) {
      ctx.addIssue({
        code: "custom",
        message: `${echo(text)} is not a hosted zone name; expected dot-separated labels of lowercase letters, digits and inner dashes (at most 63 characters each, 253 in all), e.g. shared.internal.example`,
      });
    }
  })
  .meta({
    description:
      "Domain name of a private hosted zone, lowercase, without the trailing dot, e.g. shared.internal.example",
    pattern: `^${DNS_LABEL}(\\.${DNS_LABEL})*$`,
  });

const hostedZoneSchema = z
  .strictObject({
    zoneId: hostedZoneIdSchema.meta({ description: "The zone's id, e.g. Z0123456789ABCDEFGHIJ." }),
    name: hostedZoneNameSchema,
  })
  .meta({
    description:
      "A private hosted zone created by this VPC's account and associated with this VPC; peerings may share it with their other side (shareHostedZones).",
  });

/** Which zones a peering shares: a side's (or both sides') `hostedZones`, none, or the zone ids listed. */
export const ZONE_SHARE_MODES = ["both", "requester", "accepter", "none"] as const;

const shareHostedZonesSchema = z
  .union(
    [
      z.enum(ZONE_SHARE_MODES),
      z
        .array(hostedZoneIdSchema)
        .min(1, { error: 'list at least one zone id, or write "none"' })
        .meta({ description: "Zone ids of either side's hostedZones; each is resolved by the other side." }),
    ],
    {
      error:
        'shareHostedZones is "both", "requester", "accepter", "none" or a list of zone ids of either side\'s hostedZones',
    },
  )
  .default("none")
  .meta({
    description:
      'Private hosted zones (Route 53) resolved across this peering: "requester" = the accepter VPC resolves the requester VPC\'s hostedZones, "accepter" = the other way round, "both", "none", or a list of zone ids of either side. Not the same as dnsResolution (the peering option that resolves the peer\'s public DNS hostnames to private IPs). Default: "none".',
  });

const accountSchema = z
  .strictObject({
    accountId: accountIdSchema.meta({ description: "The 12-digit AWS account id." }),
    roleArn: roleArnSchema
      .optional()
      .meta({ description: "Role the stack assumes to act in this account. Default: the caller's own credentials." }),
    externalId: externalIdSchema
      .optional()
      .meta({ description: "sts:ExternalId passed when assuming roleArn. Default: none." }),
    planRoleArn: roleArnSchema.optional().meta({
      description:
        "Read-only role assumed instead of roleArn when synthesizing for a pull-request plan (PEERING_ROLES=plan); required then for every account with a roleArn that a stack acts in (plans never fall back to roleArn). Default: none.",
    }),
  })
  .meta({ description: "An AWS account that owns VPCs of the config." });

const vpcSchema = z
  .strictObject({
    account: resourceNameSchema.meta({ description: "Key of the account (under accounts) that owns this VPC." }),
    region: regionSchema.meta({ description: "Region of the VPC, e.g. us-east-1." }),
    vpcId: vpcIdSchema,
    cidrBlocks: z
      .array(vpcBlockSchema("ipv4"))
      .min(1, { error: "a VPC has at least one IPv4 CIDR block: list the primary first, then the secondary ones" })
      .meta({ description: "IPv4 CIDR blocks of the VPC: primary first, then secondary." }),
    ipv6CidrBlocks: z
      .array(vpcBlockSchema("ipv6"))
      .optional()
      .meta({ description: "IPv6 CIDR blocks of the VPC. Default: none (IPv4 only)." }),
    routeTableIds: z
      .array(routeTableIdSchema)
      .optional()
      .meta({ description: "Route tables that get routes to every peer by default. Default: none." }),
    hostedZones: z.array(hostedZoneSchema).optional().meta({
      description:
        "Private hosted zones this VPC's account created and associated with this VPC, which peerings may share (shareHostedZones). Default: none.",
    }),
  })
  .meta({ description: "A VPC that takes part in peerings." });

/** When a VPC entry fits neither shape, say which fields each shape takes. */
function vpcShapeError(): string {
  return "a VPC is either { account, region, vpcId, cidrBlocks, ipv6CidrBlocks?, routeTableIds?, hostedZones? } or { external: { accountId, region, vpcId, cidrBlocks, ipv6CidrBlocks? } }";
}

const externalVpcSchema = z
  .strictObject({
    external: z
      .strictObject({
        accountId: accountIdSchema.meta({ description: "The account that owns the VPC (a vendor's, a SaaS's)." }),
        region: regionSchema.meta({ description: "Region of the VPC." }),
        vpcId: vpcIdSchema,
        cidrBlocks: z
          .array(vpcBlockSchema("ipv4"))
          .min(1, { error: "list the external VPC's IPv4 CIDR blocks: they are routed to and checked for overlap" }),
        ipv6CidrBlocks: z.array(vpcBlockSchema("ipv6")).optional(),
      })
      .meta({
        description:
          "A VPC in an account outside this config: no role, no route tables; its owner accepts or requests on their own.",
      }),
  })
  .meta({ description: "A VPC we do not manage; only our side of its peerings is synthesized." });

/** Whether a VPC entry describes an external VPC. */
export function isExternalVpc(vpc: VpcEntryConfig): vpc is z.infer<typeof externalVpcSchema> {
  return "external" in vpc;
}

const routeSelectionSchema = z
  .strictObject({
    routeTableIds: z
      .array(routeTableIdSchema)
      .optional()
      .meta({ description: "Route tables of this side that get routes. Default: the VPC's routeTableIds." }),
    destinations: z.array(anyCidrSchema).optional().meta({
      description:
        "Destinations routed through the peering; each must lie inside the other VPC's CIDRs. Default: all of the other VPC's CIDRs.",
    }),
  })
  .meta({ description: "Which route tables of one side get which routes." });

/** The protocols an ingress rule may name. */
export const INGRESS_PROTOCOLS = ["tcp", "udp", "icmp", "icmpv6", "all"] as const;
/** A protocol of an ingress rule. */
export type IngressProtocol = (typeof INGRESS_PROTOCOLS)[number];

const portSchema = z
  .number()
  .int({ error: "ports are whole numbers" })
  .min(0, { error: "ports are 0 to 65535" })
  .max(65535, { error: "ports are 0 to 65535" });

const ingressSourceSchema = z.union(
  [
    z.strictObject({
      securityGroupId: securityGroupIdSchema.meta({
        description: "A security group of the peer VPC (same region only).",
      }),
    }),
    z.strictObject({ cidr: anyCidrSchema.meta({ description: "A CIDR inside the peer VPC." }) }),
    z.strictObject({
      peerVpc: z.literal(true).meta({ description: "Every CIDR of the peer VPC, one rule each." }),
    }),
  ],
  {
    error:
      "source must be exactly one of { securityGroupId: sg-... } (peer security group, same region only), { cidr: ... } or { peerVpc: true }",
  },
);

const ingressRuleSchema = z
  .strictObject({
    securityGroupId: securityGroupIdSchema.meta({ description: "Security group of this side that gets the rule." }),
    source: ingressSourceSchema,
    protocol: z.enum(INGRESS_PROTOCOLS, {
      error: (issue) => `protocol ${echo(issue.input)} is not one of ${INGRESS_PROTOCOLS.join(", ")}`,
    }),
    ports: z
      .union([portSchema, z.tuple([portSchema, portSchema])], {
        error: "ports is a port number (443) or a range [from, to] ([8000, 8080])",
      })
      .optional()
      .meta({ description: "A port or [from, to] range; required for tcp and udp, not allowed otherwise." }),
    description: z.string().meta({
      description: 'What the rule is for (at most 255 characters, not "Managed by Terraform").',
    }),
    existingRuleIds: z
      .record(
        z.string(),
        z.string().regex(/^sgr-([0-9a-f]{8}|[0-9a-f]{17})$/, {
          error: "security group rule ids are sgr- and 8 or 17 hex digits",
        }),
      )
      .optional()
      .meta({
        description:
          'For an adopted peering: the sgr- id of the rule AWS already has, per source (the CIDR or security group id), e.g. { "10.0.0.0/16": "sgr-0123456789abcdef0" }.',
      }),
  })
  .meta({
    description: "An inbound security group rule that lets the peer VPC in.",
    // For JSON Schema users (YAML editors): tcp and udp rules name their ports, the others take none.
    if: { properties: { protocol: { enum: ["tcp", "udp"] } }, required: ["protocol"] },
    // biome-ignore lint/suspicious/noThenProperty: JSON Schema's if/then/else keyword, not a thenable
    then: { required: ["ports"] },
    else: { not: { required: ["ports"] } },
  });

const peeringSchema = z
  .strictObject({
    requester: resourceNameSchema.meta({ description: "Key of the VPC that requests the peering." }),
    accepter: resourceNameSchema.meta({ description: "Key of the VPC that accepts the peering." }),
    dnsResolution: z
      .boolean()
      .default(true)
      .meta({ description: "Each side resolves the other's private DNS names. Default: true." }),
    shareHostedZones: shareHostedZonesSchema,
    routes: z
      .strictObject({ requester: routeSelectionSchema.optional(), accepter: routeSelectionSchema.optional() })
      .optional()
      .meta({ description: "Route tables and destinations per side. Default: every route table to every CIDR." }),
    ingress: z
      .strictObject({
        requester: z.array(ingressRuleSchema).optional(),
        accepter: z.array(ingressRuleSchema).optional(),
      })
      .optional()
      .meta({ description: "Inbound rules per side, letting the other VPC in. Default: none." }),
    tags: tagsSchema.optional(),
    existing: z.strictObject({ peeringConnectionId: pcxIdSchema }).optional().meta({
      description:
        "Adopt a peering made by hand (with an external requester: one already accepted): Terraform imports it and everything the config describes for it. Default: create it.",
    }),
    peeringConnectionId: pcxIdSchema.optional().meta({
      description:
        "When the requester is external: the peering connection it requested, which we accept (once it is active, use existing instead).",
    }),
    protect: z.boolean().optional().meta({
      description:
        "prevent_destroy on the connection and accepter. Default: true for adopted (existing) peerings, else false.",
    }),
    previousName: resourceNameSchema.optional().meta({
      description: "The peering's former name: its resources move to the new addresses instead of being replaced.",
    }),
  })
  .meta({ description: "A peering between two VPCs of the config." });

const backendSchema = z
  .discriminatedUnion(
    "type",
    [
      z
        .strictObject({ type: z.literal("local") })
        .meta({ description: "Local state: terraform.<stack>.tfstate in the project folder." }),
      z
        .strictObject({
          type: z.literal("s3"),
          bucket: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, {
            error: "bucket must be an S3 bucket name: 3-63 lowercase letters, digits, dots and dashes",
          }),
          region: regionSchema.meta({ description: "Region of the state bucket." }),
          keyPrefix: z
            .string()
            .regex(/^[A-Za-z0-9!_.*'()/-]*[A-Za-z0-9!_.*'()-]$/, {
              error: "keyPrefix is a path inside the bucket without a trailing slash, e.g. vpc-peering",
            })
            .optional()
            .meta({ description: "Folder of the state keys: <keyPrefix>/<stack>.tfstate. Default: the bucket root." }),
          roleArn: roleArnSchema
            .optional()
            .meta({ description: "Role assumed to reach the state bucket. Default: none." }),
        })
        .meta({ description: "S3 state, one key per stack, encrypted, with S3-native locking (no DynamoDB table)." }),
      z
        .strictObject({
          type: z.literal("cloud"),
          organization: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, {
            error: "organization is your HCP Terraform organization name: letters, digits, - and _",
          }),
          workspacePrefix: z
            .string()
            .regex(/^[A-Za-z0-9_-]+$/, { error: "workspacePrefix is letters, digits, - and _, e.g. acme-net-" }),
          hostname: z
            .string()
            .regex(/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+(:\d{1,5})?$/, {
              error: "hostname is a DNS name such as tfe.example.com (optionally :port)",
            })
            .optional()
            .meta({ description: "Terraform Enterprise hostname. Default: app.terraform.io." }),
        })
        .meta({
          description: "HCP Terraform / Terraform Enterprise: one workspace per stack, <workspacePrefix><stack>.",
        }),
    ],
    { error: 'backend.type must be "local", "s3" or "cloud"' },
  )
  .meta({ description: "Where Terraform keeps state. Default: local." });

/** Where Terraform keeps state, per stack. */
export type BackendConfig = z.infer<typeof backendSchema>;

/** `owner/repo` of a GitHub repository, as it appears in OIDC subjects. */
const githubRepositorySchema = z.string().regex(/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/, {
  error: (issue) => `"${String(issue.input)}" is not a GitHub repository; write it as owner/name, e.g. acme/network`,
});

const githubSchema = z
  .strictObject({
    repository: githubRepositorySchema.meta({
      description:
        "The repository whose workflows run the plans and deploys, as owner/name. The CI roles' trust pins its OIDC subjects: repo:<owner/name>:pull_request for ciPlanRoleArn, repo:<owner/name>:environment:production for ciDeployRoleArn.",
    }),
  })
  .meta({
    description:
      "The GitHub repository of the CI; with it, npm run iam writes the trust policies of the CI's OIDC roles.",
  });

const iamSchema = z
  .strictObject({
    deployerRoleArn: roleArnSchema.meta({
      description:
        "The role a person runs terraform with. Every account's deploy role (roleArn) trusts it and ciDeployRoleArn, and nothing else; plan roles trust it too.",
    }),
    ciPlanRoleArn: roleArnSchema.optional().meta({
      description:
        "The CI's OIDC role for pull-request plans (plan.yml). Only the read-only plan roles (planRoleArn) trust it; it must differ from every role that can write. Default: none (no CI plans).",
    }),
    ciDeployRoleArn: roleArnSchema.optional().meta({
      description:
        "The CI's OIDC role for deploys (deploy.yml, environment production). The deploy roles (roleArn) trust it. Default: none (no CI deploys).",
    }),
    github: githubSchema.optional(),
    permissionsBoundaryArn: z
      .string()
      .regex(/^arn:aws(-cn|-us-gov)?:iam::(\d{12}|aws):policy\/[\w+=,.@/-]+$/, {
        error:
          "permissionsBoundaryArn must be an IAM policy ARN, e.g. arn:aws:iam::111111111111:policy/platform-boundary",
      })
      .optional()
      .meta({ description: "Permissions boundary for the roles the bootstrap stacks create. Default: none." }),
  })
  .meta({ description: "Who may assume the account roles; used by npm run iam and the bootstrap stacks." });

/** Who may assume the account roles. */
export type IamConfig = z.infer<typeof iamSchema>;

const quotasSchema = z
  .strictObject({
    peeringsPerVpc: z.number().int().min(1).max(125).default(50).meta({
      description: "Active peerings per VPC (AWS default 50, at most 125). Default: 50.",
    }),
    routesPerRouteTable: z.number().int().min(1).max(1000).default(50).meta({
      description: "Routes per route table, IPv4 and IPv6 counted apart (AWS default 50). Default: 50.",
    }),
    inboundRulesPerSecurityGroup: z.number().int().min(1).max(1000).default(60).meta({
      description: "Inbound rules per security group, IPv4 and IPv6 counted apart (AWS default 60). Default: 60.",
    }),
  })
  .meta({ description: "Quotas of your accounts, when AWS has raised them." });

const acknowledgementSchema = z
  .strictObject({
    rule: z
      .string()
      .regex(/^[a-z][a-z0-9-]*$/, {
        error:
          "rule is the id of a validation rule, e.g. nested-route-destinations (the file name under validation/rules/)",
      })
      .meta({
        description: "Id of the rule that raised the warning, as printed with it, e.g. nested-route-destinations.",
      }),
    path: z.string().min(1, { error: "path is the field path of the warning, as printed with it" }).meta({
      description: "Field path of the warning, as printed before its message, e.g. peerings.hub-to-b.routes.requester.",
    }),
    reason: z
      .string()
      .refine(
        (text) =>
          text
            .trim()
            .split(/\s+/)
            .filter((word) => /[A-Za-z]/.test(word)).length >= 3,
        {
          error:
            'reason says why this warning is accepted, in a few words (it is listed in the peering report), e.g. "hub routes 10.0.0.0/8 to b and the more specific 10.1.0.0/16 to c, as the VPC Peering Guide describes"',
        },
      )
      .meta({ description: "Why the warning is accepted: listed with it in the peering report." }),
  })
  .meta({
    description:
      "A warning the team accepts: it no longer blocks strict mode, and is listed as acknowledged in the peering report.",
  });

/** One acknowledged warning. */
export type AcknowledgementConfig = z.infer<typeof acknowledgementSchema>;

/** The whole peering config. */
export const peeringConfigSchema = z
  .strictObject({
    $schema: z.string().optional().meta({ description: "Path to config/schema.json, for editors." }),
    project: z
      .string()
      .regex(/^[a-z][a-z0-9-]{0,31}$/, {
        error: (issue) =>
          `project ${echo(issue.input)} must be 1-32 lowercase letters, digits and dashes, starting with a letter, e.g. "acme-net"`,
      })
      .meta({ description: "Project name: lowercase words and dashes; used in names and tags." }),
    tags: tagsSchema.optional().meta({ description: "Default tags on every taggable resource. Default: none." }),
    strict: z
      .boolean()
      .default(false)
      .meta({ description: "Treat warnings as errors (except acknowledged ones). Default: false." }),
    acknowledge: z.array(acknowledgementSchema).default([]).meta({
      description:
        "Warnings accepted on purpose, each with its rule, path and reason; one that matches no warning is an error. Default: none.",
    }),
    quotas: quotasSchema.prefault({}),
    backend: backendSchema.default({ type: "local" }),
    iam: iamSchema.optional(),
    bootstrap: z.boolean().default(false).meta({
      description:
        "Also synthesize one bootstrap-<account> stack per account with a roleArn, creating its roles. Default: false.",
    }),
    checks: z.boolean().default(true).meta({
      description:
        "Write one Terraform check block per peering (Terraform >= 1.5) that warns when the connection is not active. Default: true.",
    }),
    accounts: z.record(resourceNameSchema, accountSchema).meta({ description: "Accounts, by name." }),
    vpcs: z
      .record(resourceNameSchema, z.union([vpcSchema, externalVpcSchema], { error: vpcShapeError }))
      .meta({ description: "VPCs, by name: ours, or { external: {...} } for a VPC of another organization." }),
    peerings: z
      .record(resourceNameSchema, peeringSchema)
      .meta({ description: "Peerings, by name; the name drives resource addresses." }),
  })
  .meta({
    title: "Cross-account VPC peering config",
    description: "Accounts, VPCs and peerings from which the CDKTF app synthesizes Terraform.",
  });

/** The config as its author writes it (optional fields optional). */
export type PeeringConfig = z.input<typeof peeringConfigSchema>;
/** The config after schema validation, defaults filled in. */
export type ParsedPeeringConfig = z.infer<typeof peeringConfigSchema>;
/** One account of a parsed config. */
export type AccountConfig = ParsedPeeringConfig["accounts"][string];
/** One VPC entry of a parsed config: ours or external. */
export type VpcEntryConfig = ParsedPeeringConfig["vpcs"][string];
/** One of our VPCs in a parsed config. */
export type VpcConfig = Exclude<VpcEntryConfig, { external: unknown }>;
/** One peering of a parsed config. */
export type PeeringEntryConfig = ParsedPeeringConfig["peerings"][string];
/** One ingress rule of a parsed config. */
export type IngressRuleConfig = NonNullable<NonNullable<PeeringEntryConfig["ingress"]>["accepter"]>[number];
/** One private hosted zone of a VPC in a parsed config. */
export type HostedZoneConfig = z.infer<typeof hostedZoneSchema>;
/** Which zones a peering shares, after defaults. */
export type ShareHostedZonesConfig = PeeringEntryConfig["shareHostedZones"];
/** Quotas after defaults. */
export type QuotasConfig = ParsedPeeringConfig["quotas"];
