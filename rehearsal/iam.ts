import { randomBytes } from "node:crypto";
import type { CallContext, Handler } from "./ec2-context";
import type { Policy } from "./policy";
import { str, strings, tagsOf } from "./query";
import type { RoleState, World } from "./world";
import { AwsError, members } from "./xml";

/**
 * IAM roles and their inline policies, what the bootstrap stacks and the
 * AWS provider's aws_iam_role / aws_iam_role_policy call.
 * https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html
 * Policy documents travel URL-encoded in responses:
 * https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetRolePolicy.html
 * Authorization (resource role: arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}):
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsidentityandaccessmanagementiam.html
 */

/** Adds a role to the world (seeding, or CreateRole). */
export function putRole(world: World, account: string, name: string, trust: Policy, path = "/"): RoleState {
  const role: RoleState = {
    account,
    name,
    path,
    arn: `arn:aws:iam::${account}:role${path}${name}`,
    roleId: `AROA${randomBytes(8).toString("hex").toUpperCase()}`,
    createDate: new Date().toISOString(),
    trust,
    description: "",
    maxSessionDuration: 3600,
    tags: {},
    inlinePolicies: {},
  };
  world.roles = world.roles.filter((r) => r.arn !== role.arn);
  world.roles.push(role);
  return role;
}

function roleOf(ctx: CallContext, action: string): RoleState {
  const name = str(ctx.params, "RoleName");
  const role = ctx.world.roles.find((r) => r.account === ctx.account && r.name === name);
  ctx.authorize(`iam:${action}`, [{ arn: role?.arn ?? `arn:aws:iam::${ctx.account}:role/${name}`, context: {} }]);
  if (!role) throw new AwsError("NoSuchEntity", `The role with name ${name} cannot be found.`, 404);
  return role;
}

function parsePolicy(text: string | undefined, what: string): Policy {
  try {
    return JSON.parse(text ?? "") as Policy;
  } catch {
    throw new AwsError("MalformedPolicyDocument", `${what} is not valid JSON`);
  }
}

function roleXml(r: RoleState): Record<string, unknown> {
  return {
    Path: r.path,
    RoleName: r.name,
    RoleId: r.roleId,
    Arn: r.arn,
    CreateDate: r.createDate,
    AssumeRolePolicyDocument: encodeURIComponent(JSON.stringify(r.trust)),
    Description: r.description,
    MaxSessionDuration: r.maxSessionDuration,
    ...(r.permissionsBoundary
      ? { PermissionsBoundary: { PermissionsBoundaryType: "Policy", PermissionsBoundaryArn: r.permissionsBoundary } }
      : {}),
    Tags: members(Object.entries(r.tags).map(([Key, Value]) => ({ Key, Value }))),
    RoleLastUsed: "",
  };
}

const createRole: Handler = (ctx) => {
  const name = str(ctx.params, "RoleName") ?? "";
  const path = str(ctx.params, "Path") ?? "/";
  ctx.authorize("iam:CreateRole", [{ arn: `arn:aws:iam::${ctx.account}:role${path}${name}`, context: {} }]);
  if (ctx.world.roles.some((r) => r.account === ctx.account && r.name === name))
    throw new AwsError("EntityAlreadyExists", `Role with name ${name} already exists.`, 409);
  const role = putRole(
    ctx.world,
    ctx.account,
    name,
    parsePolicy(str(ctx.params, "AssumeRolePolicyDocument"), "AssumeRolePolicyDocument"),
    path,
  );
  role.description = str(ctx.params, "Description") ?? "";
  role.maxSessionDuration = Number(str(ctx.params, "MaxSessionDuration") ?? 3600);
  role.permissionsBoundary = str(ctx.params, "PermissionsBoundary");
  role.tags = tagsOf(ctx.params, "Tags");
  return { Role: roleXml(role) };
};

const getRole: Handler = (ctx) => ({ Role: roleXml(roleOf(ctx, "GetRole")) });

const deleteRole: Handler = (ctx) => {
  const role = roleOf(ctx, "DeleteRole");
  if (Object.keys(role.inlinePolicies).length > 0)
    throw new AwsError("DeleteConflict", "Cannot delete entity, must delete policies first.", 409);
  ctx.world.roles = ctx.world.roles.filter((r) => r !== role);
  for (const [key, s] of Object.entries(ctx.world.sessions))
    if (s.principalArn === role.arn) delete ctx.world.sessions[key];
  return {};
};

const updateRole: Handler = (ctx) => {
  const role = roleOf(ctx, "UpdateRole");
  const description = str(ctx.params, "Description");
  if (description !== undefined) role.description = description;
  const max = str(ctx.params, "MaxSessionDuration");
  if (max !== undefined) role.maxSessionDuration = Number(max);
  return {};
};

const updateRoleDescription: Handler = (ctx) => {
  const role = roleOf(ctx, "UpdateRoleDescription");
  role.description = str(ctx.params, "Description") ?? "";
  return { Role: roleXml(role) };
};

const updateAssumeRolePolicy: Handler = (ctx) => {
  const role = roleOf(ctx, "UpdateAssumeRolePolicy");
  role.trust = parsePolicy(str(ctx.params, "PolicyDocument"), "PolicyDocument");
  return {};
};

const tagRole: Handler = (ctx) => {
  Object.assign(roleOf(ctx, "TagRole").tags, tagsOf(ctx.params, "Tags"));
  return {};
};

const untagRole: Handler = (ctx) => {
  const role = roleOf(ctx, "UntagRole");
  for (const key of strings(ctx.params, "TagKeys")) delete role.tags[key];
  return {};
};

const listRoleTags: Handler = (ctx) => ({
  Tags: members(Object.entries(roleOf(ctx, "ListRoleTags").tags).map(([Key, Value]) => ({ Key, Value }))),
  IsTruncated: false,
});

const putRolePolicy: Handler = (ctx) => {
  const role = roleOf(ctx, "PutRolePolicy");
  role.inlinePolicies[str(ctx.params, "PolicyName") ?? ""] = parsePolicy(
    str(ctx.params, "PolicyDocument"),
    "PolicyDocument",
  );
  return {};
};

const getRolePolicy: Handler = (ctx) => {
  const role = roleOf(ctx, "GetRolePolicy");
  const name = str(ctx.params, "PolicyName") ?? "";
  const policy = role.inlinePolicies[name];
  if (!policy) throw new AwsError("NoSuchEntity", `The role policy with name ${name} cannot be found.`, 404);
  return { RoleName: role.name, PolicyName: name, PolicyDocument: encodeURIComponent(JSON.stringify(policy)) };
};

const deleteRolePolicy: Handler = (ctx) => {
  const role = roleOf(ctx, "DeleteRolePolicy");
  const name = str(ctx.params, "PolicyName") ?? "";
  if (!role.inlinePolicies[name])
    throw new AwsError("NoSuchEntity", `The role policy with name ${name} cannot be found.`, 404);
  delete role.inlinePolicies[name];
  return {};
};

const listRolePolicies: Handler = (ctx) => ({
  PolicyNames: members(Object.keys(roleOf(ctx, "ListRolePolicies").inlinePolicies).sort()),
  IsTruncated: false,
});
const listAttachedRolePolicies: Handler = (ctx) => {
  roleOf(ctx, "ListAttachedRolePolicies");
  return { AttachedPolicies: "", IsTruncated: false };
};
const listInstanceProfilesForRole: Handler = (ctx) => {
  roleOf(ctx, "ListInstanceProfilesForRole");
  return { InstanceProfiles: "", IsTruncated: false };
};

/** The IAM actions answered. */
export const IAM_ACTIONS: Readonly<Record<string, Handler>> = {
  CreateRole: createRole,
  DeleteRole: deleteRole,
  DeleteRolePolicy: deleteRolePolicy,
  GetRole: getRole,
  GetRolePolicy: getRolePolicy,
  ListAttachedRolePolicies: listAttachedRolePolicies,
  ListInstanceProfilesForRole: listInstanceProfilesForRole,
  ListRolePolicies: listRolePolicies,
  ListRoleTags: listRoleTags,
  PutRolePolicy: putRolePolicy,
  TagRole: tagRole,
  UntagRole: untagRole,
  UpdateAssumeRolePolicy: updateAssumeRolePolicy,
  UpdateRole: updateRole,
  UpdateRoleDescription: updateRoleDescription,
};
