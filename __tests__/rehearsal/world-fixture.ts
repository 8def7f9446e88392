import { EC2Client } from "@aws-sdk/client-ec2";
import { STSClient } from "@aws-sdk/client-sts";
import { putRole } from "../../rehearsal/iam";
import type { Policy } from "../../rehearsal/policy";
import type { LocalAws } from "../../rehearsal/server";
import { addBaseCredential } from "../../rehearsal/sts";
import { emptyWorld, type World } from "../../rehearsal/world";

/**
 * A small world for the endpoint tests, written by hand (not from a config):
 * account A (111111111111) and B (222222222222) in us-east-1, C
 * (333333333333) in eu-west-1; B also owns a VPC whose CIDR overlaps A's.
 */
export const A = "111111111111";
export const B = "222222222222";
export const C = "333333333333";
export const VPC = {
  a: "vpc-0000000000000000a",
  b: "vpc-0000000000000000b",
  c: "vpc-0000000000000000c",
  overlap: "vpc-000000000000000ff",
  a2: "vpc-000000000000000a2",
};
export const RTB = { a: "rtb-0000000000000000a", a2: "rtb-000000000000000a2", b: "rtb-0000000000000000b" };
export const SG = { a: "sg-0000000000000000a", b: "sg-0000000000000000b", c: "sg-0000000000000000c" };
export const BASE_KEY = "AKIATESTBASE";

/** Everything allowed: the role the semantic tests act through, per account. */
export const ADMIN_POLICY: Policy = {
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Action: "ec2:*", Resource: "*" }],
};

/** The world, with roles `admin` (ec2:*) in every account trusting the base principal. */
export function fixtureWorld(): World {
  const world = emptyWorld();
  addBaseCredential(world, BASE_KEY, `arn:aws:iam::${A}:role/deployer`);
  const vpc = (id: string, account: string, region: string, cidr: string) =>
    world.vpcs.push({ id, account, region, cidrBlocks: [cidr], ipv6CidrBlocks: [], tags: {} });
  vpc(VPC.a, A, "us-east-1", "10.0.0.0/16");
  vpc(VPC.a2, A, "us-east-1", "10.5.0.0/16");
  vpc(VPC.b, B, "us-east-1", "10.1.0.0/16");
  vpc(VPC.c, C, "eu-west-1", "10.2.0.0/16");
  vpc(VPC.overlap, B, "us-east-1", "10.0.128.0/20");
  const rtb = (id: string, account: string, vpcId: string, cidr: string) =>
    world.routeTables.push({
      id,
      account,
      region: "us-east-1",
      vpcId,
      main: false,
      routes: [{ destinationCidrBlock: cidr, gatewayId: "local", origin: "CreateRouteTable" }],
      tags: {},
    });
  rtb(RTB.a, A, VPC.a, "10.0.0.0/16");
  rtb(RTB.a2, A, VPC.a, "10.0.0.0/16");
  rtb(RTB.b, B, VPC.b, "10.1.0.0/16");
  world.securityGroups.push(
    { id: SG.a, account: A, region: "us-east-1", vpcId: VPC.a, name: "a", tags: {} },
    { id: SG.b, account: B, region: "us-east-1", vpcId: VPC.b, name: "b", tags: {} },
    { id: SG.c, account: C, region: "eu-west-1", vpcId: VPC.c, name: "c", tags: {} },
  );
  for (const account of [A, B, C]) {
    const role = putRole(world, account, "admin", trustFor(`ext-${account}`));
    role.inlinePolicies.admin = ADMIN_POLICY;
  }
  return world;
}

/** A trust policy admitting the base principal with an external id. */
export function trustFor(externalId: string): Policy {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Principal: { AWS: `arn:aws:iam::${A}:role/deployer` },
        Action: "sts:AssumeRole",
        Condition: { StringEquals: { "sts:ExternalId": externalId } },
      },
    ],
  };
}

/** An STS client with the base credential. */
export function baseSts(aws: LocalAws, region = "us-east-1"): STSClient {
  return new STSClient({
    region,
    endpoint: aws.url,
    maxAttempts: 1,
    credentials: { accessKeyId: BASE_KEY, secretAccessKey: "x" },
  });
}

/** An EC2 client acting through `role` in `account` (assumed with its external id). */
export async function ec2As(
  aws: LocalAws,
  account: string,
  region: string,
  role = "admin",
  externalId = `ext-${account}`,
): Promise<EC2Client> {
  const { AssumeRoleCommand } = await import("@aws-sdk/client-sts");
  const out = await baseSts(aws).send(
    new AssumeRoleCommand({
      RoleArn: `arn:aws:iam::${account}:role/${role}`,
      RoleSessionName: "test",
      ExternalId: externalId,
    }),
  );
  const c = out.Credentials!;
  return new EC2Client({
    region,
    endpoint: aws.url,
    maxAttempts: 1,
    credentials: { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken },
  });
}

/** The AWS error code a promise rejects with. */
export async function errorCode(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    return (e as { name: string }).name;
  }
  throw new Error("expected the call to fail");
}
