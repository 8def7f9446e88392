import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { accountDocuments } from "../iam/account-documents";
import type { HostedZone, Network, Peering, Vpc } from "../model/network";
import { putRole } from "./iam";
import type { Policy } from "./policy";
import { addBaseCredential } from "./sts";
import type { World } from "./world";

/**
 * Seeds the local AWS with what the config says already exists: every VPC
 * (ours and external) with its CIDRs, the route tables (each with its local
 * routes, https://docs.aws.amazon.com/vpc/latest/userguide/RouteTables.html#route-table-routes)
 * and security groups the config names, in the accounts and regions they
 * belong to; the account roles the bootstrap stacks will not create; and
 * the peerings the config says exist: an adopted one (`existing`) as made by
 * hand (active, with its routes and rules), and one an external requester
 * made (`peeringConnectionId`) pending acceptance.
 */

/** The access key of the base credential (the deployer). */
export const BASE_ACCESS_KEY = "AKIAREHEARSALDEPLOYER";

/**
 * The access key of an account's administrator, for the bootstrap stacks:
 * they assume no role, so whoever applies them uses their own credentials
 * in that account.
 */
export function adminAccessKey(accountId: string): string {
  return `AKIAREHEARSALADMIN${accountId}`;
}

/** Who the base credential stands for: iam.deployerRoleArn, else a user in the first account without a role. */
export function basePrincipal(network: Network): string {
  if (network.iam?.deployerRoleArn) return network.iam.deployerRoleArn;
  const accounts = [...network.accounts.values()].filter((a) => !a.external);
  const own = accounts.find((a) => !a.roleArn) ?? accounts[0];
  return `arn:aws:iam::${own?.accountId ?? "000000000000"}:user/rehearsal`;
}

function addVpc(world: World, vpc: Vpc): void {
  const { accountId: account } = vpc.account;
  if (world.vpcs.some((v) => v.id === vpc.vpcId && v.account === account)) return;
  world.vpcs.push({
    id: vpc.vpcId,
    account,
    region: vpc.region,
    cidrBlocks: vpc.cidrBlocks.map((c) => c.text),
    ipv6CidrBlocks: vpc.ipv6CidrBlocks.map((c) => c.text),
    tags: { Name: vpc.name },
  });
}

function addRouteTable(world: World, vpc: Vpc, id: string): void {
  if (world.routeTables.some((t) => t.id === id && t.account === vpc.account.accountId)) return;
  world.routeTables.push({
    id,
    account: vpc.account.accountId,
    region: vpc.region,
    vpcId: vpc.vpcId,
    main: false,
    routes: [...vpc.cidrBlocks, ...vpc.ipv6CidrBlocks].map((c) => ({
      [c.family === "ipv4" ? "destinationCidrBlock" : "destinationIpv6CidrBlock"]: c.text,
      gatewayId: "local",
      origin: "CreateRouteTable" as const,
    })),
    tags: {},
  });
}

function addSecurityGroup(world: World, vpc: Vpc, id: string): void {
  if (world.securityGroups.some((g) => g.id === id && g.account === vpc.account.accountId)) return;
  world.securityGroups.push({
    id,
    account: vpc.account.accountId,
    region: vpc.region,
    vpcId: vpc.vpcId,
    name: id,
    tags: {},
  });
}

/**
 * A private hosted zone as its account created it: a private zone is created with one VPC of the
 * same account, associated from the start.
 * https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/hosted-zone-private-creating.html
 */
function addHostedZone(world: World, vpc: Vpc, zone: HostedZone): void {
  if (world.hostedZones.some((z) => z.id === zone.zoneId)) return;
  const createdWith = { vpcId: vpc.vpcId, region: vpc.region };
  world.hostedZones.push({
    id: zone.zoneId,
    account: vpc.account.accountId,
    name: zone.name,
    createdWith,
    vpcs: [createdWith],
    authorizations: [],
  });
}

const sideOf = (vpc: Vpc, dns: boolean) => ({
  account: vpc.account.accountId,
  region: vpc.region,
  vpcId: vpc.vpcId,
  allowDnsResolutionFromRemoteVpc: dns,
});

/** A peering made by hand in the console: active, DNS as configured, a Name tag, its routes and its ingress rules. */
export function seedHandMadePeering(world: World, peering: Peering, id: string): void {
  world.peerings.push({
    id,
    requester: sideOf(peering.requester, peering.dnsResolution),
    accepter: sideOf(peering.accepter, peering.dnsResolution),
    status: "active",
    message: "Active",
    tags: { [peering.requester.account.accountId]: { Name: peering.name } },
  });
  for (const side of ["requester", "accepter"] as const) {
    const vpc = peering[side];
    for (const route of peering.routes[side]) {
      addRouteTable(world, vpc, route.routeTableId);
      const table = world.routeTables.find((t) => t.id === route.routeTableId && t.account === vpc.account.accountId);
      const key = route.destination.family === "ipv4" ? "destinationCidrBlock" : "destinationIpv6CidrBlock";
      table?.routes.push({ [key]: route.destination.text, vpcPeeringConnectionId: id, origin: "CreateRoute" });
    }
    for (const rule of peering.ingress[side]) {
      if (!rule.existingRuleId) continue;
      addSecurityGroup(world, vpc, rule.securityGroupId);
      const protocol = rule.protocol === "all" ? "-1" : rule.protocol;
      world.rules.push({
        id: rule.existingRuleId,
        groupId: rule.securityGroupId,
        account: vpc.account.accountId,
        region: vpc.region,
        isEgress: false,
        ipProtocol: protocol,
        fromPort: rule.fromPort ?? -1,
        toPort: rule.toPort ?? -1,
        ...(rule.source.kind === "cidr"
          ? { [rule.source.family === "ipv4" ? "cidrIpv4" : "cidrIpv6"]: rule.source.cidr.text }
          : { referencedGroup: { groupId: rule.source.securityGroupId, userId: rule.source.ownerAccountId } }),
        description: rule.description,
        tags: {},
      });
    }
  }
}

function readJson(file: string): Policy | undefined {
  return existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as Policy) : undefined;
}

/** Options of {@link seedWorld}. */
export interface SeedOptions {
  /** The synthesized output (for `iam/*.json` and which bootstrap stacks exist). */
  readonly outdir: string;
}

/** Seeds VPCs, route tables, security groups, the base credential and the roles no bootstrap stack creates. */
export function seedWorld(world: World, network: Network, options: SeedOptions): void {
  addBaseCredential(world, BASE_ACCESS_KEY, basePrincipal(network));
  for (const account of network.accounts.values()) {
    if (!account.external)
      addBaseCredential(
        world,
        adminAccessKey(account.accountId),
        `arn:aws:iam::${account.accountId}:user/rehearsal-admin`,
      );
  }
  world.rulesPerGroup = network.quotas.inboundRulesPerSecurityGroup;
  for (const vpc of network.vpcs.values()) {
    addVpc(world, vpc);
    for (const id of vpc.routeTableIds) addRouteTable(world, vpc, id);
    for (const zone of vpc.hostedZones) addHostedZone(world, vpc, zone);
  }
  for (const peering of network.peerings) {
    for (const side of ["requester", "accepter"] as const) {
      const vpc = peering[side];
      const other = peering[side === "requester" ? "accepter" : "requester"];
      for (const route of peering.routes[side]) addRouteTable(world, vpc, route.routeTableId);
      for (const rule of peering.ingress[side]) {
        addSecurityGroup(world, vpc, rule.securityGroupId);
        if (rule.source.kind === "securityGroup") addSecurityGroup(world, other, rule.source.securityGroupId);
      }
    }
  }
  for (const peering of network.peerings) {
    if (peering.existingConnectionId) seedHandMadePeering(world, peering, peering.existingConnectionId);
    if (peering.incomingConnectionId) {
      world.peerings.push({
        id: peering.incomingConnectionId,
        requester: sideOf(peering.requester, false),
        accepter: sideOf(peering.accepter, false),
        status: "pending-acceptance",
        message: `Pending Acceptance by ${peering.accepter.account.accountId}`,
        tags: {},
      });
    }
  }
  const iamDir = join(options.outdir, "iam");
  for (const docs of accountDocuments(network)) {
    const { account } = docs;
    if (!account.roleArn) continue;
    if (existsSync(join(options.outdir, "stacks", `bootstrap-${account.name}`))) continue;
    const name = account.roleArn.split("/").pop() ?? "";
    const trust = readJson(join(iamDir, `${account.name}.trust.json`)) ?? {
      // No trust document without `iam` in the config: the role exists in the world, made by someone, trusting the caller.
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Principal: { AWS: basePrincipal(network) },
          Action: "sts:AssumeRole",
          ...(account.externalId ? { Condition: { StringEquals: { "sts:ExternalId": account.externalId } } } : {}),
        },
      ],
    };
    const role = putRole(world, account.accountId, name, trust);
    role.inlinePolicies["vpc-peering"] =
      readJson(join(iamDir, `${account.name}.policy.json`)) ?? (docs.policy as unknown as Policy);
  }
}
