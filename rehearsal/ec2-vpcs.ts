import type { Handler } from "./ec2-context";
import { applyFilters } from "./ec2-filters";
import { tagSet } from "./ec2-render";
import { strings } from "./query";
import { AwsError, items } from "./xml";

/**
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeVpcs.html
 * Filters: vpc-id, cidr, cidr-block-association.cidr-block, owner-id, is-default, tag:*.
 * Authorization: Describe* take no resource ("*"):
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonec2.html
 */
export const describeVpcs: Handler = (ctx) => {
  ctx.authorize("ec2:DescribeVpcs", [{ arn: "*", context: {} }]);
  const ids = strings(ctx.params, "VpcId");
  const mine = ctx.world.vpcs.filter((v) => v.account === ctx.account && v.region === ctx.region);
  for (const id of ids)
    if (!mine.some((v) => v.id === id))
      throw new AwsError("InvalidVpcID.NotFound", `The vpc ID '${id}' does not exist`);
  const chosen = mine.filter((v) => ids.length === 0 || ids.includes(v.id));
  const filtered = applyFilters("DescribeVpcs", ctx.params, chosen, (v, name) => {
    switch (name) {
      case "vpc-id":
        return [v.id];
      case "cidr":
        return [v.cidrBlocks[0]];
      case "cidr-block-association.cidr-block":
        return v.cidrBlocks;
      case "ipv6-cidr-block-association.ipv6-cidr-block":
        return v.ipv6CidrBlocks;
      case "owner-id":
        return [v.account];
      case "is-default":
        return ["false"];
      case "state":
        return ["available"];
      default:
        return undefined;
    }
  });
  return {
    vpcSet: items(
      filtered.map((v) => ({
        vpcId: v.id,
        ownerId: v.account,
        state: "available",
        cidrBlock: v.cidrBlocks[0],
        cidrBlockAssociationSet: items(
          v.cidrBlocks.map((cidrBlock, i) => ({
            associationId: `vpc-cidr-assoc-${v.id.slice(4)}${i}`,
            cidrBlock,
            cidrBlockState: { state: "associated" },
          })),
        ),
        ipv6CidrBlockAssociationSet: items(
          v.ipv6CidrBlocks.map((ipv6CidrBlock, i) => ({
            associationId: `vpc-cidr-assoc-6${v.id.slice(4)}${i}`,
            ipv6CidrBlock,
            ipv6CidrBlockState: { state: "associated" },
            networkBorderGroup: v.region,
            ipv6Pool: "Amazon",
          })),
        ),
        dhcpOptionsId: "default",
        instanceTenancy: "default",
        isDefault: false,
        tagSet: tagSet(v.tags),
      })),
    ),
  };
};
