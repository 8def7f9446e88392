import { randomBytes } from "node:crypto";
import type { Handler } from "./ec2-context";
import { trustAdmits } from "./policy";
import { str } from "./query";
import type { Session, World } from "./world";
import { AwsError } from "./xml";

/**
 * STS: AssumeRole and GetCallerIdentity.
 * https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html
 * The role must exist and its trust policy must admit the caller, with the
 * sts:ExternalId it names: https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-user_externalid.html
 * The credentials returned stand for that (account, role).
 */

/** Registers a base credential (not limited by any policy) for a principal such as iam.deployerRoleArn. */
export function addBaseCredential(world: World, accessKeyId: string, principalArn: string, client?: string): Session {
  const account = principalArn.split(":")[4];
  const session: Session = { account, principalArn, callerArn: principalArn, unrestricted: true, client };
  world.sessions[accessKeyId] = session;
  return session;
}

/** https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html */
export const assumeRole: Handler = (ctx) => {
  const roleArn = str(ctx.params, "RoleArn") ?? "";
  const sessionName = str(ctx.params, "RoleSessionName") ?? "session";
  const externalId = str(ctx.params, "ExternalId");
  const role = ctx.world.roles.find((r) => r.arn === roleArn);
  const denied = () =>
    new AwsError(
      "AccessDenied",
      `User: ${ctx.session.callerArn} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`,
      403,
    );
  ctx.authorize("sts:AssumeRole", [{ arn: roleArn, context: {} }]);
  if (!role) throw denied();
  const context = {
    "sts:ExternalId": externalId === undefined ? [] : [externalId],
    "aws:PrincipalArn": [ctx.session.principalArn],
  };
  if (!trustAdmits(role.trust, ctx.session.principalArn, "sts:AssumeRole", context)) throw denied();
  const accessKeyId = `ASIA${randomBytes(8).toString("hex").toUpperCase()}`;
  ctx.world.sessions[accessKeyId] = {
    account: role.account,
    principalArn: role.arn,
    callerArn: `arn:aws:sts::${role.account}:assumed-role/${role.name}/${sessionName}`,
    unrestricted: false,
    client: ctx.session.client,
  };
  return {
    Credentials: {
      AccessKeyId: accessKeyId,
      SecretAccessKey: randomBytes(20).toString("hex"),
      SessionToken: randomBytes(32).toString("hex"),
      Expiration: new Date(Date.now() + 3600_000).toISOString(),
    },
    AssumedRoleUser: {
      Arn: `arn:aws:sts::${role.account}:assumed-role/${role.name}/${sessionName}`,
      AssumedRoleId: `${role.roleId}:${sessionName}`,
    },
  };
};

/** https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html (needs no permission). */
export const getCallerIdentity: Handler = (ctx) => ({
  UserId: ctx.session.callerArn,
  Account: ctx.account,
  Arn: ctx.session.callerArn,
});

/** The STS actions answered. */
export const STS_ACTIONS: Readonly<Record<string, Handler>> = {
  AssumeRole: assumeRole,
  GetCallerIdentity: getCallerIdentity,
};
