/**
 * Fields that a config may still carry from an earlier version of the
 * template, by field path, with what to write instead. The schema rejects
 * them like any unknown field; the message says how to migrate.
 */
export const RETIRED_FIELDS: Readonly<Record<string, string>> = {
  "iam.ciRoleArn":
    "was split so that pull requests never run with deploy permissions: rename it to iam.ciPlanRoleArn if it is the role of pull-request plans, and set iam.ciDeployRoleArn to a different role for deploys",
};
