/** The API actions Terraform's AWS provider calls for one resource type, by lifecycle step. */
export interface ResourceActions {
  /** Called when the resource is created (tags given at creation included). */
  readonly create: readonly string[];
  /** Called on every refresh and plan; the plan role needs these too. */
  readonly read: readonly string[];
  /** Called when an argument changes in place (tags included). */
  readonly update: readonly string[];
  /** Called on destroy; empty when the provider only forgets the resource (it removes it from state and calls nothing). */
  readonly delete: readonly string[];
}

/**
 * Every resource type the peering stacks create (and, as `data.<type>`, every
 * data source they read), with the actions the deploy
 * role needs for it (see {@link deployerPolicy}). A fork that adds a resource
 * type adds it here and grants the actions in `iam/deployer-policy.ts`; the
 * IAM coverage test (`__tests__/iam-coverage.test.ts`) fails until both agree
 * with what the stacks synthesize, instead of the first deploy failing with
 * AccessDenied.
 */
export const RESOURCE_ACTIONS: Readonly<Record<string, ResourceActions>> = {
  aws_vpc_peering_connection: {
    create: ["ec2:CreateVpcPeeringConnection", "ec2:CreateTags"],
    read: ["ec2:DescribeVpcPeeringConnections"],
    update: ["ec2:ModifyVpcPeeringConnectionOptions", "ec2:CreateTags", "ec2:DeleteTags"],
    delete: ["ec2:DeleteVpcPeeringConnection"],
  },
  aws_vpc_peering_connection_accepter: {
    create: ["ec2:AcceptVpcPeeringConnection", "ec2:CreateTags"],
    read: ["ec2:DescribeVpcPeeringConnections"],
    update: ["ec2:ModifyVpcPeeringConnectionOptions", "ec2:CreateTags", "ec2:DeleteTags"],
    // The provider removes the accepter from state and leaves the connection alone.
    delete: [],
  },
  aws_vpc_peering_connection_options: {
    create: ["ec2:ModifyVpcPeeringConnectionOptions"],
    read: ["ec2:DescribeVpcPeeringConnections"],
    update: ["ec2:ModifyVpcPeeringConnectionOptions"],
    // The provider removes the options from state and leaves the connection alone.
    delete: [],
  },
  aws_route: {
    create: ["ec2:CreateRoute"],
    read: ["ec2:DescribeRouteTables"],
    update: ["ec2:ReplaceRoute"],
    delete: ["ec2:DeleteRoute"],
  },
  aws_vpc_security_group_ingress_rule: {
    create: ["ec2:AuthorizeSecurityGroupIngress", "ec2:CreateTags"],
    read: ["ec2:DescribeSecurityGroupRules"],
    update: ["ec2:ModifySecurityGroupRules", "ec2:CreateTags", "ec2:DeleteTags"],
    delete: ["ec2:RevokeSecurityGroupIngress"],
  },
  // Every argument forces a new resource: no update. Calls as the provider makes them
  // (internal/service/route53/vpc_association_authorization.go, zone_association.go) and the
  // dependent ec2:DescribeVpcs of the Service Authorization Reference.
  aws_route53_vpc_association_authorization: {
    create: ["route53:CreateVPCAssociationAuthorization"],
    read: ["route53:ListVPCAssociationAuthorizations"],
    update: [],
    delete: ["route53:DeleteVPCAssociationAuthorization"],
  },
  aws_route53_zone_association: {
    create: ["route53:AssociateVPCWithHostedZone", "ec2:DescribeVpcs", "route53:GetChange"],
    read: ["route53:ListHostedZonesByVPC", "ec2:DescribeVpcs"],
    update: [],
    delete: ["route53:DisassociateVPCFromHostedZone"],
  },
  // The data source scoped in each peering's check block (constructs/peering-connection-check.ts), read on
  // every plan and apply through the provider of the connection (or accepter) it checks: nothing to create.
  "data.aws_vpc_peering_connection": {
    create: [],
    read: ["ec2:DescribeVpcPeeringConnections"],
    update: [],
    delete: [],
  },
};
