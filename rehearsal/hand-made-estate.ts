import { planPolicy } from "../iam/deployer-policy";
import type { Network } from "../model/network";
import { putRole } from "./iam";
import type { Policy } from "./policy";
import { adminAccessKey, BASE_ACCESS_KEY } from "./seed";
import { addBaseCredential } from "./sts";
import { emptyWorld, type RouteTableState, type SecurityGroupRuleState, type World } from "./world";

/**
 * An estate made by hand, not from a config: what `npm run discover` is
 * tested against. Three accounts with a read-only plan role each (the plan
 * policy of `npm run iam`, trusting the deployer with an external id) and:
 *
 * - shared-to-app: cross-account, same region, IPv6 on both sides, a
 *   secondary CIDR, a security group reference and CIDR rules (IPv4 and IPv6);
 * - app-to-data: cross-account and cross-region, DNS resolution off;
 * - shared to a vendor's VPC (account 444444444444, not scanned): active;
 * - a partner's VPC (account 555555555555, not scanned, eu-west-1) to app:
 *   requested by the partner and accepted by hand, DNS resolution on app's side;
 * - tools to app: pending acceptance;
 * - a sandbox VPC with no peering.
 *
 * Ids are fixed, so a discover run gives the same config every time.
 */

/** The account ids of the estate. */
export const ESTATE_ACCOUNTS = { shared: "111111111111", app: "222222222222", data: "333333333333" } as const;
/** The vendor's account (outside the scanned accounts). */
export const VENDOR_ACCOUNT = "444444444444";
/** The partner's account (outside the scanned accounts): it requested a peering into app. */
export const PARTNER_ACCOUNT = "555555555555";
/** Who the base credential stands for. */
export const ESTATE_DEPLOYER = "arn:aws:iam::111111111111:role/platform-deployer";
/** The deploy role's name in every account (made by the rehearsal from the discovered config, not by the estate). */
export const ESTATE_DEPLOY_ROLE = "peering-deployer";
/** The plan role's name in every account. */
export const ESTATE_PLAN_ROLE = "peering-plan";

/** Ids of the estate's things. */
export const ESTATE = {
  vpc: {
    shared: "vpc-0a00000000000000a",
    tools: "vpc-0a00000000000000b",
    sandbox: "vpc-0a00000000000000c",
    app: "vpc-0b00000000000000a",
    data: "vpc-0c00000000000000a",
    vendor: "vpc-0d00000000000000a",
    partner: "vpc-0e00000000000000a",
  },
  rtb: {
    sharedMain: "rtb-0a00000000000000a",
    sharedPrivate: "rtb-0a00000000000000b",
    appMain: "rtb-0b00000000000000a",
    data: "rtb-0c00000000000000a",
  },
  sg: { sharedWeb: "sg-0a00000000000000a", appApi: "sg-0b00000000000000a", dataDb: "sg-0c00000000000000a" },
  pcx: {
    sharedToApp: "pcx-0a00000000000000a",
    appToData: "pcx-0b00000000000000a",
    sharedToVendor: "pcx-0a00000000000000b",
    toolsToApp: "pcx-0a00000000000000c",
    partnerToApp: "pcx-0e00000000000000a",
  },
  sgr: {
    appFromSharedSg: "sgr-0b00000000000000a",
    appFromSharedV6: "sgr-0b00000000000000b",
    sharedFromApp: "sgr-0a00000000000000a",
    sharedFromVendor: "sgr-0a00000000000000b",
    dataFromApp: "sgr-0c00000000000000a",
    sharedEgress: "sgr-0a00000000000000c",
    appFromPartner: "sgr-0b00000000000000c",
  },
} as const;

/** The external id each account's plan role asks for. */
export const estateExternalId = (accountId: string) => `discover-${accountId}`;

/** A config with the estate's accounts only (their plan roles): what discover starts from. */
export function estateAccountsConfig(): Record<string, unknown> {
  return {
    project: "acme-estate",
    accounts: Object.fromEntries(
      Object.entries(ESTATE_ACCOUNTS).map(([name, id]) => [
        name,
        {
          accountId: id,
          roleArn: `arn:aws:iam::${id}:role/${ESTATE_DEPLOY_ROLE}`,
          externalId: estateExternalId(id),
          planRoleArn: `arn:aws:iam::${id}:role/${ESTATE_PLAN_ROLE}`,
        },
      ]),
    ),
    vpcs: {},
    peerings: {},
  };
}

/** The estate, made by hand; see the module comment. */
export function handMadeEstate(): World {
  const world = emptyWorld();
  const { shared: A, app: B, data: C } = ESTATE_ACCOUNTS;
  const { vpc, rtb, sg, pcx, sgr } = ESTATE;
  addBaseCredential(world, BASE_ACCESS_KEY, ESTATE_DEPLOYER);
  const policy = planPolicy({ backend: { type: "local" } } as Network) as unknown as Policy;
  for (const account of Object.values(ESTATE_ACCOUNTS)) {
    addBaseCredential(world, adminAccessKey(account), `arn:aws:iam::${account}:user/rehearsal-admin`);
    const role = putRole(world, account, ESTATE_PLAN_ROLE, {
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Principal: { AWS: ESTATE_DEPLOYER },
          Action: "sts:AssumeRole",
          Condition: { StringEquals: { "sts:ExternalId": estateExternalId(account) } },
        },
      ],
    });
    role.inlinePolicies["vpc-peering-plan"] = structuredClone(policy);
  }
  const addVpc = (id: string, account: string, region: string, v4: string[], v6: string[], name?: string) =>
    world.vpcs.push({ id, account, region, cidrBlocks: v4, ipv6CidrBlocks: v6, tags: name ? { Name: name } : {} });
  addVpc(vpc.shared, A, "us-east-1", ["10.0.0.0/16", "100.64.0.0/20"], ["2600:1f18:aaaa:bb00::/56"], "Shared Services");
  addVpc(vpc.tools, A, "us-east-1", ["10.3.0.0/16"], [], "tools");
  addVpc(vpc.sandbox, A, "us-east-1", ["10.9.0.0/16"], [], "sandbox");
  addVpc(vpc.app, B, "us-east-1", ["10.1.0.0/16"], ["2600:1f18:cccc:dd00::/56"], "app");
  addVpc(vpc.data, C, "eu-west-1", ["10.2.0.0/16"], [], "data");
  addVpc(vpc.vendor, VENDOR_ACCOUNT, "us-east-1", ["10.50.0.0/16"], []);
  addVpc(vpc.partner, PARTNER_ACCOUNT, "eu-west-1", ["10.60.0.0/16"], []);

  const table = (id: string, account: string, region: string, vpcId: string, main: boolean): RouteTableState => {
    const owner = world.vpcs.find((v) => v.id === vpcId);
    const t: RouteTableState = {
      id,
      account,
      region,
      vpcId,
      main,
      routes: [
        ...(owner?.cidrBlocks ?? []).map((c) => ({
          destinationCidrBlock: c,
          gatewayId: "local",
          origin: "CreateRouteTable" as const,
        })),
        ...(owner?.ipv6CidrBlocks ?? []).map((c) => ({
          destinationIpv6CidrBlock: c,
          gatewayId: "local",
          origin: "CreateRouteTable" as const,
        })),
      ],
      tags: {},
    };
    world.routeTables.push(t);
    return t;
  };
  const sharedMain = table(rtb.sharedMain, A, "us-east-1", vpc.shared, true);
  const sharedPrivate = table(rtb.sharedPrivate, A, "us-east-1", vpc.shared, false);
  const appMain = table(rtb.appMain, B, "us-east-1", vpc.app, true);
  const data = table(rtb.data, C, "eu-west-1", vpc.data, true);
  table("rtb-0a00000000000000c", A, "us-east-1", vpc.tools, true);
  table("rtb-0a00000000000000d", A, "us-east-1", vpc.sandbox, true);
  const route = (t: RouteTableState, destination: string, via: string) =>
    t.routes.push({
      [destination.includes(":") ? "destinationIpv6CidrBlock" : "destinationCidrBlock"]: destination,
      vpcPeeringConnectionId: via,
      origin: "CreateRoute",
    });

  const side = (account: string, region: string, vpcId: string, dns: boolean) => ({
    account,
    region,
    vpcId,
    allowDnsResolutionFromRemoteVpc: dns,
  });
  world.peerings.push(
    {
      id: pcx.sharedToApp,
      requester: side(A, "us-east-1", vpc.shared, true),
      accepter: side(B, "us-east-1", vpc.app, true),
      status: "active",
      message: "Active",
      tags: { [A]: { Name: "shared-to-app", CostCentre: "platform" } },
    },
    {
      id: pcx.appToData,
      requester: side(B, "us-east-1", vpc.app, false),
      accepter: side(C, "eu-west-1", vpc.data, false),
      status: "active",
      message: "Active",
      tags: {},
    },
    {
      id: pcx.sharedToVendor,
      requester: side(A, "us-east-1", vpc.shared, false),
      accepter: side(VENDOR_ACCOUNT, "us-east-1", vpc.vendor, false),
      status: "active",
      message: "Active",
      tags: { [A]: { Name: "Vendor SaaS" } },
    },
    {
      id: pcx.partnerToApp,
      requester: side(PARTNER_ACCOUNT, "eu-west-1", vpc.partner, false),
      accepter: side(B, "us-east-1", vpc.app, true),
      status: "active",
      message: "Active",
      tags: { [B]: { Name: "partner-reports" } },
    },
    {
      id: pcx.toolsToApp,
      requester: side(A, "us-east-1", vpc.tools, false),
      accepter: side(B, "us-east-1", vpc.app, false),
      status: "pending-acceptance",
      message: `Pending Acceptance by ${B}`,
      tags: {},
    },
  );
  for (const t of [sharedMain, sharedPrivate]) {
    route(t, "10.1.0.0/16", pcx.sharedToApp);
    route(t, "2600:1f18:cccc:dd00::/56", pcx.sharedToApp);
  }
  route(sharedPrivate, "10.50.0.0/16", pcx.sharedToVendor);
  for (const cidr of ["10.0.0.0/16", "100.64.0.0/20", "2600:1f18:aaaa:bb00::/56"])
    route(appMain, cidr, pcx.sharedToApp);
  route(appMain, "10.2.0.0/16", pcx.appToData);
  route(appMain, "10.60.0.0/16", pcx.partnerToApp);
  route(data, "10.1.0.0/16", pcx.appToData);

  world.securityGroups.push(
    { id: sg.sharedWeb, account: A, region: "us-east-1", vpcId: vpc.shared, name: "shared-web", tags: {} },
    { id: sg.appApi, account: B, region: "us-east-1", vpcId: vpc.app, name: "app-api", tags: {} },
    { id: sg.dataDb, account: C, region: "eu-west-1", vpcId: vpc.data, name: "data-db", tags: {} },
  );
  const rule = (r: Omit<SecurityGroupRuleState, "tags" | "isEgress"> & { isEgress?: boolean }) =>
    world.rules.push({ isEgress: false, tags: {}, ...r });
  rule({
    id: sgr.appFromSharedSg,
    groupId: sg.appApi,
    account: B,
    region: "us-east-1",
    ipProtocol: "tcp",
    fromPort: 443,
    toPort: 443,
    referencedGroup: { groupId: sg.sharedWeb, userId: A },
    description: "HTTPS from shared services",
  });
  rule({
    id: sgr.appFromSharedV6,
    groupId: sg.appApi,
    account: B,
    region: "us-east-1",
    ipProtocol: "tcp",
    fromPort: 443,
    toPort: 443,
    cidrIpv6: "2600:1f18:aaaa:bb00::/56",
    description: "HTTPS from shared services over IPv6",
  });
  rule({
    id: sgr.sharedFromApp,
    groupId: sg.sharedWeb,
    account: A,
    region: "us-east-1",
    ipProtocol: "tcp",
    fromPort: 8080,
    toPort: 8090,
    cidrIpv4: "10.1.0.0/16",
    description: "Callbacks from the app",
  });
  rule({
    id: sgr.sharedFromVendor,
    groupId: sg.sharedWeb,
    account: A,
    region: "us-east-1",
    ipProtocol: "tcp",
    fromPort: 8443,
    toPort: 8443,
    cidrIpv4: "10.50.0.0/16",
    description: "Webhooks from the vendor",
  });
  rule({
    id: sgr.appFromPartner,
    groupId: sg.appApi,
    account: B,
    region: "us-east-1",
    ipProtocol: "tcp",
    fromPort: 443,
    toPort: 443,
    cidrIpv4: "10.60.0.0/16",
    description: "HTTPS from the partner reports",
  });
  rule({
    id: sgr.dataFromApp,
    groupId: sg.dataDb,
    account: C,
    region: "eu-west-1",
    ipProtocol: "tcp",
    fromPort: 5432,
    toPort: 5432,
    cidrIpv4: "10.1.0.0/16",
    description: "PostgreSQL from the app",
  });
  rule({
    id: sgr.sharedEgress,
    groupId: sg.sharedWeb,
    account: A,
    region: "us-east-1",
    isEgress: true,
    ipProtocol: "-1",
    fromPort: -1,
    toPort: -1,
    cidrIpv4: "10.1.0.0/16",
    description: "Everything to the app",
  });
  return world;
}
