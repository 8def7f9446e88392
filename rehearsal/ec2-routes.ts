import { routeTableResource } from "./arns";
import type { CallContext, Handler } from "./ec2-context";
import { applyFilters } from "./ec2-filters";
import { tagSet } from "./ec2-render";
import { str, strings } from "./query";
import type { RouteState, RouteTableState, World } from "./world";
import { AwsError, items } from "./xml";

/**
 * Route tables and routes to peering connections.
 * https://docs.aws.amazon.com/vpc/latest/peering/vpc-peering-routing.html
 * https://docs.aws.amazon.com/vpc/latest/userguide/VPC_Route_Tables.html#route-table-routes
 * A route whose target peering connection is not active is a blackhole
 * ("blackhole: the route's target isn't available").
 */

function ownTable(ctx: CallContext, id: string | undefined): RouteTableState {
  const t = ctx.world.routeTables.find((r) => r.id === id && r.account === ctx.account && r.region === ctx.region);
  if (!t) throw new AwsError("InvalidRouteTableID.NotFound", `The routeTable ID '${id}' does not exist`);
  return t;
}

function destinationOf(ctx: CallContext): { key: "destinationCidrBlock" | "destinationIpv6CidrBlock"; value: string } {
  const v4 = str(ctx.params, "DestinationCidrBlock");
  const v6 = str(ctx.params, "DestinationIpv6CidrBlock");
  if (v4) return { key: "destinationCidrBlock", value: v4 };
  if (v6) return { key: "destinationIpv6CidrBlock", value: v6 };
  if (str(ctx.params, "DestinationPrefixListId"))
    throw new AwsError(
      "InvalidParameterValue",
      "local AWS: prefix-list routes are not implemented (rehearsal/ec2-routes.ts)",
    );
  throw new AwsError(
    "MissingParameter",
    "The request must contain the parameter DestinationCidrBlock or DestinationIpv6CidrBlock",
  );
}

/** The target of a Create/ReplaceRoute: only peering connections are modelled; other targets answer a loud error. */
function targetOf(ctx: CallContext, table: RouteTableState): Pick<RouteState, "vpcPeeringConnectionId" | "gatewayId"> {
  const pcx = str(ctx.params, "VpcPeeringConnectionId");
  for (const other of [
    "GatewayId",
    "NatGatewayId",
    "TransitGatewayId",
    "NetworkInterfaceId",
    "InstanceId",
    "EgressOnlyInternetGatewayId",
    "LocalGatewayId",
    "CarrierGatewayId",
    "VpcEndpointId",
    "CoreNetworkArn",
  ]) {
    if (str(ctx.params, other))
      throw new AwsError(
        "InvalidParameterValue",
        `local AWS: route target ${other} is not implemented (rehearsal/ec2-routes.ts)`,
      );
  }
  if (!pcx) throw new AwsError("MissingParameter", "The request must contain a route target");
  const p = ctx.world.peerings.find((c) => c.id === pcx && c.status !== "deleted");
  // The connection must join the table's VPC to another one.
  const joins =
    p &&
    ((p.requester.vpcId === table.vpcId && p.requester.account === table.account) ||
      (p.accepter.vpcId === table.vpcId && p.accepter.account === table.account));
  if (!p || !joins)
    throw new AwsError(
      "InvalidVpcPeeringConnectionID.NotFound",
      `The vpcPeeringConnection ID '${pcx}' does not exist for ${table.vpcId}`,
    );
  return { vpcPeeringConnectionId: pcx };
}

/** A route's state: blackhole when its peering connection is not active. */
export function routeState(world: World, route: RouteState): "active" | "blackhole" {
  if (!route.vpcPeeringConnectionId) return "active";
  const p = world.peerings.find((c) => c.id === route.vpcPeeringConnectionId);
  return p?.status === "active" ? "active" : "blackhole";
}

/**
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateRoute.html
 * "If you specify a destination CIDR block that matches an existing route,
 * the request fails": RouteAlreadyExists.
 * Authorization (CreateRoute: route-table* with ec2:RouteTableID, ec2:Vpc; the
 * target's resource type is optional and not evaluated here):
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonec2.html
 */
export const createRoute: Handler = (ctx) => {
  const table = ownTable(ctx, str(ctx.params, "RouteTableId"));
  ctx.authorize("ec2:CreateRoute", [routeTableResource(table)]);
  const dest = destinationOf(ctx);
  if (table.routes.some((r) => r[dest.key] === dest.value)) {
    throw new AwsError("RouteAlreadyExists", `The route identified by ${dest.value} already exists.`);
  }
  table.routes.push({ [dest.key]: dest.value, ...targetOf(ctx, table), origin: "CreateRoute" });
  return { return: true };
};

/**
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_ReplaceRoute.html
 * Authorization (ReplaceRoute: route-table*):
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonec2.html
 */
export const replaceRoute: Handler = (ctx) => {
  const table = ownTable(ctx, str(ctx.params, "RouteTableId"));
  ctx.authorize("ec2:ReplaceRoute", [routeTableResource(table)]);
  const dest = destinationOf(ctx);
  const index = table.routes.findIndex((r) => r[dest.key] === dest.value);
  if (index < 0 || table.routes[index].origin !== "CreateRoute")
    throw new AwsError("InvalidRoute.NotFound", `There is no route defined for '${dest.value}' in the route table.`);
  table.routes[index] = { [dest.key]: dest.value, ...targetOf(ctx, table), origin: "CreateRoute" };
  return { return: true };
};

/**
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DeleteRoute.html
 * The local route cannot be deleted.
 * Authorization (DeleteRoute: route-table*):
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonec2.html
 */
export const deleteRoute: Handler = (ctx) => {
  const table = ownTable(ctx, str(ctx.params, "RouteTableId"));
  ctx.authorize("ec2:DeleteRoute", [routeTableResource(table)]);
  const dest = destinationOf(ctx);
  const index = table.routes.findIndex((r) => r[dest.key] === dest.value);
  if (index < 0)
    throw new AwsError("InvalidRoute.NotFound", `There is no route defined for '${dest.value}' in the route table.`);
  if (table.routes[index].origin === "CreateRouteTable")
    throw new AwsError("InvalidParameterValue", `cannot remove local route ${dest.value} in route table ${table.id}`);
  table.routes.splice(index, 1);
  return { return: true };
};

/** A route table as EC2 renders it. */
export function routeTableXml(world: World, t: RouteTableState): Record<string, unknown> {
  return {
    routeTableId: t.id,
    vpcId: t.vpcId,
    ownerId: t.account,
    routeSet: items(
      t.routes.map((r) => ({
        ...(r.destinationCidrBlock ? { destinationCidrBlock: r.destinationCidrBlock } : {}),
        ...(r.destinationIpv6CidrBlock ? { destinationIpv6CidrBlock: r.destinationIpv6CidrBlock } : {}),
        ...(r.gatewayId ? { gatewayId: r.gatewayId } : {}),
        ...(r.vpcPeeringConnectionId ? { vpcPeeringConnectionId: r.vpcPeeringConnectionId } : {}),
        state: routeState(world, r),
        origin: r.origin,
      })),
    ),
    associationSet: t.main
      ? items([
          {
            routeTableAssociationId: `rtbassoc-${t.id.slice(4)}`,
            routeTableId: t.id,
            main: true,
            associationState: { state: "associated" },
          },
        ])
      : "",
    propagatingVgwSet: "",
    tagSet: tagSet(t.tags),
  };
}

/**
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeRouteTables.html
 * Filters: route-table-id, vpc-id, association.main, route.destination-cidr-block,
 * route.destination-ipv6-cidr-block, route.vpc-peering-connection-id, owner-id, tag:*.
 * Authorization: Describe* take no resource ("*").
 */
export const describeRouteTables: Handler = (ctx) => {
  ctx.authorize("ec2:DescribeRouteTables", [{ arn: "*", context: {} }]);
  const ids = strings(ctx.params, "RouteTableId");
  const mine = ctx.world.routeTables.filter((t) => t.account === ctx.account && t.region === ctx.region);
  for (const id of ids)
    if (!mine.some((t) => t.id === id))
      throw new AwsError("InvalidRouteTableID.NotFound", `The routeTable ID '${id}' does not exist`);
  const chosen = mine.filter((t) => ids.length === 0 || ids.includes(t.id));
  const filtered = applyFilters("DescribeRouteTables", ctx.params, chosen, (t, name) => {
    switch (name) {
      case "route-table-id":
        return [t.id];
      case "vpc-id":
        return [t.vpcId];
      case "owner-id":
        return [t.account];
      case "association.main":
        return [String(t.main)];
      case "route.destination-cidr-block":
        return t.routes.flatMap((r) => (r.destinationCidrBlock ? [r.destinationCidrBlock] : []));
      case "route.destination-ipv6-cidr-block":
        return t.routes.flatMap((r) => (r.destinationIpv6CidrBlock ? [r.destinationIpv6CidrBlock] : []));
      case "route.vpc-peering-connection-id":
        return t.routes.flatMap((r) => (r.vpcPeeringConnectionId ? [r.vpcPeeringConnectionId] : []));
      default:
        return undefined;
    }
  });
  return { routeTableSet: items(filtered.map((t) => routeTableXml(ctx.world, t))) };
};
