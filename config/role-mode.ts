/**
 * Which roles the providers assume (`PEERING_ROLES`): `deploy` (each account's
 * `roleArn`, the default) or `plan` (its read-only `planRoleArn`, for
 * pull-request plans).
 */
export type RoleMode = "deploy" | "plan";
