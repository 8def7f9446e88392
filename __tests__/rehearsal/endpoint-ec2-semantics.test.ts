import {
  AcceptVpcPeeringConnectionCommand,
  AuthorizeSecurityGroupIngressCommand,
  CreateRouteCommand,
  CreateTagsCommand,
  CreateVpcPeeringConnectionCommand,
  DeleteRouteCommand,
  DeleteTagsCommand,
  DeleteVpcPeeringConnectionCommand,
  DescribeRouteTablesCommand,
  DescribeSecurityGroupRulesCommand,
  DescribeVpcPeeringConnectionsCommand,
  type EC2Client,
  ModifySecurityGroupRulesCommand,
  ModifyVpcPeeringConnectionOptionsCommand,
  ReplaceRouteCommand,
  RevokeSecurityGroupIngressCommand,
} from "@aws-sdk/client-ec2";
import { type LocalAws, startLocalAws } from "../../rehearsal/server";
import { dumpWorld } from "../../rehearsal/world";
import { A, B, C, ec2As, errorCode, fixtureWorld, RTB, SG, VPC } from "./world-fixture";

/**
 * EC2 semantics of the local AWS, each rule once allowed and once refused,
 * through the AWS SDK for JavaScript v3. Each test starts from a fresh world.
 */
let aws: LocalAws;
let a: EC2Client;
let b: EC2Client;
let c: EC2Client;
let bInEu: EC2Client;

beforeEach(async () => {
  aws = await startLocalAws(fixtureWorld());
  [a, b, c, bInEu] = await Promise.all([
    ec2As(aws, A, "us-east-1"),
    ec2As(aws, B, "us-east-1"),
    ec2As(aws, C, "eu-west-1"),
    ec2As(aws, B, "eu-west-1"),
  ]);
});

afterEach(() => aws.close());

async function request(
  from: EC2Client,
  vpcId: string,
  peerVpcId: string,
  peerOwnerId: string,
  peerRegion?: string,
): Promise<string> {
  const out = await from.send(
    new CreateVpcPeeringConnectionCommand({
      VpcId: vpcId,
      PeerVpcId: peerVpcId,
      PeerOwnerId: peerOwnerId,
      PeerRegion: peerRegion,
    }),
  );
  return out.VpcPeeringConnection!.VpcPeeringConnectionId!;
}

async function status(from: EC2Client, id: string): Promise<string | undefined> {
  const out = await from.send(new DescribeVpcPeeringConnectionsCommand({ VpcPeeringConnectionIds: [id] }));
  return out.VpcPeeringConnections?.[0]?.Status?.Code;
}

describe("peering lifecycle", () => {
  it("goes pending-acceptance -> active when the accepter accepts; the requester may not accept a cross-account peering", async () => {
    const id = await request(a, VPC.a, VPC.b, B);
    expect(await status(a, id)).toBe("pending-acceptance");
    expect(await errorCode(a.send(new AcceptVpcPeeringConnectionCommand({ VpcPeeringConnectionId: id })))).toBe(
      "OperationNotPermitted",
    );
    await b.send(new AcceptVpcPeeringConnectionCommand({ VpcPeeringConnectionId: id }));
    expect(await status(a, id)).toBe("active");
  });

  it("lets the requester accept (auto-accept) in the same account and region", async () => {
    const id = await request(a, VPC.a, VPC.a2, A);
    await a.send(new AcceptVpcPeeringConnectionCommand({ VpcPeeringConnectionId: id }));
    expect(await status(a, id)).toBe("active");
  });

  it("fails a peering between overlapping CIDRs, and not one between disjoint CIDRs", async () => {
    expect(await status(a, await request(a, VPC.a, VPC.overlap, B))).toBe("failed");
    expect(await status(a, await request(a, VPC.a, VPC.b, B))).toBe("pending-acceptance");
  });

  it("allows one peering per VPC pair", async () => {
    await request(a, VPC.a, VPC.b, B);
    expect(await errorCode(request(a, VPC.a, VPC.b, B))).toBe("VpcPeeringConnectionAlreadyExists");
    expect(await errorCode(request(b, VPC.b, VPC.a, A))).toBe("VpcPeeringConnectionAlreadyExists");
  });

  it("shows an inter-region peering in both regions, and only the accepter's region may accept it", async () => {
    const id = await request(a, VPC.a, VPC.c, C, "eu-west-1");
    expect(await status(a, id)).toBe("pending-acceptance");
    expect(await status(c, id)).toBe("pending-acceptance");
    expect(await errorCode(bInEu.send(new AcceptVpcPeeringConnectionCommand({ VpcPeeringConnectionId: id })))).toBe(
      "InvalidVpcPeeringConnectionID.NotFound",
    );
    await c.send(new AcceptVpcPeeringConnectionCommand({ VpcPeeringConnectionId: id }));
    expect(await status(a, id)).toBe("active");
  });

  it("lets the accepter delete an active peering but not a pending one", async () => {
    const pending = await request(a, VPC.a, VPC.b, B);
    expect(await errorCode(b.send(new DeleteVpcPeeringConnectionCommand({ VpcPeeringConnectionId: pending })))).toBe(
      "OperationNotPermitted",
    );
    await b.send(new AcceptVpcPeeringConnectionCommand({ VpcPeeringConnectionId: pending }));
    await b.send(new DeleteVpcPeeringConnectionCommand({ VpcPeeringConnectionId: pending }));
    expect(await status(a, pending)).toBe("deleted");
  });
});

describe("peering connection options", () => {
  it("are refused on a pending peering and allowed, per side, on an active one", async () => {
    const id = await request(a, VPC.a, VPC.b, B);
    const dns = { AllowDnsResolutionFromRemoteVpc: true };
    expect(
      await errorCode(
        a.send(
          new ModifyVpcPeeringConnectionOptionsCommand({
            VpcPeeringConnectionId: id,
            RequesterPeeringConnectionOptions: dns,
          }),
        ),
      ),
    ).toBe("InvalidStateTransition");
    await b.send(new AcceptVpcPeeringConnectionCommand({ VpcPeeringConnectionId: id }));
    await a.send(
      new ModifyVpcPeeringConnectionOptionsCommand({
        VpcPeeringConnectionId: id,
        RequesterPeeringConnectionOptions: dns,
      }),
    );
    expect(
      await errorCode(
        a.send(
          new ModifyVpcPeeringConnectionOptionsCommand({
            VpcPeeringConnectionId: id,
            AccepterPeeringConnectionOptions: dns,
          }),
        ),
      ),
    ).toBe("OperationNotPermitted");
    await b.send(
      new ModifyVpcPeeringConnectionOptionsCommand({
        VpcPeeringConnectionId: id,
        AccepterPeeringConnectionOptions: dns,
      }),
    );
    const seen = (await a.send(new DescribeVpcPeeringConnectionsCommand({ VpcPeeringConnectionIds: [id] })))
      .VpcPeeringConnections![0];
    expect(seen.RequesterVpcInfo?.PeeringOptions?.AllowDnsResolutionFromRemoteVpc).toBe(true);
    expect(seen.AccepterVpcInfo?.PeeringOptions?.AllowDnsResolutionFromRemoteVpc).toBe(true);
  });
});

describe("routes", () => {
  const routeTo = async () => {
    const tables = await a.send(new DescribeRouteTablesCommand({ RouteTableIds: [RTB.a] }));
    return tables.RouteTables![0].Routes!.find((r) => r.DestinationCidrBlock === "10.1.0.0/16");
  };

  it("to a pending peering are a blackhole, and active once it is accepted", async () => {
    const id = await request(a, VPC.a, VPC.b, B);
    await a.send(
      new CreateRouteCommand({ RouteTableId: RTB.a, DestinationCidrBlock: "10.1.0.0/16", VpcPeeringConnectionId: id }),
    );
    expect((await routeTo())?.State).toBe("blackhole");
    await b.send(new AcceptVpcPeeringConnectionCommand({ VpcPeeringConnectionId: id }));
    expect(await routeTo()).toMatchObject({ State: "active", VpcPeeringConnectionId: id, Origin: "CreateRoute" });
  });

  it("answer RouteAlreadyExists for a duplicate destination, and are replaced and deleted", async () => {
    const id = await request(a, VPC.a, VPC.b, B);
    const route = { RouteTableId: RTB.a, DestinationCidrBlock: "10.1.0.0/16", VpcPeeringConnectionId: id };
    await a.send(new CreateRouteCommand(route));
    expect(await errorCode(a.send(new CreateRouteCommand(route)))).toBe("RouteAlreadyExists");
    await a.send(new ReplaceRouteCommand(route));
    await a.send(new DeleteRouteCommand({ RouteTableId: RTB.a, DestinationCidrBlock: "10.1.0.0/16" }));
    expect(await routeTo()).toBeUndefined();
    expect(
      await errorCode(a.send(new DeleteRouteCommand({ RouteTableId: RTB.a, DestinationCidrBlock: "10.1.0.0/16" }))),
    ).toBe("InvalidRoute.NotFound");
  });

  it("are filtered the way the provider asks", async () => {
    const out = await a.send(new DescribeRouteTablesCommand({ Filters: [{ Name: "vpc-id", Values: [VPC.a] }] }));
    expect(out.RouteTables?.map((t) => t.RouteTableId).sort()).toEqual([RTB.a, RTB.a2].sort());
    await expect(
      a.send(new DescribeRouteTablesCommand({ Filters: [{ Name: "made-up", Values: ["x"] }] })),
    ).rejects.toThrow('filter "made-up" is not implemented');
  });
});

describe("security group rules", () => {
  const https = (source: object) => ({ IpProtocol: "tcp", FromPort: 443, ToPort: 443, ...source });

  it("answer sgr- ids, refuse duplicates, and are described, modified and revoked", async () => {
    const out = await a.send(
      new AuthorizeSecurityGroupIngressCommand({
        GroupId: SG.a,
        IpPermissions: [https({ IpRanges: [{ CidrIp: "10.1.0.0/16", Description: "from b" }] })],
        TagSpecifications: [{ ResourceType: "security-group-rule", Tags: [{ Key: "Name", Value: "r" }] }],
      }),
    );
    const id = out.SecurityGroupRules![0].SecurityGroupRuleId!;
    expect(id).toMatch(/^sgr-[0-9a-f]{17}$/);
    expect(
      await errorCode(
        a.send(
          new AuthorizeSecurityGroupIngressCommand({
            GroupId: SG.a,
            IpPermissions: [https({ IpRanges: [{ CidrIp: "10.1.0.0/16" }] })],
          }),
        ),
      ),
    ).toBe("InvalidPermission.Duplicate");
    await a.send(
      new ModifySecurityGroupRulesCommand({
        GroupId: SG.a,
        SecurityGroupRules: [
          {
            SecurityGroupRuleId: id,
            SecurityGroupRule: {
              IpProtocol: "tcp",
              FromPort: 8443,
              ToPort: 8443,
              CidrIpv4: "10.1.0.0/16",
              Description: "d",
            },
          },
        ],
      }),
    );
    const rule = (await a.send(new DescribeSecurityGroupRulesCommand({ SecurityGroupRuleIds: [id] })))
      .SecurityGroupRules![0];
    expect(rule).toMatchObject({
      FromPort: 8443,
      CidrIpv4: "10.1.0.0/16",
      Description: "d",
      IsEgress: false,
      Tags: [{ Key: "Name", Value: "r" }],
    });
    await a.send(new RevokeSecurityGroupIngressCommand({ GroupId: SG.a, SecurityGroupRuleIds: [id] }));
    expect(await errorCode(a.send(new DescribeSecurityGroupRulesCommand({ SecurityGroupRuleIds: [id] })))).toBe(
      "InvalidSecurityGroupRuleId.NotFound",
    );
  });

  it("reference a security group across accounts only over an active peering in the same region", async () => {
    const ref = https({ UserIdGroupPairs: [{ UserId: B, GroupId: SG.b }] });
    expect(
      await errorCode(a.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: SG.a, IpPermissions: [ref] }))),
    ).toBe("InvalidGroup.NotFound");
    const id = await request(a, VPC.a, VPC.b, B);
    expect(
      await errorCode(a.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: SG.a, IpPermissions: [ref] }))),
    ).toBe("InvalidGroup.NotFound");
    await b.send(new AcceptVpcPeeringConnectionCommand({ VpcPeeringConnectionId: id }));
    const out = await a.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: SG.a, IpPermissions: [ref] }));
    expect(out.SecurityGroupRules![0].ReferencedGroupInfo).toMatchObject({ GroupId: SG.b, UserId: B });
    // Across regions, never: C is in eu-west-1.
    const cross = await request(a, VPC.a, VPC.c, C, "eu-west-1");
    await c.send(new AcceptVpcPeeringConnectionCommand({ VpcPeeringConnectionId: cross }));
    expect(
      await errorCode(
        a.send(
          new AuthorizeSecurityGroupIngressCommand({
            GroupId: SG.a,
            IpPermissions: [https({ UserIdGroupPairs: [{ UserId: C, GroupId: SG.c }] })],
          }),
        ),
      ),
    ).toBe("InvalidGroup.NotFound");
  });

  it("stop at the quota of inbound rules per group (60)", async () => {
    const rule = (i: number) => https({ FromPort: 1000 + i, ToPort: 1000 + i, IpRanges: [{ CidrIp: "10.1.0.0/16" }] });
    await a.send(
      new AuthorizeSecurityGroupIngressCommand({
        GroupId: SG.a,
        IpPermissions: Array.from({ length: 60 }, (_, i) => rule(i)),
      }),
    );
    expect(
      await errorCode(a.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: SG.a, IpPermissions: [rule(60)] }))),
    ).toBe("RulesPerSecurityGroupLimitExceeded");
  });
});

describe("tags", () => {
  it("are set by tag specifications and CreateTags, per account on a peering, filtered by tag:, and deleted", async () => {
    const out = await a.send(
      new CreateVpcPeeringConnectionCommand({
        VpcId: VPC.a,
        PeerVpcId: VPC.b,
        PeerOwnerId: B,
        TagSpecifications: [{ ResourceType: "vpc-peering-connection", Tags: [{ Key: "Name", Value: "a-b" }] }],
      }),
    );
    const id = out.VpcPeeringConnection!.VpcPeeringConnectionId!;
    await b.send(new CreateTagsCommand({ Resources: [id], Tags: [{ Key: "Side", Value: "Accepter" }] }));
    const seenByA = await a.send(
      new DescribeVpcPeeringConnectionsCommand({ Filters: [{ Name: "tag:Name", Values: ["a-b"] }] }),
    );
    expect(seenByA.VpcPeeringConnections?.map((p) => p.Tags)).toEqual([[{ Key: "Name", Value: "a-b" }]]);
    const seenByB = await b.send(new DescribeVpcPeeringConnectionsCommand({ VpcPeeringConnectionIds: [id] }));
    expect(seenByB.VpcPeeringConnections![0].Tags).toEqual([{ Key: "Side", Value: "Accepter" }]);
    await a.send(new DeleteTagsCommand({ Resources: [id], Tags: [{ Key: "Name" }] }));
    expect(
      (await a.send(new DescribeVpcPeeringConnectionsCommand({ Filters: [{ Name: "tag:Name", Values: ["a-b"] }] })))
        .VpcPeeringConnections,
    ).toEqual([]);
  });
});

describe("the world", () => {
  it("dumps as JSON without the credentials", async () => {
    await request(a, VPC.a, VPC.b, B);
    const dump = JSON.parse(dumpWorld(aws.world)) as Record<string, unknown>;
    expect(Object.keys(dump)).not.toContain("sessions");
    expect((dump.peerings as unknown[]).length).toBe(1);
  });
});
