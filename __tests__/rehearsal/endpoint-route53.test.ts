import { putRole } from "../../rehearsal/iam";
import { handle } from "../../rehearsal/server";
import type { World } from "../../rehearsal/world";
import { A, B, fixtureWorld, VPC } from "./world-fixture";

/**
 * The local Route 53 (rehearsal/route53.ts), called as the AWS provider calls it: REST paths, XML
 * bodies, a SigV4 scope naming route53. A owns zone Z0AZONE (created with A's VPC); B owns VPC b.
 */
const ZONE = "Z0AZONE000000000001";
const NS = "https://route53.amazonaws.com/doc/2013-04-01/";
const KEY = { a: "AKIAR53A", b: "AKIAR53B", limited: "AKIAR53LIMITED" };

function world(): World {
  const w = fixtureWorld();
  const created = { vpcId: VPC.a, region: "us-east-1" };
  w.hostedZones.push({
    id: ZONE,
    account: A,
    name: "a.internal",
    createdWith: created,
    vpcs: [created],
    authorizations: [],
  });
  const session = (account: string, principalArn: string, unrestricted: boolean) => ({
    account,
    principalArn,
    callerArn: principalArn,
    unrestricted,
  });
  w.sessions[KEY.a] = session(A, `arn:aws:iam::${A}:role/admin`, true);
  w.sessions[KEY.b] = session(B, `arn:aws:iam::${B}:role/admin`, true);
  const limited = putRole(w, B, "limited", { Version: "2012-10-17", Statement: [] });
  limited.inlinePolicies.p = {
    Version: "2012-10-17",
    Statement: [
      { Sid: "Read", Effect: "Allow", Action: ["ec2:DescribeVpcs"], Resource: "*" },
      {
        Sid: "OtherZone",
        Effect: "Allow",
        Action: "route53:AssociateVPCWithHostedZone",
        Resource: "arn:aws:route53:::hostedzone/Z0OTHER0000000001",
      },
    ],
  };
  w.sessions[KEY.limited] = session(B, limited.arn, false);
  return w;
}

const call = (w: World, key: string, method: string, url: string, body = "") =>
  handle(w, `AWS4-HMAC-SHA256 Credential=${key}/20260101/us-east-1/route53/aws4_request`, body, { method, url });

const vpcBody = (root: string, vpcId: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><${root} xmlns="${NS}"><VPC><VPCId>${vpcId}</VPCId><VPCRegion>us-east-1</VPCRegion></VPC></${root}>`;
const associate = (w: World, key: string) =>
  call(
    w,
    key,
    "POST",
    `/2013-04-01/hostedzone/${ZONE}/associatevpc`,
    vpcBody("AssociateVPCWithHostedZoneRequest", VPC.b),
  );
const authorize = (w: World, key: string) =>
  call(
    w,
    key,
    "POST",
    `/2013-04-01/hostedzone/${ZONE}/authorizevpcassociation`,
    vpcBody("CreateVPCAssociationAuthorizationRequest", VPC.b),
  );
const code = (xml: string) => /<Code>([^<]+)<\/Code>/.exec(xml)?.[1];

describe("GIVEN a zone of account A and a VPC of account B", () => {
  it("WHEN B associates its VPC without A's authorization THEN Route 53 answers NotAuthorizedException (401) and nothing changes", () => {
    const w = world();
    const answer = associate(w, KEY.b);
    expect([answer.status, code(answer.xml)]).toEqual([401, "NotAuthorizedException"]);
    expect(w.hostedZones[0].vpcs).toEqual([{ vpcId: VPC.a, region: "us-east-1" }]);
  });

  it("WHEN B tries to authorize itself on A's zone THEN it is refused: only the zone's account authorizes", () => {
    const w = world();
    expect(code(authorize(w, KEY.b).xml)).toBe("NotAuthorizedException");
    expect(w.hostedZones[0].authorizations).toEqual([]);
  });

  it("WHEN A authorizes and B associates THEN the VPC resolves the zone, the change is INSYNC, and ListHostedZonesByVPC names A as owner", () => {
    const w = world();
    expect(authorize(w, KEY.a).status).toBe(200);
    const listed = call(w, KEY.a, "GET", `/2013-04-01/hostedzone/${ZONE}/authorizevpcassociation`);
    expect(listed.xml).toContain(`<VPCId>${VPC.b}</VPCId>`);
    const associated = associate(w, KEY.b);
    expect(associated.status).toBe(200);
    const changeId = /<Id>\/change\/([^<]+)<\/Id>/.exec(associated.xml)?.[1];
    expect(call(w, KEY.b, "GET", `/2013-04-01/change/${changeId}`).xml).toContain("<Status>INSYNC</Status>");
    const byVpc = call(w, KEY.b, "GET", `/2013-04-01/hostedzonesbyvpc?vpcid=${VPC.b}&vpcregion=us-east-1`);
    expect(byVpc.xml).toContain(`<HostedZoneId>${ZONE}</HostedZoneId>`);
    expect(byVpc.xml).toContain(`<OwningAccount>${A}</OwningAccount>`);
  });

  it("WHEN the VPC is associated again, or with a second zone of the same name THEN Route 53 answers ConflictingDomainExists", () => {
    const w = world();
    authorize(w, KEY.a);
    associate(w, KEY.b);
    expect(code(associate(w, KEY.b).xml)).toBe("ConflictingDomainExists");
    const second = { vpcId: VPC.a2, region: "us-east-1" };
    w.hostedZones.push({
      id: "Z0SECOND00000000001",
      account: A,
      name: "a.internal",
      createdWith: second,
      vpcs: [second],
      authorizations: [{ vpcId: VPC.b, region: "us-east-1" }],
    });
    const again = call(
      w,
      KEY.b,
      "POST",
      "/2013-04-01/hostedzone/Z0SECOND00000000001/associatevpc",
      vpcBody("AssociateVPCWithHostedZoneRequest", VPC.b),
    );
    expect(code(again.xml)).toBe("ConflictingDomainExists");
    expect(again.xml).toContain(`already associated with hosted zone ${ZONE}, which has the same name a.internal`);
  });

  it("WHEN the last VPC of the zone is disassociated THEN it is refused (LastVPCAssociation); a missing authorization to delete is VPCAssociationAuthorizationNotFound", () => {
    const w = world();
    const last = call(
      w,
      KEY.a,
      "POST",
      `/2013-04-01/hostedzone/${ZONE}/disassociatevpc`,
      vpcBody("DisassociateVPCFromHostedZoneRequest", VPC.a),
    );
    expect(code(last.xml)).toBe("LastVPCAssociation");
    const deauthorize = call(
      w,
      KEY.a,
      "POST",
      `/2013-04-01/hostedzone/${ZONE}/deauthorizevpcassociation`,
      vpcBody("DeleteVPCAssociationAuthorizationRequest", VPC.b),
    );
    expect([deauthorize.status, code(deauthorize.xml)]).toEqual([404, "VPCAssociationAuthorizationNotFound"]);
  });

  it("WHEN a role's policy grants the association on another zone only THEN the call is denied with AccessDenied naming the zone ARN", () => {
    const w = world();
    authorize(w, KEY.a);
    const denied = associate(w, KEY.limited);
    expect([denied.status, code(denied.xml)]).toEqual([403, "AccessDenied"]);
    expect(denied.xml).toContain(
      `route53:AssociateVPCWithHostedZone on resource: arn:aws:route53:::hostedzone/${ZONE}`,
    );
    expect(w.calls.filter((c) => c.decision === "deny").map((c) => c.action)).toEqual([
      "route53:AssociateVPCWithHostedZone",
    ]);
  });

  it("WHEN a request cannot be read (a bad percent-escape in the path) THEN Route 53 answers InvalidInput (400, not retried) and nothing changes", () => {
    const w = world();
    const before = JSON.stringify(w.hostedZones);
    const answer = call(
      w,
      KEY.a,
      "POST",
      "/2013-04-01/hostedzone/%zz/associatevpc",
      vpcBody("AssociateVPCWithHostedZoneRequest", VPC.b),
    );
    expect(answer.status).toBe(400);
    expect(code(answer.xml)).toBe("InvalidInput");
    expect(answer.xml).toContain("cannot read the request");
    expect(JSON.stringify(w.hostedZones)).toBe(before);
  });

  it("WHEN the provider calls a Route 53 path that is not modelled THEN the answer names it (a provider upgrade fails loudly)", () => {
    const answer = call(world(), KEY.a, "GET", `/2013-04-01/hostedzone/${ZONE}`);
    expect(code(answer.xml)).toBe("InvalidAction");
    expect(answer.xml).toContain(`route53:GET /2013-04-01/hostedzone/${ZONE} is not implemented`);
  });
});
