import { XMLParser } from "fast-xml-parser";
import type { ResourceCheck } from "./arns";
import { partitionOf } from "./arns";
import type { CallContext, Handler } from "./ec2-context";
import type { HostedZoneState, ZoneVpc } from "./world";
import { AwsError } from "./xml";

/**
 * Route 53's REST/XML API, the calls `aws_route53_vpc_association_authorization` and
 * `aws_route53_zone_association` make (internal/service/route53/vpc_association_authorization.go
 * and zone_association.go of the AWS provider): the action comes from the method and path
 * (https://docs.aws.amazon.com/Route53/latest/APIReference/API_Operations_Amazon_Route_53.html),
 * the request is an XML document, the answer `<ActionResponse xmlns=...>`. Any other method and
 * path answers an error naming it, so a provider that calls something new fails loudly.
 */

/** A REST request after routing: the ids of its path, its query string and its XML body. */
export interface RestRequest {
  readonly pathIds: Readonly<Record<string, string>>;
  readonly query: URLSearchParams;
  readonly body: Record<string, unknown>;
}

const ROUTES: ReadonlyArray<{ method: string; path: RegExp; action: string }> = [
  {
    method: "POST",
    path: /^\/2013-04-01\/hostedzone\/([^/]+)\/authorizevpcassociation$/,
    action: "CreateVPCAssociationAuthorization",
  },
  {
    method: "GET",
    path: /^\/2013-04-01\/hostedzone\/([^/]+)\/authorizevpcassociation$/,
    action: "ListVPCAssociationAuthorizations",
  },
  {
    method: "POST",
    path: /^\/2013-04-01\/hostedzone\/([^/]+)\/deauthorizevpcassociation$/,
    action: "DeleteVPCAssociationAuthorization",
  },
  { method: "POST", path: /^\/2013-04-01\/hostedzone\/([^/]+)\/associatevpc$/, action: "AssociateVPCWithHostedZone" },
  {
    method: "POST",
    path: /^\/2013-04-01\/hostedzone\/([^/]+)\/disassociatevpc$/,
    action: "DisassociateVPCFromHostedZone",
  },
  { method: "GET", path: /^\/2013-04-01\/change\/([^/]+)$/, action: "GetChange" },
  { method: "GET", path: /^\/2013-04-01\/hostedzonesbyvpc$/, action: "ListHostedZonesByVPC" },
];

const parser = new XMLParser({ ignoreAttributes: true, parseTagValue: false, removeNSPrefix: true });

/** The action of a Route 53 request and its routed parts; undefined for a method and path not modelled. */
export function routeRoute53(
  method: string,
  url: string,
  body: string,
): { action: string; request: RestRequest } | undefined {
  const [path, query = ""] = url.split("?");
  for (const route of ROUTES) {
    const match = route.method === method ? route.path.exec(decodeURIComponent(path)) : null;
    if (!match) continue;
    const id = match[1];
    return {
      action: route.action,
      request: {
        pathIds: id === undefined ? {} : { Id: id },
        query: new URLSearchParams(query),
        body: body.trim() === "" ? {} : (parser.parse(body) as Record<string, unknown>),
      },
    };
  }
  return undefined;
}

/**
 * `hostedzone`: arn:${Partition}:route53:::hostedzone/${Id}; `change`: arn:${Partition}:route53:::change/${Id}.
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonroute53.html#amazonroute53-resources-for-iam-policies
 */
const zoneResource = (ctx: CallContext, id: string): ResourceCheck => ({
  arn: `arn:${partitionOf(ctx.region)}:route53:::hostedzone/${id}`,
  context: {},
});
const ANY: ResourceCheck = { arn: "*", context: {} };

function restOf(ctx: CallContext): RestRequest {
  if (!ctx.rest)
    throw new AwsError("InvalidInput", "local AWS: a Route 53 request reached a handler without its REST parts");
  return ctx.rest;
}

/** The zone of the path: NoSuchHostedZone (404) when there is none. */
function zoneOf(ctx: CallContext): HostedZoneState {
  const id = restOf(ctx).pathIds.Id ?? "";
  const zone = ctx.world.hostedZones.find((z) => z.id === id);
  if (!zone) throw new AwsError("NoSuchHostedZone", `No hosted zone found with ID: ${id}`, 404);
  return zone;
}

/** The `<VPC>` of a request document. */
function vpcOfBody(ctx: CallContext, root: string): ZoneVpc {
  const doc = restOf(ctx).body[root] as { VPC?: { VPCId?: string; VPCRegion?: string } } | undefined;
  const vpcId = doc?.VPC?.VPCId;
  const region = doc?.VPC?.VPCRegion;
  if (!vpcId || !region) throw new AwsError("InvalidInput", `${root}: VPC.VPCId and VPC.VPCRegion are required`);
  return { vpcId, region };
}

const sameVpc = (a: ZoneVpc) => (b: ZoneVpc) => a.vpcId === b.vpcId && a.region === b.region;
/** Whether the calling account owns the VPC (its id in its region). */
const callerOwns = (ctx: CallContext, vpc: ZoneVpc) =>
  ctx.world.vpcs.some((v) => v.id === vpc.vpcId && v.region === vpc.region && v.account === ctx.account);
const vpcXml = (v: ZoneVpc) => ({ VPCRegion: v.region, VPCId: v.vpcId });

/**
 * Only the account that created a zone may authorize, list or delete authorizations for it:
 * "To submit a CreateVPCAssociationAuthorization request, you must use the account that created
 * the hosted zone." https://docs.aws.amazon.com/Route53/latest/APIReference/API_CreateVPCAssociationAuthorization.html
 */
function requireZoneOwner(ctx: CallContext, zone: HostedZoneState, action: string): void {
  if (zone.account !== ctx.account)
    throw new AwsError(
      "NotAuthorizedException",
      `${action}: hosted zone ${zone.id} belongs to account ${zone.account}; only the account that created a hosted zone may ${action === "ListVPCAssociationAuthorizations" ? "list" : "change"} its VPC association authorizations`,
      401,
    );
}

/** A change that is in sync once asked about (GetChange answers INSYNC). */
function newChange(ctx: CallContext, comment: unknown): Record<string, unknown> {
  const id = `C${String(ctx.world.changes.length + 1).padStart(8, "0")}REHEARSAL`;
  const submittedAt = new Date().toISOString();
  ctx.world.changes.push({ id, submittedAt, ...(typeof comment === "string" ? { comment } : {}) });
  return { ChangeInfo: { Id: `/change/${id}`, Status: "PENDING", SubmittedAt: submittedAt } };
}

/** The actions, by name. */
export const ROUTE53_ACTIONS: Readonly<Record<string, Handler>> = {
  /** https://docs.aws.amazon.com/Route53/latest/APIReference/API_CreateVPCAssociationAuthorization.html */
  CreateVPCAssociationAuthorization(ctx) {
    const zone = zoneOf(ctx);
    ctx.authorize("route53:CreateVPCAssociationAuthorization", [zoneResource(ctx, zone.id)]);
    requireZoneOwner(ctx, zone, "CreateVPCAssociationAuthorization");
    const vpc = vpcOfBody(ctx, "CreateVPCAssociationAuthorizationRequest");
    if (!zone.authorizations.some(sameVpc(vpc))) zone.authorizations.push(vpc);
    return { HostedZoneId: zone.id, VPC: vpcXml(vpc) };
  },

  /** https://docs.aws.amazon.com/Route53/latest/APIReference/API_ListVPCAssociationAuthorizations.html */
  ListVPCAssociationAuthorizations(ctx) {
    const zone = zoneOf(ctx);
    ctx.authorize("route53:ListVPCAssociationAuthorizations", [zoneResource(ctx, zone.id)]);
    requireZoneOwner(ctx, zone, "ListVPCAssociationAuthorizations");
    return {
      HostedZoneId: zone.id,
      VPCs: zone.authorizations.length === 0 ? "" : { VPC: zone.authorizations.map(vpcXml) },
    };
  },

  /** https://docs.aws.amazon.com/Route53/latest/APIReference/API_DeleteVPCAssociationAuthorization.html */
  DeleteVPCAssociationAuthorization(ctx) {
    const zone = zoneOf(ctx);
    ctx.authorize("route53:DeleteVPCAssociationAuthorization", [zoneResource(ctx, zone.id)]);
    requireZoneOwner(ctx, zone, "DeleteVPCAssociationAuthorization");
    const vpc = vpcOfBody(ctx, "DeleteVPCAssociationAuthorizationRequest");
    const index = zone.authorizations.findIndex(sameVpc(vpc));
    if (index < 0)
      throw new AwsError(
        "VPCAssociationAuthorizationNotFound",
        `The VPC ${vpc.vpcId} (${vpc.region}) is not authorized to associate with hosted zone ${zone.id}`,
        404,
      );
    zone.authorizations.splice(index, 1);
    return {};
  },

  /**
   * The VPC must be the caller's (InvalidVPCId); a zone of another account needs that account's
   * authorization first (NotAuthorizedException); a VPC already resolving a zone of the same name
   * is refused (ConflictingDomainExists). Route 53 checks the VPC with ec2:DescribeVpcs, a dependent
   * action of the Service Authorization Reference.
   * https://docs.aws.amazon.com/Route53/latest/APIReference/API_AssociateVPCWithHostedZone.html
   * https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/hosted-zone-private-associate-vpcs-different-accounts.html
   */
  AssociateVPCWithHostedZone(ctx) {
    const zone = zoneOf(ctx);
    ctx.authorize("route53:AssociateVPCWithHostedZone", [zoneResource(ctx, zone.id)]);
    ctx.authorize("ec2:DescribeVpcs", [ANY]);
    const vpc = vpcOfBody(ctx, "AssociateVPCWithHostedZoneRequest");
    if (!callerOwns(ctx, vpc))
      throw new AwsError(
        "InvalidVPCId",
        `The VPC ID ${vpc.vpcId} in ${vpc.region} isn't valid or doesn't belong to account ${ctx.account}`,
      );
    if (zone.account !== ctx.account && !zone.authorizations.some(sameVpc(vpc)))
      throw new AwsError(
        "NotAuthorizedException",
        `Associating VPC ${vpc.vpcId} (account ${ctx.account}) with hosted zone ${zone.id} (account ${zone.account}) has not been authorized; the zone's account must call CreateVPCAssociationAuthorization first`,
        401,
      );
    if (zone.vpcs.some(sameVpc(vpc)))
      throw new AwsError(
        "ConflictingDomainExists",
        `The VPC ${vpc.vpcId} is already associated with hosted zone ${zone.id}`,
      );
    const sameName = ctx.world.hostedZones.find((z) => z.name === zone.name && z.vpcs.some(sameVpc(vpc)));
    if (sameName)
      throw new AwsError(
        "ConflictingDomainExists",
        `The VPC ${vpc.vpcId} is already associated with hosted zone ${sameName.id}, which has the same name ${zone.name}`,
      );
    zone.vpcs.push(vpc);
    return newChange(ctx, (restOf(ctx).body.AssociateVPCWithHostedZoneRequest as { Comment?: unknown })?.Comment);
  },

  /**
   * The zone's account or the VPC's account may disassociate; never the last VPC of a private zone
   * (LastVPCAssociation). https://docs.aws.amazon.com/Route53/latest/APIReference/API_DisassociateVPCFromHostedZone.html
   */
  DisassociateVPCFromHostedZone(ctx) {
    const zone = zoneOf(ctx);
    ctx.authorize("route53:DisassociateVPCFromHostedZone", [zoneResource(ctx, zone.id)]);
    ctx.authorize("ec2:DescribeVpcs", [ANY]);
    const vpc = vpcOfBody(ctx, "DisassociateVPCFromHostedZoneRequest");
    if (zone.account !== ctx.account && !callerOwns(ctx, vpc))
      throw new AwsError(
        "NotAuthorizedException",
        `Only the account of hosted zone ${zone.id} or of VPC ${vpc.vpcId} may disassociate them`,
        401,
      );
    const index = zone.vpcs.findIndex(sameVpc(vpc));
    if (index < 0)
      throw new AwsError(
        "VPCAssociationNotFound",
        `The VPC ${vpc.vpcId} (${vpc.region}) is not associated with hosted zone ${zone.id}`,
        404,
      );
    if (zone.vpcs.length === 1)
      throw new AwsError(
        "LastVPCAssociation",
        `${vpc.vpcId} is the last VPC associated with private hosted zone ${zone.id}`,
      );
    zone.vpcs.splice(index, 1);
    return newChange(ctx, (restOf(ctx).body.DisassociateVPCFromHostedZoneRequest as { Comment?: unknown })?.Comment);
  },

  /** https://docs.aws.amazon.com/Route53/latest/APIReference/API_GetChange.html */
  GetChange(ctx) {
    const id = restOf(ctx).pathIds.Id ?? "";
    ctx.authorize("route53:GetChange", [{ arn: `arn:${partitionOf(ctx.region)}:route53:::change/${id}`, context: {} }]);
    const change = ctx.world.changes.find((c) => c.id === id);
    if (!change) throw new AwsError("NoSuchChange", `A change with the specified change ID ${id} does not exist`, 404);
    return { ChangeInfo: { Id: `/change/${id}`, Status: "INSYNC", SubmittedAt: change.submittedAt } };
  },

  /**
   * The zones associated with one of the caller's VPCs, of any account.
   * https://docs.aws.amazon.com/Route53/latest/APIReference/API_ListHostedZonesByVPC.html
   */
  ListHostedZonesByVPC(ctx) {
    ctx.authorize("route53:ListHostedZonesByVPC", [ANY]);
    ctx.authorize("ec2:DescribeVpcs", [ANY]);
    const { query } = restOf(ctx);
    const vpc = { vpcId: query.get("vpcid") ?? "", region: query.get("vpcregion") ?? "" };
    if (!vpc.vpcId || !vpc.region)
      throw new AwsError("InvalidInput", "ListHostedZonesByVPC: vpcid and vpcregion are required");
    if (!callerOwns(ctx, vpc))
      throw new AwsError("AccessDenied", `The VPC ${vpc.vpcId} in ${vpc.region} is not owned by you`, 403);
    const zones = ctx.world.hostedZones.filter((z) => z.vpcs.some(sameVpc(vpc)));
    return {
      HostedZoneSummaries:
        zones.length === 0
          ? ""
          : {
              HostedZoneSummary: zones.map((z) => ({
                HostedZoneId: z.id,
                Name: `${z.name}.`,
                Owner: { OwningAccount: z.account },
              })),
            },
      MaxItems: "100",
    };
  },
};
