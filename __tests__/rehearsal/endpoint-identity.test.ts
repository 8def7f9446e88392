import {
  CreateRouteCommand,
  CreateVpcPeeringConnectionCommand,
  DescribeInstancesCommand,
  DescribeVpcsCommand,
} from "@aws-sdk/client-ec2";
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { putRole } from "../../rehearsal/iam";
import { type LocalAws, startLocalAws } from "../../rehearsal/server";
import { A, B, baseSts, C, ec2As, errorCode, fixtureWorld, RTB, trustFor, VPC } from "./world-fixture";

/** The local AWS's identity and authorization, through the AWS SDK for JavaScript v3. */
let aws: LocalAws;

beforeAll(async () => {
  const world = fixtureWorld();
  // A role shaped like the generated ones: routes in one table, peerings to one accepter.
  const limited = putRole(world, A, "limited", trustFor("ext-limited"));
  limited.inlinePolicies.p = {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "Routes",
        Effect: "Allow",
        Action: ["ec2:CreateRoute"],
        Resource: [`arn:aws:ec2:us-east-1:${A}:route-table/${RTB.a}`],
      },
      {
        Sid: "FromOwnVpc",
        Effect: "Allow",
        Action: "ec2:CreateVpcPeeringConnection",
        Resource: `arn:aws:ec2:us-east-1:${A}:vpc/${VPC.a}`,
      },
      {
        Sid: "ToAccepter",
        Effect: "Allow",
        Action: "ec2:CreateVpcPeeringConnection",
        Resource: `arn:aws:ec2:us-east-1:${A}:vpc-peering-connection/*`,
        Condition: { ArnEquals: { "ec2:AccepterVpc": `arn:aws:ec2:us-east-1:${B}:vpc/${VPC.b}` } },
      },
      { Sid: "Read", Effect: "Allow", Action: "ec2:Describe*", Resource: "*" },
      {
        Sid: "NoOverlap",
        Effect: "Deny",
        Action: "ec2:CreateVpcPeeringConnection",
        Resource: "*",
        Condition: { ArnLike: { "ec2:AccepterVpc": `arn:aws:ec2:*:*:vpc/${VPC.overlap}` } },
      },
    ],
  };
  aws = await startLocalAws(world);
});

afterAll(() => aws.close());

describe("sts:AssumeRole", () => {
  it("succeeds with the external id the trust policy names, and the credentials stand for the role's account", async () => {
    const out = await baseSts(aws).send(
      new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${B}:role/admin`, RoleSessionName: "s", ExternalId: `ext-${B}` }),
    );
    const sts = new STSClient({
      region: "us-east-1",
      endpoint: aws.url,
      maxAttempts: 1,
      credentials: {
        accessKeyId: out.Credentials!.AccessKeyId!,
        secretAccessKey: out.Credentials!.SecretAccessKey!,
        sessionToken: out.Credentials!.SessionToken,
      },
    });
    const me = await sts.send(new GetCallerIdentityCommand({}));
    expect(me.Account).toBe(B);
    expect(me.Arn).toBe(`arn:aws:sts::${B}:assumed-role/admin/s`);
  });

  it("is refused with a wrong external id", async () => {
    expect(
      await errorCode(
        baseSts(aws).send(
          new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${B}:role/admin`, RoleSessionName: "s", ExternalId: "wrong" }),
        ),
      ),
    ).toBe("AccessDenied");
  });

  it("is refused for a role that does not exist", async () => {
    expect(
      await errorCode(
        baseSts(aws).send(
          new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${C}:role/nobody`, RoleSessionName: "s", ExternalId: "x" }),
        ),
      ),
    ).toBe("AccessDenied");
  });

  it("is refused when the trust policy names another principal", async () => {
    const world = aws.world;
    putRole(world, C, "other", {
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${C}:role/someone` }, Action: "sts:AssumeRole" }],
    });
    expect(
      await errorCode(
        baseSts(aws).send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${C}:role/other`, RoleSessionName: "s" })),
      ),
    ).toBe("AccessDenied");
  });
});

describe("authorization of EC2 calls against the assumed role's policy", () => {
  it("allows an action on a resource ARN the policy lists, and refuses another resource with UnauthorizedOperation naming both", async () => {
    const ec2 = await ec2As(aws, A, "us-east-1", "limited", "ext-limited");
    // The route's target does not exist: authorization passed, the call then fails on semantics.
    expect(
      await errorCode(
        ec2.send(
          new CreateRouteCommand({
            RouteTableId: RTB.a,
            DestinationCidrBlock: "10.9.0.0/16",
            VpcPeeringConnectionId: "pcx-00000000000000000",
          }),
        ),
      ),
    ).toBe("InvalidVpcPeeringConnectionID.NotFound");
    const refused = ec2.send(
      new CreateRouteCommand({
        RouteTableId: RTB.a2,
        DestinationCidrBlock: "10.9.0.0/16",
        VpcPeeringConnectionId: "pcx-00000000000000000",
      }),
    );
    await expect(refused).rejects.toThrow(
      `ec2:CreateRoute on resource: arn:aws:ec2:us-east-1:${A}:route-table/${RTB.a2}`,
    );
    const denial = aws.world.calls.filter((c) => c.decision === "deny").at(-1)!;
    expect(denial).toMatchObject({
      account: A,
      region: "us-east-1",
      role: `arn:aws:iam::${A}:role/limited`,
      action: "ec2:CreateRoute",
    });
  });

  it("evaluates ArnEquals on ec2:AccepterVpc: the configured accepter is allowed, another is refused", async () => {
    const ec2 = await ec2As(aws, A, "us-east-1", "limited", "ext-limited");
    const ok = await ec2.send(
      new CreateVpcPeeringConnectionCommand({ VpcId: VPC.a, PeerVpcId: VPC.b, PeerOwnerId: B }),
    );
    expect(ok.VpcPeeringConnection?.Status?.Code).toBe("pending-acceptance");
    expect(
      await errorCode(
        ec2.send(
          new CreateVpcPeeringConnectionCommand({
            VpcId: VPC.a,
            PeerVpcId: VPC.c,
            PeerOwnerId: C,
            PeerRegion: "eu-west-1",
          }),
        ),
      ),
    ).toBe("UnauthorizedOperation");
  });

  it("lets an explicit Deny (ArnLike) win over an Allow", async () => {
    const ec2 = await ec2As(aws, A, "us-east-1", "limited", "ext-limited");
    await expect(
      ec2.send(new CreateVpcPeeringConnectionCommand({ VpcId: VPC.a, PeerVpcId: VPC.overlap, PeerOwnerId: B })),
    ).rejects.toThrow("explicit deny (NoOverlap)");
  });

  it("matches action wildcards: ec2:Describe* allows DescribeVpcs", async () => {
    const ec2 = await ec2As(aws, A, "us-east-1", "limited", "ext-limited");
    const out = await ec2.send(new DescribeVpcsCommand({ VpcIds: [VPC.a] }));
    expect(out.Vpcs?.map((v) => v.CidrBlock)).toEqual(["10.0.0.0/16"]);
  });

  it("records every call with account, region, role, action, resource and decision", () => {
    const allowed = aws.world.calls.find(
      (c) => c.action === "ec2:CreateVpcPeeringConnection" && c.decision === "allow",
    )!;
    expect(allowed.resource).toContain(`arn:aws:ec2:us-east-1:${A}:vpc/${VPC.a}`);
    expect(allowed.role).toBe(`arn:aws:iam::${A}:role/limited`);
  });
});

describe("actions the local AWS does not implement", () => {
  it("answer an error that names the action", async () => {
    const ec2 = await ec2As(aws, A, "us-east-1");
    await expect(ec2.send(new DescribeInstancesCommand({}))).rejects.toThrow(
      "ec2:DescribeInstances is not implemented",
    );
  });

  it("while implemented ones answer", async () => {
    const ec2 = await ec2As(aws, B, "us-east-1");
    expect((await ec2.send(new DescribeVpcsCommand({}))).Vpcs?.map((v) => v.VpcId).sort()).toEqual(
      [VPC.b, VPC.overlap].sort(),
    );
  });
});
