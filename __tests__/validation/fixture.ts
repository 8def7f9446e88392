import type { Finding } from "../../core/finding";
import { checkConfig } from "../../validation/validate";

/** An ingress rule as a test may write it, right or wrong. */
export interface MutableRule {
  securityGroupId: string;
  source: Record<string, unknown>;
  protocol: string;
  ports?: number | number[];
  description: string;
}

/** A peering as a test may write it. */
export interface MutablePeering {
  requester: string;
  accepter: string;
  dnsResolution?: boolean;
  shareHostedZones?: string | string[];
  routes?: Record<string, { routeTableIds?: string[]; destinations?: string[] }>;
  ingress?: { requester?: MutableRule[]; accepter?: MutableRule[] };
  previousName?: string;
  peeringConnectionId?: string;
}

/** A config that tests change one field at a time, to values the schema may refuse. */
export interface MutableConfig {
  project: string;
  strict?: boolean;
  quotas?: Record<string, number>;
  iam?: Record<string, unknown>;
  accounts: Record<string, { accountId: string; roleArn?: string; externalId?: string; planRoleArn?: string }>;
  vpcs: Record<
    string,
    {
      account: string;
      region: string;
      vpcId: string;
      cidrBlocks: string[];
      ipv6CidrBlocks?: string[];
      routeTableIds?: string[];
      hostedZones?: Array<{ zoneId: string; name: string }>;
    }
  >;
  peerings: Record<string, MutablePeering>;
}

/**
 * A small config that breaks no rule and raises no warning: a hub VPC
 * peered with a same-region spoke in another account (security group
 * reference) and with a far VPC in another region (CIDR ingress).
 */
export function compliantConfig(): MutableConfig {
  return {
    project: "fixture",
    accounts: {
      hub: { accountId: "111111111111" },
      spoke: {
        accountId: "222222222222",
        roleArn: "arn:aws:iam::222222222222:role/peering-accepter",
        externalId: "fixture-spoke",
      },
      far: {
        accountId: "333333333333",
        roleArn: "arn:aws:iam::333333333333:role/peering-accepter",
        externalId: "fixture-far",
      },
    },
    vpcs: {
      hub: {
        account: "hub",
        region: "us-east-1",
        vpcId: "vpc-00000001",
        cidrBlocks: ["10.0.0.0/16"],
        ipv6CidrBlocks: ["2600:1f18:1:100::/56"],
        routeTableIds: ["rtb-00000001"],
      },
      spoke: {
        account: "spoke",
        region: "us-east-1",
        vpcId: "vpc-00000002",
        cidrBlocks: ["10.1.0.0/16", "10.101.0.0/16"],
        ipv6CidrBlocks: ["2600:1f18:2:100::/56"],
        routeTableIds: ["rtb-00000002"],
      },
      far: {
        account: "far",
        region: "eu-west-1",
        vpcId: "vpc-00000003",
        cidrBlocks: ["10.2.0.0/16"],
        routeTableIds: ["rtb-00000003"],
      },
    },
    peerings: {
      "hub-to-spoke": {
        requester: "hub",
        accepter: "spoke",
        ingress: {
          accepter: [
            {
              securityGroupId: "sg-00000002",
              source: { securityGroupId: "sg-00000001" },
              protocol: "tcp",
              ports: 443,
              description: "HTTPS from hub",
            },
          ],
        },
      },
      "hub-to-far": {
        requester: "hub",
        accepter: "far",
        ingress: {
          accepter: [
            {
              securityGroupId: "sg-00000003",
              source: { cidr: "10.0.0.0/16" },
              protocol: "tcp",
              ports: 443,
              description: "HTTPS from hub",
            },
          ],
        },
      },
    },
  };
}

/** The findings of a config, as `path: message` lines with their severity. */
export function findingsOf(config: unknown): Array<Finding> {
  return [...checkConfig(config).findings];
}

/** The spoke peering's first accepter ingress rule, to change in a test. */
export function spokeRule(config: MutableConfig): MutableRule {
  return config.peerings["hub-to-spoke"].ingress!.accepter![0];
}

/** The far peering's first accepter ingress rule (a CIDR source across regions), to change in a test. */
export function farRule(config: MutableConfig): MutableRule {
  return config.peerings["hub-to-far"].ingress!.accepter![0];
}
