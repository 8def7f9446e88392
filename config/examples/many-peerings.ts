import type { PeeringConfig } from "../schema";

/** Regions of the workload: requesters in the first; every other accepter account in the second. */
const REQUESTER_REGION = "us-east-1";
const OTHER_REGION = "eu-west-1";

function hex(i: number, width: number): string {
  return i.toString(16).padStart(width, "0");
}

/**
 * A generated network of many peerings (used by the benchmark, `bench/`, and
 * by tests that need scale), the same shape as the stock app's in
 * `bench/stock/config.ts`: N cross-account peerings; requester
 * VPCs in one account in us-east-1; accepter VPCs spread round-robin over
 * `accepterAccounts` accounts, every other account in eu-west-1; per peering
 * one connection, one accepter, one route per side and one ingress rule (a
 * security group reference within a region, the requester CIDR across
 * regions): 5 resources per peering. DNS options are off, as in the stock app.
 */
export function manyPeeringsConfig(peeringCount: number, accepterAccounts = Math.min(10, peeringCount)): PeeringConfig {
  const accounts: Record<string, { accountId: string; roleArn?: string; externalId?: string }> = {
    requester: { accountId: "111111111111" },
  };
  for (let a = 0; a < accepterAccounts; a++) {
    const accountId = String(222222222200 + a);
    accounts[`account-b${a}`] = {
      accountId,
      roleArn: `arn:aws:iam::${accountId}:role/vpc-peering-accepter`,
      externalId: `bench-${a}`,
    };
  }
  const vpcs: NonNullable<PeeringConfig["vpcs"]> = {};
  const peerings: NonNullable<PeeringConfig["peerings"]> = {};
  for (let i = 0; i < peeringCount; i++) {
    const hi = Math.floor(i / 256);
    const lo = i % 256;
    const account = i % accepterAccounts;
    const accepterRegion = account % 2 === 0 ? REQUESTER_REGION : OTHER_REGION;
    const name = `peering-${String(i).padStart(4, "0")}`;
    vpcs[`requester-${i}`] = {
      account: "requester",
      region: REQUESTER_REGION,
      vpcId: `vpc-0a${hex(i, 15)}`,
      cidrBlocks: [`10.${hi}.${lo}.0/24`],
      routeTableIds: [`rtb-0a${hex(i, 15)}`],
    };
    vpcs[`accepter-${i}`] = {
      account: `account-b${account}`,
      region: accepterRegion,
      vpcId: `vpc-0b${hex(i, 15)}`,
      cidrBlocks: [`10.${100 + hi}.${lo}.0/24`],
      routeTableIds: [`rtb-0b${hex(i, 15)}`],
    };
    peerings[name] = {
      requester: `requester-${i}`,
      accepter: `accepter-${i}`,
      dnsResolution: false,
      ingress: {
        accepter: [
          {
            securityGroupId: `sg-0b${hex(i, 15)}`,
            source:
              accepterRegion === REQUESTER_REGION
                ? { securityGroupId: `sg-0a${hex(i, 15)}` }
                : { cidr: `10.${hi}.${lo}.0/24` },
            protocol: "tcp",
            ports: 443,
            description: `HTTPS from ${name} requester`,
          },
        ],
      },
    };
  }
  return { project: "bench", accounts, vpcs, peerings };
}
