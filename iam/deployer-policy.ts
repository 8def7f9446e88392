import { partitionOf } from "../config/aws-regions";
import { type Network, SIDES, type Vpc, vpcOf, type ZoneShare } from "../model/network";
import { ec2Arn, route53Arn } from "./arns";
import { type PolicyDocument, type PolicyStatement, policyDocument, sortedUnique } from "./policy-document";

/**
 * The read calls Terraform makes for these resources, as the rehearsal
 * observed the AWS provider 5.100.0 making them in create, read, update,
 * delete and import (`rehearsal/observed-actions.json`). EC2 Describe* calls
 * have no resource-level permissions, so these are the only actions on "*".
 */
export const TERRAFORM_READ_ACTIONS = [
  "ec2:DescribeRouteTables",
  "ec2:DescribeSecurityGroupRules",
  "ec2:DescribeVpcPeeringConnections",
] as const;

/**
 * The further Describe calls `npm run discover` makes through the plan role
 * (besides {@link TERRAFORM_READ_ACTIONS}): the VPCs with their CIDRs, and
 * the security groups (to know which VPC each belongs to). Read only, on "*".
 * `__tests__/discover/discover-local-aws.test.ts` checks that discover calls
 * exactly these and the Terraform ones, and nothing else.
 */
export const DISCOVER_READ_ACTIONS = ["ec2:DescribeSecurityGroups", "ec2:DescribeVpcs"] as const;

const discoverStatement: PolicyStatement = {
  Sid: "ReadForDiscover",
  Effect: "Allow",
  Action: [...DISCOVER_READ_ACTIONS],
  Resource: "*",
};

const readStatement: PolicyStatement = {
  Sid: "ReadForTerraform",
  Effect: "Allow",
  Action: [...TERRAFORM_READ_ACTIONS],
  Resource: "*",
};

/** The VPCs of an account on one side of the peerings, with the VPCs across. */
function sideOf(network: Network, accountName: string, side: "requester" | "accepter") {
  const peerings = network.peerings.filter((p) => vpcOf(p, side).account.name === accountName);
  return {
    peerings,
    own: peerings.map((p) => vpcOf(p, side)),
    across: peerings.map((p) => vpcOf(p, side === "requester" ? "accepter" : "requester")),
  };
}

const arnEquals = (key: string, vpcs: readonly Vpc[]) => ({ ArnEquals: { [key]: sortedUnique(vpcs.map(ec2Arn.vpc)) } });

/**
 * The Route 53 reads Terraform makes for zone associations, as the rehearsal observed the AWS
 * provider 5.100.0 making them: ListHostedZonesByVPC has no resource-level permissions (so "*"),
 * and Route 53 checks the VPC with ec2:DescribeVpcs on the caller's behalf (a dependent action in
 * the Service Authorization Reference, also "*").
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonroute53.html
 */
export const ZONE_ASSOCIATION_READ_ACTIONS = ["ec2:DescribeVpcs", "route53:ListHostedZonesByVPC"] as const;

/** The zone shares of the config, and which of them an account takes part in: as zone owner (authorizing) or as VPC owner (associating). */
function zoneSharesOf(network: Network, accountName: string) {
  const shares = network.peerings.flatMap((p) => p.zoneShares);
  const zoneArns = (list: readonly ZoneShare[]) =>
    sortedUnique(list.map((s) => route53Arn.hostedZone(s.owner.partition, s.zone.zoneId)));
  const authorizing = shares.filter((s) => s.crossAccount && s.owner.account.name === accountName);
  const associating = shares.filter((s) => s.vpc.account.name === accountName);
  return { authorizing, associating, zoneArns };
}

/** The statements of an account's zone shares; `read` keeps only what a plan needs. */
function zoneStatements(network: Network, accountName: string, read: boolean): PolicyStatement[] {
  const { authorizing, associating, zoneArns } = zoneSharesOf(network, accountName);
  const statements: PolicyStatement[] = [];
  if (authorizing.length > 0) {
    statements.push({
      Sid: read ? "ReadZoneAssociationAuthorizations" : "AuthorizeZoneAssociations",
      Effect: "Allow",
      Action: read
        ? "route53:ListVPCAssociationAuthorizations"
        : [
            "route53:CreateVPCAssociationAuthorization",
            "route53:DeleteVPCAssociationAuthorization",
            "route53:ListVPCAssociationAuthorizations",
          ],
      Resource: zoneArns(authorizing),
    });
  }
  if (associating.length > 0) {
    if (!read) {
      statements.push(
        {
          Sid: "AssociateSharedZones",
          Effect: "Allow",
          Action: ["route53:AssociateVPCWithHostedZone", "route53:DisassociateVPCFromHostedZone"],
          Resource: zoneArns(associating),
        },
        {
          Sid: "WaitForZoneAssociations",
          Effect: "Allow",
          Action: "route53:GetChange",
          Resource: sortedUnique(associating.map((s) => route53Arn.changes(s.vpc.partition))),
        },
      );
    }
    statements.push({
      Sid: "ReadZoneAssociations",
      Effect: "Allow",
      Action: [...ZONE_ASSOCIATION_READ_ACTIONS],
      Resource: "*",
    });
  }
  return statements;
}

/**
 * The exact permissions the role of one account needs for the peerings that
 * touch it, computed from the config:
 * - as requester: create peerings from its VPCs to the configured accepter
 *   VPCs only, tag them at creation, and delete, modify options and tag the
 *   peerings its VPCs requested;
 * - as accepter: accept peerings into its VPCs from the configured requester
 *   VPCs only, and modify options and tag them (never delete);
 * - routes in exactly the configured route tables, ingress rules on exactly
 *   the security groups that get rules;
 * - the private hosted zones it shares across accounts: authorize, list and
 *   delete associations of exactly those zones; the zones its VPCs resolve:
 *   associate and disassociate exactly those zones, wait for the change, and
 *   the reads of {@link ZONE_ASSOCIATION_READ_ACTIONS};
 * - the Describe calls Terraform makes, on "*" (they have no resource-level
 *   permissions), and nothing else.
 */
export function deployerPolicy(network: Network, accountName: string): PolicyDocument {
  const requester = sideOf(network, accountName, "requester");
  const accepter = sideOf(network, accountName, "accepter");
  const requesterPeerings = sortedUnique(
    requester.own.map((vpc) => ec2Arn.peeringConnections(vpc, vpc.account.accountId)),
  );
  // A peering connection belongs to the requester's account, but AWS's own
  // example for accepting writes the accepter's account in its ARN. Both are
  // listed (in the accepter's region); the conditions pin both VPCs anyway.
  const accepterPeerings = sortedUnique(
    accepter.peerings.flatMap((p) => [
      ec2Arn.peeringConnections(p.accepter, p.requester.account.accountId),
      ec2Arn.peeringConnections(p.accepter, p.accepter.account.accountId),
    ]),
  );

  const routeTables: string[] = [];
  const securityGroups: string[] = [];
  for (const peering of network.peerings) {
    for (const side of SIDES) {
      const vpc = vpcOf(peering, side);
      if (vpc.account.name !== accountName) continue;
      routeTables.push(...peering.routes[side].map((route) => ec2Arn.routeTable(vpc, route.routeTableId)));
      for (const rule of peering.ingress[side])
        securityGroups.push(ec2Arn.securityGroup(vpc, rule.securityGroupId), ec2Arn.securityGroupRules(vpc));
    }
  }
  const ruleArns = sortedUnique(securityGroups.filter((arn) => arn.endsWith(":security-group-rule/*")));

  const statements: PolicyStatement[] = [];
  if (requester.peerings.length > 0) {
    statements.push(
      {
        Sid: "CreatePeeringFromOwnVpcs",
        Effect: "Allow",
        Action: "ec2:CreateVpcPeeringConnection",
        Resource: sortedUnique(requester.own.map(ec2Arn.vpc)),
      },
      {
        Sid: "CreatePeeringToConfiguredAccepters",
        Effect: "Allow",
        Action: "ec2:CreateVpcPeeringConnection",
        Resource: requesterPeerings,
        Condition: arnEquals("ec2:AccepterVpc", requester.across),
      },
      {
        Sid: "TagPeeringOnCreate",
        Effect: "Allow",
        Action: "ec2:CreateTags",
        Resource: requesterPeerings,
        Condition: { StringEquals: { "ec2:CreateAction": "CreateVpcPeeringConnection" } },
      },
      {
        Sid: "ManageRequestedPeerings",
        Effect: "Allow",
        Action: [
          "ec2:CreateTags",
          "ec2:DeleteTags",
          "ec2:DeleteVpcPeeringConnection",
          "ec2:ModifyVpcPeeringConnectionOptions",
        ],
        Resource: requesterPeerings,
        Condition: arnEquals("ec2:RequesterVpc", requester.own),
      },
    );
  }
  if (accepter.peerings.length > 0) {
    statements.push(
      {
        Sid: "AcceptPeeringIntoOwnVpcs",
        Effect: "Allow",
        Action: "ec2:AcceptVpcPeeringConnection",
        Resource: sortedUnique(accepter.own.map(ec2Arn.vpc)),
      },
      {
        Sid: "AcceptPeeringFromConfiguredRequesters",
        Effect: "Allow",
        Action: "ec2:AcceptVpcPeeringConnection",
        Resource: accepterPeerings,
        Condition: arnEquals("ec2:RequesterVpc", accepter.across),
      },
      {
        Sid: "ManageAcceptedPeerings",
        Effect: "Allow",
        Action: ["ec2:CreateTags", "ec2:DeleteTags", "ec2:ModifyVpcPeeringConnectionOptions"],
        Resource: accepterPeerings,
        Condition: arnEquals("ec2:AccepterVpc", accepter.own),
      },
    );
  }
  statements.push(
    {
      Sid: "RoutesInConfiguredTables",
      Effect: "Allow",
      Action: ["ec2:CreateRoute", "ec2:DeleteRoute", "ec2:ReplaceRoute"],
      Resource: sortedUnique(routeTables),
    },
    {
      Sid: "IngressOnConfiguredSecurityGroups",
      Effect: "Allow",
      Action: [
        "ec2:AuthorizeSecurityGroupIngress",
        "ec2:ModifySecurityGroupRules",
        "ec2:RevokeSecurityGroupIngress",
        "ec2:UpdateSecurityGroupRuleDescriptionsIngress",
      ],
      Resource: sortedUnique(securityGroups),
    },
    { Sid: "TagIngressRules", Effect: "Allow", Action: ["ec2:CreateTags", "ec2:DeleteTags"], Resource: ruleArns },
    ...zoneStatements(network, accountName, false),
    readStatement,
  );
  return policyDocument(statements);
}

/**
 * The read-only policy of an account's plan role (pull-request plans and
 * `npm run discover`): the Describe calls, the Route 53 reads of the zone
 * shares it takes part in (when `accountName` is given), and reading the
 * state objects when state is in S3. Plans run with `-lock=false`, so no
 * write to the bucket is needed.
 */
export function planPolicy(network: Network, accountName?: string): PolicyDocument {
  const statements: PolicyStatement[] = [
    readStatement,
    discoverStatement,
    ...(accountName === undefined ? [] : zoneStatements(network, accountName, true)),
  ];
  const { backend } = network;
  if (backend.type === "s3") {
    const partition = partitionOf(backend.region as Parameters<typeof partitionOf>[0]);
    const prefix = backend.keyPrefix ? `${backend.keyPrefix}/` : "";
    statements.push(
      {
        Sid: "ReadState",
        Effect: "Allow",
        Action: "s3:GetObject",
        Resource: `arn:${partition}:s3:::${backend.bucket}/${prefix}*`,
      },
      {
        Sid: "ListState",
        Effect: "Allow",
        Action: "s3:ListBucket",
        Resource: `arn:${partition}:s3:::${backend.bucket}`,
        ...(prefix ? { Condition: { StringLike: { "s3:prefix": `${prefix}*` } } } : {}),
      },
    );
  }
  return policyDocument(statements);
}
