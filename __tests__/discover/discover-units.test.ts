import {
  DescribeRouteTablesCommand,
  DescribeSecurityGroupRulesCommand,
  DescribeSecurityGroupsCommand,
  DescribeVpcPeeringConnectionsCommand,
  DescribeVpcsCommand,
  EC2Client,
} from "@aws-sdk/client-ec2";
import { mockClient } from "aws-sdk-client-mock";
import { toPlainData } from "../../config/plain-data";
import { buildConfig, type DiscoveredConfig, type ScannedAccount } from "../../discover/build-config";
import { parseDiscoverArgs, USAGE } from "../../discover/command-line";
import { DiscoverError } from "../../discover/discover-error";
import { assignNames, slug } from "../../discover/names";
import { readRegion } from "../../discover/read-region";
import { renderYaml } from "../../discover/render-yaml";
import { mergedYaml } from "../../discover/run-discover";
import type { RegionSnapshot, SnapshotRule } from "../../discover/snapshot";
import { validateConfig } from "../../validation/validate";

/**
 * Unit tests of npm run discover on recorded SDK answers (aws-sdk-client-mock):
 * pagination, error messages, names, and the config built from what was read.
 */

const ec2Mock = mockClient(EC2Client);
afterEach(() => ec2Mock.reset());

const WHO = { accountId: "111111111111", region: "us-east-1", identity: "arn:aws:iam::111111111111:role/peering-plan" };

function emptyAnswers(): void {
  ec2Mock.on(DescribeVpcsCommand).resolves({ Vpcs: [] });
  ec2Mock.on(DescribeRouteTablesCommand).resolves({ RouteTables: [] });
  ec2Mock.on(DescribeSecurityGroupsCommand).resolves({ SecurityGroups: [] });
  ec2Mock.on(DescribeSecurityGroupRulesCommand).resolves({ SecurityGroupRules: [] });
  ec2Mock.on(DescribeVpcPeeringConnectionsCommand).resolves({ VpcPeeringConnections: [] });
}

describe("reading one account and region", () => {
  it("follows NextToken through every page of a Describe call", async () => {
    // GIVEN DescribeVpcPeeringConnections answers in two pages
    emptyAnswers();
    ec2Mock
      .on(DescribeVpcPeeringConnectionsCommand)
      .resolvesOnce({
        VpcPeeringConnections: [{ VpcPeeringConnectionId: "pcx-0000000000000000a", Status: { Code: "active" } }],
        NextToken: "page-2",
      })
      .resolvesOnce({
        VpcPeeringConnections: [
          { VpcPeeringConnectionId: "pcx-0000000000000000b", Status: { Code: "pending-acceptance" } },
        ],
      });
    // WHEN the region is read
    const snapshot = await readRegion(new EC2Client({ region: "us-east-1" }), WHO);
    // THEN both pages are in it, and the second call asked for the second page
    expect(snapshot.peerings.map((p) => [p.id, p.status])).toEqual([
      ["pcx-0000000000000000a", "active"],
      ["pcx-0000000000000000b", "pending-acceptance"],
    ]);
    const calls = ec2Mock.commandCalls(DescribeVpcPeeringConnectionsCommand);
    // (the SDK's paginator reuses one input object, so only the last call's token can be read back)
    expect(calls).toHaveLength(2);
    expect(calls[1].args[0].input.NextToken).toBe("page-2");
    expect(calls[0].args[0].input.MaxResults).toBe(1000);
  });

  it("puts the primary CIDR first, then secondary blocks in association order, and leaves out disassociated ones", async () => {
    emptyAnswers();
    ec2Mock.on(DescribeVpcsCommand).resolves({
      Vpcs: [
        {
          VpcId: "vpc-0000000000000000a",
          OwnerId: WHO.accountId,
          CidrBlock: "10.0.0.0/16",
          CidrBlockAssociationSet: [
            { CidrBlock: "100.64.0.0/20", CidrBlockState: { State: "associated" } },
            { CidrBlock: "10.0.0.0/16", CidrBlockState: { State: "associated" } },
            { CidrBlock: "10.9.0.0/16", CidrBlockState: { State: "disassociated" } },
          ],
          Ipv6CidrBlockAssociationSet: [
            { Ipv6CidrBlock: "2600:1f18:aaaa:bb00::/56", Ipv6CidrBlockState: { State: "associated" } },
          ],
        },
      ],
    });
    const snapshot = await readRegion(new EC2Client({ region: "us-east-1" }), WHO);
    expect(snapshot.vpcs[0]).toEqual({
      vpcId: "vpc-0000000000000000a",
      accountId: WHO.accountId,
      region: "us-east-1",
      cidrBlocks: ["10.0.0.0/16", "100.64.0.0/20"],
      ipv6CidrBlocks: ["2600:1f18:aaaa:bb00::/56"],
    });
  });

  it("turns a denied call into one line naming the action, the role, the account and the region", async () => {
    emptyAnswers();
    const denied = Object.assign(new Error("You are not authorized to perform this operation."), {
      name: "UnauthorizedOperation",
    });
    ec2Mock.on(DescribeRouteTablesCommand).rejects(denied);
    await expect(readRegion(new EC2Client({ region: "us-east-1" }), WHO)).rejects.toThrow(
      "ec2:DescribeRouteTables was denied for arn:aws:iam::111111111111:role/peering-plan (account 111111111111 in us-east-1): UnauthorizedOperation. Grant ec2:DescribeRouteTables to that role (npm run iam writes the read-only plan policy that discover needs), or use --accounts without that account",
    );
  });

  it("keeps inbound rules only", async () => {
    emptyAnswers();
    ec2Mock.on(DescribeSecurityGroupRulesCommand).resolves({
      SecurityGroupRules: [
        {
          SecurityGroupRuleId: "sgr-0000000000000000a",
          GroupId: "sg-0000000000000000a",
          IsEgress: false,
          IpProtocol: "tcp",
          FromPort: 443,
          ToPort: 443,
          CidrIpv4: "10.1.0.0/16",
        },
        {
          SecurityGroupRuleId: "sgr-0000000000000000b",
          GroupId: "sg-0000000000000000a",
          IsEgress: true,
          IpProtocol: "-1",
          CidrIpv4: "0.0.0.0/0",
        },
      ],
    });
    const snapshot = await readRegion(new EC2Client({ region: "us-east-1" }), WHO);
    expect(snapshot.rules.map((r) => r.id)).toEqual(["sgr-0000000000000000a"]);
  });
});

describe("names", () => {
  it("turns Name tags into valid config names", () => {
    expect(slug("Shared Services (prod)")).toBe("shared-services-prod");
    expect(slug("42 Data")).toBe("data");
    expect(slug("!!!")).toBeUndefined();
    expect(slug("x".repeat(80))).toHaveLength(64);
  });

  it("makes colliding names unique with a suffix of their own id, whatever the order they come in", () => {
    const requests = [
      { id: "vpc-0000000000000aaaa", wanted: "app" },
      { id: "vpc-0000000000000bbbb", wanted: "app" },
      { id: "vpc-0000000000000cccc", wanted: "data" },
    ];
    const forward = assignNames(requests);
    const backward = assignNames([...requests].reverse());
    expect([...forward].sort()).toEqual([
      ["vpc-0000000000000aaaa", "app-aaaa"],
      ["vpc-0000000000000bbbb", "app-bbbb"],
      ["vpc-0000000000000cccc", "data"],
    ]);
    expect([...backward].sort()).toEqual([...forward].sort());
  });

  it("never takes a name the config already uses", () => {
    const names = assignNames([{ id: "vpc-0000000000000aaaa", wanted: "app" }], new Set(["app"]));
    expect(names.get("vpc-0000000000000aaaa")).toBe("app-aaaa");
  });
});

const A = "111111111111";
const B = "222222222222";
const ACCOUNTS: ScannedAccount[] = [
  { name: "shared", accountId: A },
  { name: "app", accountId: B, roleArn: `arn:aws:iam::${B}:role/peering-accepter` },
];

function twoAccounts(options: { dns?: [boolean, boolean]; splitRoutes?: boolean } = {}): RegionSnapshot[] {
  const [requesterDns, accepterDns] = options.dns ?? [true, true];
  const peering = {
    id: "pcx-0000000000000000a",
    status: "active",
    requester: {
      accountId: A,
      region: "us-east-1",
      vpcId: "vpc-000000000000000a1",
      cidrBlocks: ["10.0.0.0/16"],
      ipv6CidrBlocks: [],
      dnsResolution: requesterDns,
    },
    accepter: {
      accountId: B,
      region: "us-east-1",
      vpcId: "vpc-000000000000000b1",
      cidrBlocks: ["10.1.0.0/16", "10.2.0.0/16"],
      ipv6CidrBlocks: [],
      dnsResolution: accepterDns,
    },
    tags: { Name: "Shared to App" },
  };
  const failed = {
    ...peering,
    id: "pcx-0000000000000000f",
    status: "failed",
    statusMessage: "Overlapping CIDR range",
    tags: {},
  };
  return [
    {
      accountId: A,
      region: "us-east-1",
      vpcs: [
        {
          vpcId: "vpc-000000000000000a1",
          accountId: A,
          region: "us-east-1",
          nameTag: "shared",
          cidrBlocks: ["10.0.0.0/16"],
          ipv6CidrBlocks: [],
        },
      ],
      routeTables: [
        {
          id: "rtb-000000000000000a1",
          vpcId: "vpc-000000000000000a1",
          main: true,
          servesSubnets: false,
          routes: [
            { destination: "10.1.0.0/16", peeringConnectionId: peering.id },
            { destination: "10.2.0.0/16", peeringConnectionId: peering.id },
          ],
        },
        {
          id: "rtb-000000000000000a2",
          vpcId: "vpc-000000000000000a1",
          main: false,
          servesSubnets: true,
          routes: options.splitRoutes
            ? [{ destination: "10.1.0.0/16", peeringConnectionId: peering.id }]
            : [
                { destination: "10.1.0.0/16", peeringConnectionId: peering.id },
                { destination: "10.2.0.0/16", peeringConnectionId: peering.id },
              ],
        },
      ],
      securityGroupVpcs: { "sg-000000000000000a1": "vpc-000000000000000a1" },
      rules: [
        {
          id: "sgr-000000000000000a2",
          groupId: "sg-000000000000000a1",
          ipProtocol: "-1",
          cidrIpv4: "10.2.0.0/16",
          description: "Everything from app batch",
        },
        {
          id: "sgr-000000000000000a1",
          groupId: "sg-000000000000000a1",
          ipProtocol: "tcp",
          fromPort: 443,
          toPort: 443,
          cidrIpv4: "10.1.4.0/24",
        },
        {
          id: "sgr-000000000000000a3",
          groupId: "sg-000000000000000a1",
          ipProtocol: "tcp",
          fromPort: 22,
          toPort: 22,
          cidrIpv4: "192.168.0.0/16",
          description: "SSH from the office",
        },
      ],
      peerings: [peering, failed],
    },
    {
      accountId: B,
      region: "us-east-1",
      vpcs: [
        {
          vpcId: "vpc-000000000000000b1",
          accountId: B,
          region: "us-east-1",
          nameTag: "app",
          cidrBlocks: ["10.1.0.0/16", "10.2.0.0/16"],
          ipv6CidrBlocks: [],
        },
      ],
      routeTables: [
        {
          id: "rtb-000000000000000b1",
          vpcId: "vpc-000000000000000b1",
          main: true,
          servesSubnets: false,
          routes: [{ destination: "10.0.0.0/16", peeringConnectionId: peering.id }],
        },
      ],
      securityGroupVpcs: {},
      rules: [],
      peerings: [{ ...peering, tags: { Name: "accepter side view" } }],
    },
  ];
}

describe("building the config", () => {
  it("adopts the peering with its routes and the rules that let the peer in (and only those), and validates", () => {
    const built = buildConfig("acme", ACCOUNTS, twoAccounts());
    expect(built.config.peerings["shared-to-app"]).toEqual({
      requester: "shared",
      accepter: "app",
      dnsResolution: true,
      routes: {
        requester: {
          routeTableIds: ["rtb-000000000000000a1", "rtb-000000000000000a2"],
          destinations: ["10.1.0.0/16", "10.2.0.0/16"],
        },
        accepter: { routeTableIds: ["rtb-000000000000000b1"], destinations: ["10.0.0.0/16"] },
      },
      ingress: {
        requester: [
          {
            securityGroupId: "sg-000000000000000a1",
            source: { cidr: "10.2.0.0/16" },
            protocol: "all",
            description: "Everything from app batch",
            existingRuleIds: { "10.2.0.0/16": "sgr-000000000000000a2" },
          },
          {
            securityGroupId: "sg-000000000000000a1",
            source: { cidr: "10.1.4.0/24" },
            protocol: "tcp",
            ports: 443,
            description: "tcp 443 from app",
            existingRuleIds: { "10.1.4.0/24": "sgr-000000000000000a1" },
          },
        ],
      },
      existing: { peeringConnectionId: "pcx-0000000000000000a" },
      protect: true,
    });
    expect(built.notes).toEqual([
      {
        peering: "shared-to-app",
        text: 'requester: rule sgr-000000000000000a1 on sg-000000000000000a1 has no description in AWS; the config gives it "tcp 443 from app", which the plan sets',
      },
    ]);
    expect(built.inactive).toEqual([
      "pcx-0000000000000000f: failed (Overlapping CIDR range): vpc-000000000000000a1 (111111111111, us-east-1) -> vpc-000000000000000b1 (222222222222, us-east-1)",
    ]);
    expect(() => validateConfig(built.config, { source: "built" })).not.toThrow();
  });

  it("gives the same YAML whatever order AWS listed things in", () => {
    const snapshots = twoAccounts();
    const reversed = snapshots
      .map((s) => ({
        ...s,
        routeTables: [...s.routeTables].reverse(),
        rules: [...s.rules].reverse(),
        peerings: [...s.peerings].reverse(),
      }))
      .reverse();
    expect(renderYaml(buildConfig("acme", ACCOUNTS, reversed))).toBe(
      renderYaml(buildConfig("acme", ACCOUNTS, snapshots)),
    );
  });

  it("writes dnsResolution: false with a note when only one side resolves the other's names", () => {
    const built = buildConfig("acme", ACCOUNTS, twoAccounts({ dns: [true, false] }));
    expect(built.config.peerings["shared-to-app"].dnsResolution).toBe(false);
    expect(built.notes.map((n) => n.text)).toContain(
      "DNS resolution is allowed on the requester side only; dnsResolution: false leaves both sides as they are (true would turn it on for both)",
    );
  });

  it("adopts the largest table-by-destination group of routes and notes the rest, which stay untouched", () => {
    const built = buildConfig("acme", ACCOUNTS, twoAccounts({ splitRoutes: true }));
    const routes = built.config.peerings["shared-to-app"].routes as Record<string, unknown>;
    expect(routes.requester).toEqual({
      routeTableIds: ["rtb-000000000000000a1"],
      destinations: ["10.1.0.0/16", "10.2.0.0/16"],
    });
    expect(built.notes.map((n) => n.text)).toContain(
      "requester: route tables rtb-000000000000000a2 route 10.1.0.0/16 through it, unlike rtb-000000000000000a1; a side routes one set of tables to one set of destinations, so those routes are not adopted (they stay as they are)",
    );
  });

  it("keeps the names an existing config gives, and makes a peer outside the scanned accounts external", () => {
    const built = buildConfig("acme", [ACCOUNTS[0]], twoAccounts().slice(0, 1), {
      vpcs: new Map([["vpc-000000000000000a1", "hub"]]),
      peerings: new Map([["pcx-0000000000000000a", "hub-to-app"]]),
    });
    expect(Object.keys(built.config.peerings)).toEqual(["hub-to-app"]);
    expect(built.config.vpcs["vpc-000000000000000b1"]).toEqual({
      external: {
        accountId: B,
        region: "us-east-1",
        vpcId: "vpc-000000000000000b1",
        cidrBlocks: ["10.1.0.0/16", "10.2.0.0/16"],
      },
    });
    expect(built.config.peerings["hub-to-app"].routes).toEqual({
      requester: {
        routeTableIds: ["rtb-000000000000000a1", "rtb-000000000000000a2"],
        destinations: ["10.1.0.0/16", "10.2.0.0/16"],
      },
    });
  });

  it("places a security group reference that names no VPC by the group's own VPC, when its account was scanned", () => {
    const [shared, app] = twoAccounts();
    const withReference = {
      ...shared,
      rules: [
        {
          id: "sgr-000000000000000a9",
          groupId: "sg-000000000000000a1",
          ipProtocol: "udp",
          fromPort: 53,
          toPort: 53,
          referencedGroupId: "sg-000000000000000b1",
          referencedAccountId: B,
          description: "DNS from app resolvers",
        },
      ],
    };
    const appWithGroup = { ...app, securityGroupVpcs: { "sg-000000000000000b1": "vpc-000000000000000b1" } };
    const built = buildConfig("acme", ACCOUNTS, [withReference, appWithGroup]);
    expect((built.config.peerings["shared-to-app"].ingress as Record<string, unknown>).requester).toEqual([
      {
        securityGroupId: "sg-000000000000000a1",
        source: { securityGroupId: "sg-000000000000000b1" },
        protocol: "udp",
        ports: 53,
        description: "DNS from app resolvers",
        existingRuleIds: { "sg-000000000000000b1": "sgr-000000000000000a9" },
      },
    ]);
  });
});

describe("names and keys JavaScript gives a meaning of its own", () => {
  it("never assigns constructor, prototype or __proto__ as a name, even when only one thing asks for it", () => {
    // GIVEN Name tags that slug to the reserved keys
    const names = assignNames([
      { id: "vpc-000000000000000c1", wanted: "constructor" },
      { id: "vpc-000000000000000c2", wanted: "prototype" },
      { id: "vpc-000000000000000c3", wanted: "__proto__" },
    ]);
    // THEN each gets a suffix of its own id instead
    expect([...names.values()].sort()).toEqual(["__proto__-00c3", "constructor-00c1", "prototype-00c2"]);
  });

  it("names a peering tagged Name=constructor otherwise, drops a tag keyed constructor with a note, and stays plain data", () => {
    // GIVEN the requester's view of the peering has reserved words as its Name tag and as a tag key
    const snapshots = twoAccounts();
    const peering = snapshots[0].peerings[0] as { tags: Record<string, string> };
    peering.tags = { Name: "constructor", constructor: "x", prototype: "y", Team: "net" };
    // WHEN the config is built
    const built = buildConfig("acme", ACCOUNTS, snapshots);
    // THEN no key of it is reserved: the file would read back (readConfigFile -> toPlainData)
    expect(Object.keys(built.config.peerings)).toEqual(["constructor-000a"]);
    expect(built.config.peerings["constructor-000a"].tags).toEqual({ Team: "net" });
    expect(toPlainData(built.config)).not.toHaveProperty("problems");
    expect(built.notes.filter((n) => n.text.startsWith("tag "))).toEqual([
      {
        peering: "constructor-000a",
        text: 'tag "constructor" cannot be written in the config (JavaScript gives that key a meaning of its own, so the config refuses it); not adopted, and Terraform, which manages the connection\'s tags, will plan to remove it',
      },
      {
        peering: "constructor-000a",
        text: 'tag "prototype" cannot be written in the config (JavaScript gives that key a meaning of its own, so the config refuses it); not adopted, and Terraform, which manages the connection\'s tags, will plan to remove it',
      },
    ]);
  });
});

describe("protocols AWS answers with", () => {
  it("does not take a protocol named like an Object.prototype member (toString, constructor) as known", () => {
    // GIVEN an inbound rule from the peer whose IpProtocol text is an Object.prototype member
    const snapshots = twoAccounts();
    (snapshots[0].rules as SnapshotRule[]).push(
      { id: "sgr-000000000000000a8", groupId: "sg-000000000000000a1", ipProtocol: "toString", cidrIpv4: "10.1.0.0/16" },
      {
        id: "sgr-000000000000000a9",
        groupId: "sg-000000000000000a1",
        ipProtocol: "constructor",
        cidrIpv4: "10.1.0.0/16",
      },
    );
    // WHEN the config is built
    const built = buildConfig("acme", ACCOUNTS, snapshots);
    // THEN neither rule is adopted; each is a note
    expect(JSON.stringify(built.config)).not.toMatch(/sgr-000000000000000a[89]/);
    expect(built.notes.map((n) => n.text)).toEqual(
      expect.arrayContaining([
        "requester: rule sgr-000000000000000a8 on sg-000000000000000a1 (protocol toString, ports undefined-undefined) cannot be written in the config (it takes tcp, udp, all, and icmp/icmpv6 of every type); not adopted",
        "requester: rule sgr-000000000000000a9 on sg-000000000000000a1 (protocol constructor, ports undefined-undefined) cannot be written in the config (it takes tcp, udp, all, and icmp/icmpv6 of every type); not adopted",
      ]),
    );
  });
});

describe("merging into an existing config's text", () => {
  const discovered = { config: {}, notes: [], inactive: [], unpeeredVpcs: [] } as unknown as DiscoveredConfig;
  const added = { accounts: [], vpcs: [], peerings: [["new-link", { requester: "a", accepter: "b" }]] } as never;

  it.each([
    ["an alias", "base: &base\n  old: {}\npeerings: *base\n"],
    ["null", "peerings:\n"],
  ])("refuses, in one line, a section that is %s instead of skipping the new entries silently", (_, text) => {
    expect(() => mergedYaml(text, added, discovered, "mine.yaml")).toThrow(
      new DiscoverError(
        "cannot merge into peerings of mine.yaml: not a plain map; write peerings as a map of entries (no alias), or merge by hand",
      ),
    );
  });
});

describe("the command line", () => {
  it("fails on an unknown option with a one-line error (the usage is printed after it, separately)", () => {
    // WHEN an unknown option is given, THEN the error is one line, without the usage
    let error: unknown;
    try {
      parseDiscoverArgs(["--acounts", "shared"]);
    } catch (cause) {
      error = cause;
    }
    expect(error).toBeInstanceOf(DiscoverError);
    expect((error as Error).message).toMatch(/^Unknown option '--acounts'/);
    expect((error as Error).message).not.toContain("\n");
    expect((error as Error).message).not.toContain(USAGE);
    expect(parseDiscoverArgs(["--accounts", "shared", "--check"])).toEqual({ accounts: "shared", check: true });
  });
});
