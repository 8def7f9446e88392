import { type AwsRegion, partitionOf } from "../config/aws-regions";
import {
  type IngressRuleConfig,
  isExternalVpc,
  type ParsedPeeringConfig,
  type PeeringEntryConfig,
  type VpcEntryConfig,
} from "../config/schema";

type ExternalVpcConfig = Extract<VpcEntryConfig, { external: unknown }>["external"];

import { type Cidr, cidr } from "../core/cidr";
import { pathOf } from "../core/finding";
import {
  type Account,
  carriedBlocks,
  type IngressSource,
  type Network,
  otherSide,
  type Peering,
  type PeeringIngressRule,
  type PeeringRoute,
  SIDES,
  type Side,
  type Vpc,
  type ZoneShare,
} from "./network";

/**
 * Follows every reference of a schema-valid config and applies the defaults.
 * Call it only after the reference rules passed: an unknown account or VPC
 * name is a programming error here.
 */
export function resolveNetwork(config: ParsedPeeringConfig): Network {
  const accounts = new Map<string, Account>();
  for (const [name, account] of Object.entries(config.accounts)) {
    accounts.set(name, { name, ...account });
  }
  const vpcs = new Map<string, Vpc>();
  for (const [name, vpc] of Object.entries(config.vpcs)) {
    if (isExternalVpc(vpc)) {
      vpcs.set(name, externalVpc(name, vpc.external));
      continue;
    }
    const account = accounts.get(vpc.account);
    if (!account) throw new Error(`vpcs.${name}.account: unknown account ${vpc.account}`);
    const region = vpc.region as AwsRegion;
    vpcs.set(name, {
      name,
      account,
      region,
      partition: partitionOf(region),
      vpcId: vpc.vpcId,
      cidrBlocks: vpc.cidrBlocks.map(cidr),
      ipv6CidrBlocks: (vpc.ipv6CidrBlocks ?? []).map(cidr),
      routeTableIds: vpc.routeTableIds ?? [],
      hostedZones: (vpc.hostedZones ?? []).map((zone) => ({ zoneId: zone.zoneId, name: zone.name, ownerVpc: name })),
    });
  }
  const peerings = Object.entries(config.peerings).map(([name, entry]) => resolvePeering(name, entry, vpcs));
  return {
    project: config.project,
    tags: config.tags ?? {},
    strict: config.strict,
    quotas: config.quotas,
    backend: config.backend,
    iam: config.iam,
    bootstrap: config.bootstrap,
    checks: config.checks,
    accounts,
    vpcs,
    peerings,
  };
}

/** An external VPC: its own pseudo-account (never acted in), no route tables. Its account name, `external:<id>`, cannot clash with a config name. */
function externalVpc(name: string, external: ExternalVpcConfig): Vpc {
  const region = external.region as AwsRegion;
  return {
    name,
    account: { name: `external:${external.accountId}`, accountId: external.accountId, external: true },
    region,
    partition: partitionOf(region),
    vpcId: external.vpcId,
    cidrBlocks: external.cidrBlocks.map(cidr),
    ipv6CidrBlocks: (external.ipv6CidrBlocks ?? []).map(cidr),
    routeTableIds: [],
    hostedZones: [],
  };
}

function resolvePeering(name: string, entry: PeeringEntryConfig, vpcs: ReadonlyMap<string, Vpc>): Peering {
  const requester = vpcs.get(entry.requester);
  const accepter = vpcs.get(entry.accepter);
  if (!requester || !accepter) throw new Error(`peerings.${name}: unknown VPC`);
  const sameAccount = requester.account.accountId === accepter.account.accountId;
  const sameRegion = requester.region === accepter.region;
  const sides = { requester, accepter };
  const routes = {} as Record<Side, PeeringRoute[]>;
  const ingress = {} as Record<Side, PeeringIngressRule[]>;
  for (const side of SIDES) {
    routes[side] = resolveRoutes(name, entry, side, sides);
    ingress[side] = (entry.ingress?.[side] ?? []).flatMap((rule, index) =>
      resolveIngressRule(pathOf("peerings", name, "ingress", side, index), rule, side, sides),
    );
  }
  return {
    name,
    requester,
    accepter,
    sameAccount,
    sameRegion,
    needsAccepter: !(sameAccount && sameRegion),
    dnsResolution: entry.dnsResolution,
    zoneShares: resolveZoneShares(name, entry, sides),
    routes,
    ingress,
    tags: entry.tags ?? {},
    existingConnectionId: entry.existing?.peeringConnectionId,
    incomingConnectionId: entry.peeringConnectionId,
    protect: entry.protect ?? entry.existing !== undefined,
    previousName: entry.previousName,
  };
}

/**
 * The zones each side resolves: with a mode, every zone of the sharing side(s); with a list, the
 * listed zones of either side (an id that neither side owns is reported by the
 * `hosted-zone-references` rule, and skipped here). Sorted by zone name, then VPC.
 */
function resolveZoneShares(name: string, entry: PeeringEntryConfig, sides: Record<Side, Vpc>): ZoneShare[] {
  const share = entry.shareHostedZones ?? "none";
  const path = pathOf("peerings", name, "shareHostedZones");
  const shares: ZoneShare[] = [];
  for (const ownerSide of SIDES) {
    const owner = sides[ownerSide];
    const side = otherSide(ownerSide);
    const vpc = sides[side];
    const zones = Array.isArray(share)
      ? owner.hostedZones.filter((zone) => share.includes(zone.zoneId))
      : share === "both" || share === ownerSide
        ? owner.hostedZones
        : [];
    for (const zone of zones) {
      const at = Array.isArray(share) ? pathOf(path, share.indexOf(zone.zoneId)) : path;
      shares.push({
        zone,
        owner,
        side,
        vpc,
        crossAccount: owner.account.accountId !== vpc.account.accountId,
        path: at,
      });
    }
  }
  return shares.sort((a, b) => a.zone.name.localeCompare(b.zone.name) || a.vpc.name.localeCompare(b.vpc.name));
}

function resolveRoutes(name: string, entry: PeeringEntryConfig, side: Side, sides: Record<Side, Vpc>): PeeringRoute[] {
  const own = sides[side];
  const selection = entry.routes?.[side];
  const basePath = pathOf("peerings", name, "routes", side);
  const routeTableIds = selection?.routeTableIds ?? own.routeTableIds;
  const destinations: Array<{ destination: Cidr; path: string }> = selection?.destinations
    ? selection.destinations.map((text, index) => ({
        destination: cidr(text),
        path: pathOf(basePath, "destinations", index),
      }))
    : carriedBlocks(sides, otherSide(side)).map((destination) => ({ destination, path: basePath }));
  return routeTableIds.flatMap((routeTableId) =>
    destinations.map(({ destination, path }) => ({ side, routeTableId, destination, path })),
  );
}

/** ICMP rules without ports open every type and code. */
const ALL_ICMP = { fromPort: -1, toPort: -1 };

function portsOf(rule: IngressRuleConfig): { fromPort?: number; toPort?: number } {
  if (rule.protocol === "all") return {};
  if (rule.ports === undefined) return rule.protocol === "icmp" || rule.protocol === "icmpv6" ? ALL_ICMP : {};
  const [fromPort, toPort] = typeof rule.ports === "number" ? [rule.ports, rule.ports] : rule.ports;
  return { fromPort, toPort };
}

function resolveIngressRule(
  path: string,
  rule: IngressRuleConfig,
  side: Side,
  sides: Record<Side, Vpc>,
): PeeringIngressRule[] {
  const peer = sides[otherSide(side)];
  const base = {
    side,
    securityGroupId: rule.securityGroupId,
    protocol: rule.protocol,
    ...portsOf(rule),
    description: rule.description,
    path,
  };
  const sources: IngressSource[] =
    "securityGroupId" in rule.source
      ? [
          {
            kind: "securityGroup",
            securityGroupId: rule.source.securityGroupId,
            ownerAccountId: peer.account.accountId,
          },
        ]
      : "cidr" in rule.source
        ? [cidrSource(cidr(rule.source.cidr))]
        : carriedBlocks(sides, otherSide(side)).map(cidrSource);
  return sources.map((source) => ({
    ...base,
    source,
    fromPeerVpc: "peerVpc" in rule.source,
    existingRuleId: rule.existingRuleIds?.[source.kind === "cidr" ? source.cidr.text : source.securityGroupId],
  }));
}

function cidrSource(block: Cidr): IngressSource {
  return { kind: "cidr", cidr: block, family: block.family };
}
