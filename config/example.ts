import { defineConfig } from "./define-config";

/**
 * The example network: three accounts, four VPCs, four peerings. All ids are
 * documentation-style fakes. To start, copy this file over your config:
 * `cp config/example.ts config/config.ts`, replace the ids with yours and run
 * `npm run synth`.
 *
 * Adopting peerings made by hand (`existing`, `previousName`), VPCs of another
 * organization (`external`) and one-sided peerings are shown in
 * `config/examples/adopt-and-one-sided.yaml`.
 *
 * - `shared-to-app`: cross-account, same region, IPv6 on both sides, ingress
 *   that references the other side's security group, on both sides; each side
 *   resolves the other's private hosted zone (Route 53, authorized across
 *   accounts).
 * - `shared-to-data`: cross-account and cross-region, CIDR ingress, a subset of
 *   route tables and destinations, a secondary CIDR on the accepter.
 * - `shared-to-tools`: same account and region (auto-accepted), ingress from
 *   every CIDR of the peer VPC, DNS resolution off; tools resolves the shared
 *   VPC's private hosted zone (same account: no authorization).
 * - `app-to-data`: a second requesting account, hence a second stack.
 *
 * With `iam` and `bootstrap: true`, every synth also writes each account's
 * IAM documents (cdktf.out/iam/) and a `bootstrap-<account>` stack that
 * creates its roles. Every account has a read-only `planRoleArn`, so that
 * pull-request plans (`PEERING_ROLES=plan`) never assume a deploy role; the
 * CI plans as `ciPlanRoleArn` and deploys as `ciDeployRoleArn`, whose GitHub
 * OIDC trust (cdktf.out/iam/ci/) is pinned to `github.repository`.
 *
 * Every peering stack writes outputs (`peering_<name>`, `peerings_by_name`)
 * and, as `checks` is on by default, one `check` block per peering that warns
 * when its connection is not active (README: Outputs, Drift checks).
 */
export const config = defineConfig({
  project: "acme-net",
  tags: { owner: "platform", "cost-center": "cc-1234" },
  iam: {
    deployerRoleArn: "arn:aws:iam::111111111111:role/platform-deployer",
    ciPlanRoleArn: "arn:aws:iam::111111111111:role/github-actions-plan",
    ciDeployRoleArn: "arn:aws:iam::111111111111:role/github-actions-deploy",
    github: { repository: "acme/network" },
  },
  bootstrap: true,
  accounts: {
    shared: {
      accountId: "111111111111",
      roleArn: "arn:aws:iam::111111111111:role/peering-deployer",
      externalId: "acme-net-shared",
      planRoleArn: "arn:aws:iam::111111111111:role/peering-plan",
    },
    app: {
      accountId: "222222222222",
      roleArn: "arn:aws:iam::222222222222:role/peering-accepter",
      externalId: "acme-net-app",
      planRoleArn: "arn:aws:iam::222222222222:role/peering-plan",
    },
    data: {
      accountId: "333333333333",
      roleArn: "arn:aws:iam::333333333333:role/peering-accepter",
      externalId: "acme-net-data",
      planRoleArn: "arn:aws:iam::333333333333:role/peering-plan",
    },
  },
  vpcs: {
    "shared-use1": {
      account: "shared",
      region: "us-east-1",
      vpcId: "vpc-0a1b2c3d4e5f67890",
      cidrBlocks: ["10.0.0.0/16", "100.64.0.0/20"],
      ipv6CidrBlocks: ["2600:1f18:aaaa:bb00::/56"],
      routeTableIds: ["rtb-0a1b2c3d4e5f60001", "rtb-0a1b2c3d4e5f60002"],
      hostedZones: [{ zoneId: "Z0SHAREDUSE1ACMENET01", name: "shared.internal.acme" }],
    },
    "tools-use1": {
      account: "shared",
      region: "us-east-1",
      vpcId: "vpc-0a1b2c3d4e5f6aaaa",
      cidrBlocks: ["10.3.0.0/16"],
      routeTableIds: ["rtb-0a1b2c3d4e5f6aaa1"],
    },
    "app-use1": {
      account: "app",
      region: "us-east-1",
      vpcId: "vpc-0b1c2d3e4f5a67890",
      cidrBlocks: ["10.1.0.0/16"],
      ipv6CidrBlocks: ["2600:1f18:cccc:dd00::/56"],
      routeTableIds: ["rtb-0b1c2d3e4f5a60001", "rtb-0b1c2d3e4f5a60002"],
      hostedZones: [{ zoneId: "Z0APPUSE1ACMENET00001", name: "app.internal.acme" }],
    },
    "data-euw1": {
      account: "data",
      region: "eu-west-1",
      vpcId: "vpc-0c1d2e3f4a5b67890",
      cidrBlocks: ["10.2.0.0/16", "10.20.0.0/16"],
      routeTableIds: ["rtb-0c1d2e3f4a5b60001", "rtb-0c1d2e3f4a5b60002"],
    },
  },
  peerings: {
    "shared-to-app": {
      requester: "shared-use1",
      accepter: "app-use1",
      shareHostedZones: "both",
      ingress: {
        accepter: [
          {
            securityGroupId: "sg-0b1c2d3e4f5a60001",
            source: { securityGroupId: "sg-0a1b2c3d4e5f60001" },
            protocol: "tcp",
            ports: 443,
            description: "HTTPS from shared services",
          },
        ],
        requester: [
          {
            securityGroupId: "sg-0a1b2c3d4e5f60002",
            source: { securityGroupId: "sg-0b1c2d3e4f5a60002" },
            protocol: "tcp",
            ports: [8080, 8081],
            description: "Metrics scrape from app",
          },
        ],
      },
      tags: { purpose: "app-to-shared-services" },
    },
    "shared-to-data": {
      requester: "shared-use1",
      accepter: "data-euw1",
      routes: {
        requester: { routeTableIds: ["rtb-0a1b2c3d4e5f60001"], destinations: ["10.2.0.0/16"] },
        accepter: { routeTableIds: ["rtb-0c1d2e3f4a5b60001"] },
      },
      ingress: {
        accepter: [
          {
            securityGroupId: "sg-0c1d2e3f4a5b60001",
            source: { cidr: "10.0.0.0/16" },
            protocol: "tcp",
            ports: 443,
            description: "HTTPS from shared services (us-east-1)",
          },
        ],
      },
    },
    "shared-to-tools": {
      requester: "shared-use1",
      accepter: "tools-use1",
      dnsResolution: false,
      shareHostedZones: ["Z0SHAREDUSE1ACMENET01"],
      ingress: {
        accepter: [
          {
            securityGroupId: "sg-0a1b2c3d4e5f6aaa1",
            source: { peerVpc: true },
            protocol: "icmp",
            description: "Ping from shared services",
          },
        ],
      },
    },
    "app-to-data": {
      requester: "app-use1",
      accepter: "data-euw1",
      routes: {
        requester: { routeTableIds: ["rtb-0b1c2d3e4f5a60001"] },
      },
    },
  },
});

/** The example under its own name, for the tests that start from it. */
export const exampleConfig = config;
