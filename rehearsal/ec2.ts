import type { Handler } from "./ec2-context";
import {
  acceptVpcPeeringConnection,
  createVpcPeeringConnection,
  deleteVpcPeeringConnection,
  describeVpcPeeringConnections,
  modifyVpcPeeringConnectionOptions,
} from "./ec2-peering";
import { createRoute, deleteRoute, describeRouteTables, replaceRoute } from "./ec2-routes";
import {
  authorizeSecurityGroupIngress,
  describeSecurityGroupRules,
  describeSecurityGroups,
  modifySecurityGroupRules,
  revokeSecurityGroupIngress,
} from "./ec2-security-groups";
import { createTags, deleteTags, describeTags } from "./ec2-tags";
import { describeVpcs } from "./ec2-vpcs";

/**
 * The EC2 actions the local AWS answers. Any other action answers an error
 * that names it (see server.ts), so a provider that starts calling something
 * new fails loudly.
 */
export const EC2_ACTIONS: Readonly<Record<string, Handler>> = {
  AcceptVpcPeeringConnection: acceptVpcPeeringConnection,
  AuthorizeSecurityGroupIngress: authorizeSecurityGroupIngress,
  CreateRoute: createRoute,
  CreateTags: createTags,
  CreateVpcPeeringConnection: createVpcPeeringConnection,
  DeleteRoute: deleteRoute,
  DeleteTags: deleteTags,
  DeleteVpcPeeringConnection: deleteVpcPeeringConnection,
  DescribeRouteTables: describeRouteTables,
  DescribeSecurityGroupRules: describeSecurityGroupRules,
  DescribeSecurityGroups: describeSecurityGroups,
  DescribeTags: describeTags,
  DescribeVpcPeeringConnections: describeVpcPeeringConnections,
  DescribeVpcs: describeVpcs,
  ModifySecurityGroupRules: modifySecurityGroupRules,
  ModifyVpcPeeringConnectionOptions: modifyVpcPeeringConnectionOptions,
  ReplaceRoute: replaceRoute,
  RevokeSecurityGroupIngress: revokeSecurityGroupIngress,
};
