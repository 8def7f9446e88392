import { taggableResource } from "./arns";
import type { Handler } from "./ec2-context";
import { applyFilters } from "./ec2-filters";
import { list, type QueryParams, str, strings, tagsOf } from "./query";
import { peeringVisible, type Tags, type World } from "./world";
import { AwsError, items } from "./xml";

/**
 * Tags: CreateTags, DeleteTags, DescribeTags and tag specifications on
 * create calls. https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/Using_Tags.html
 * A peering connection's tags belong to the account that set them: each side
 * tags its own view.
 */

/** The `TagSpecification.N` of a create call. */
export function tagSpecifications(params: QueryParams): { type?: string; tags: Tags }[] {
  return list(params, "TagSpecification").map((s) => ({ type: str(s, "ResourceType"), tags: tagsOf(s, "Tag") }));
}

/** The tags object of a resource, as `account` sees it in `region`; created for a peering when missing. */
function tagsOfResource(world: World, id: string, account: string, region: string): Tags | undefined {
  const own = <T extends { id: string; account: string; region: string; tags: Tags }>(xs: T[]) =>
    xs.find((x) => x.id === id && x.account === account && x.region === region)?.tags;
  const found = own(world.vpcs) ?? own(world.routeTables) ?? own(world.securityGroups) ?? own(world.rules);
  if (found) return found;
  const peering = world.peerings.find(
    (p) => p.id === id && p.status !== "deleted" && peeringVisible(p, account, region),
  );
  if (peering) {
    peering.tags[account] ??= {};
    return peering.tags[account];
  }
  return undefined;
}

function notFound(id: string): AwsError {
  const prefix = id.split("-")[0];
  const code =
    {
      vpc: "InvalidVpcID.NotFound",
      rtb: "InvalidRouteTableID.NotFound",
      sg: "InvalidGroup.NotFound",
      sgr: "InvalidSecurityGroupRuleId.NotFound",
      pcx: "InvalidVpcPeeringConnectionID.NotFound",
    }[prefix] ?? "InvalidID";
  return new AwsError(code, `The ID '${id}' does not exist`);
}

/**
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateTags.html
 * Authorization (CreateTags: the tagged resource's type, e.g. vpc-peering-connection, security-group-rule;
 * ec2:CreateAction only when tagging on create):
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonec2.html
 */
export const createTags: Handler = (ctx) => {
  const ids = strings(ctx.params, "ResourceId");
  const tags = tagsOf(ctx.params);
  for (const id of ids) {
    const resource = taggableResource(ctx.world, id, ctx.account, ctx.region);
    if (!resource) throw notFound(id);
    ctx.authorize("ec2:CreateTags", [resource]);
  }
  for (const id of ids) Object.assign(tagsOfResource(ctx.world, id, ctx.account, ctx.region) ?? {}, tags);
  return { return: true };
};

/**
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DeleteTags.html
 * A tag given with a value is deleted only when the value matches.
 * Authorization (DeleteTags: the tagged resource's type):
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonec2.html
 */
export const deleteTags: Handler = (ctx) => {
  const ids = strings(ctx.params, "ResourceId");
  const given = list(ctx.params, "Tag").map((t) => ({ key: str(t, "Key") ?? "", value: str(t, "Value") }));
  for (const id of ids) {
    const resource = taggableResource(ctx.world, id, ctx.account, ctx.region);
    if (!resource) throw notFound(id);
    ctx.authorize("ec2:DeleteTags", [resource]);
  }
  for (const id of ids) {
    const tags = tagsOfResource(ctx.world, id, ctx.account, ctx.region) ?? {};
    const remove = given.length === 0 ? Object.keys(tags).map((key) => ({ key, value: undefined })) : given;
    for (const { key, value } of remove) if (value === undefined || tags[key] === value) delete tags[key];
  }
  return { return: true };
};

/**
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeTags.html
 * Filters: resource-id, resource-type, key, value.
 * Authorization: Describe* take no resource ("*").
 */
export const describeTags: Handler = (ctx) => {
  ctx.authorize("ec2:DescribeTags", [{ arn: "*", context: {} }]);
  const { world, account, region } = ctx;
  const rows: { id: string; type: string; key: string; value: string; tags: Tags }[] = [];
  const add = (id: string, type: string, tags: Tags) => {
    for (const [key, value] of Object.entries(tags)) rows.push({ id, type, key, value, tags });
  };
  const mine = <T extends { account: string; region: string }>(xs: T[]) =>
    xs.filter((x) => x.account === account && x.region === region);
  for (const v of mine(world.vpcs)) add(v.id, "vpc", v.tags);
  for (const t of mine(world.routeTables)) add(t.id, "route-table", t.tags);
  for (const g of mine(world.securityGroups)) add(g.id, "security-group", g.tags);
  for (const r of mine(world.rules)) add(r.id, "security-group-rule", r.tags);
  for (const p of world.peerings)
    if (p.status !== "deleted" && peeringVisible(p, account, region))
      add(p.id, "vpc-peering-connection", p.tags[account] ?? {});
  const filtered = applyFilters("DescribeTags", ctx.params, rows, (row, name) => {
    switch (name) {
      case "resource-id":
        return [row.id];
      case "resource-type":
        return [row.type];
      case "key":
        return [row.key];
      case "value":
        return [row.value];
      default:
        return undefined;
    }
  });
  return {
    tagSet: items(filtered.map((r) => ({ resourceId: r.id, resourceType: r.type, key: r.key, value: r.value }))),
  };
};

export { notFound as tagTargetNotFound };
