import { partitionOf } from "../config/aws-regions";
import { accountsInUse } from "../model/accounts-in-use";
import type { Network } from "../model/network";
import { type PolicyDocument, type PolicyStatement, policyDocument, sortedUnique } from "./policy-document";

/** The two identities the GitHub workflows run as: pull-request plans and deploys. */
export type CiKind = "plan" | "deploy";

/** The issuer of GitHub Actions' OIDC tokens; also the prefix of its condition keys. */
export const GITHUB_OIDC_HOST = "token.actions.githubusercontent.com";
/** The audience `aws-actions/configure-aws-credentials` asks GitHub for. */
export const GITHUB_OIDC_AUDIENCE = "sts.amazonaws.com";
/** The environment of deploy.yml whose reviewers approve deploys; its name is part of the deploy identity's OIDC subject. */
export const DEPLOY_ENVIRONMENT = "production";

/**
 * The OIDC subject a workflow job gets, which the CI role's trust pins:
 * `repo:<owner/name>:pull_request` for plan.yml's jobs,
 * `repo:<owner/name>:environment:production` for deploy.yml's jobs.
 */
export function githubOidcSubject(repository: string, kind: CiKind): string {
  return kind === "plan" ? `repo:${repository}:pull_request` : `repo:${repository}:environment:${DEPLOY_ENVIRONMENT}`;
}

/** The CI role of a kind, when the config names it. */
export function ciRoleArn(network: Network, kind: CiKind): string | undefined {
  return kind === "plan" ? network.iam?.ciPlanRoleArn : network.iam?.ciDeployRoleArn;
}

/**
 * The trust policy of a CI role: only GitHub's OIDC provider in the role's
 * own account, only for tokens with audience `sts.amazonaws.com` and the
 * exact subject of {@link githubOidcSubject}.
 */
export function ciTrustPolicy(roleArn: string, repository: string, kind: CiKind): PolicyDocument {
  const [, partition, , , accountId] = roleArn.split(":");
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: kind === "plan" ? "GitHubPullRequestPlans" : "GitHubProductionDeploys",
        Effect: "Allow",
        Principal: { Federated: `arn:${partition}:iam::${accountId}:oidc-provider/${GITHUB_OIDC_HOST}` },
        Action: "sts:AssumeRoleWithWebIdentity",
        Condition: {
          StringEquals: {
            [`${GITHUB_OIDC_HOST}:aud`]: GITHUB_OIDC_AUDIENCE,
            [`${GITHUB_OIDC_HOST}:sub`]: githubOidcSubject(repository, kind),
          },
        },
      },
    ],
  };
}

/** State in S3 reached with the CI role's own credentials (no backend.roleArn): what the CI role may do with it. */
function stateStatements(network: Network, kind: CiKind): PolicyStatement[] {
  const { backend } = network;
  if (backend.type !== "s3" || backend.roleArn) return [];
  const partition = partitionOf(backend.region as Parameters<typeof partitionOf>[0]);
  const prefix = backend.keyPrefix ? `${backend.keyPrefix}/` : "";
  return [
    {
      Sid: kind === "plan" ? "ReadState" : "ReadWriteState",
      Effect: "Allow",
      // Plans run with -lock=false; deploys write the state and its lock file (use_lockfile).
      Action: kind === "plan" ? "s3:GetObject" : ["s3:DeleteObject", "s3:GetObject", "s3:PutObject"],
      Resource: `arn:${partition}:s3:::${backend.bucket}/${prefix}*`,
    },
    {
      Sid: "ListState",
      Effect: "Allow",
      Action: "s3:ListBucket",
      Resource: `arn:${partition}:s3:::${backend.bucket}`,
      ...(prefix ? { Condition: { StringLike: { "s3:prefix": `${prefix}*` } } } : {}),
    },
  ];
}

/**
 * The permissions of a CI role: assume the account roles of its kind (the
 * read-only `planRoleArn`s for plans, the `roleArn`s for deploys), and reach
 * the S3 state when no `backend.roleArn` does that.
 */
export function ciPolicy(network: Network, kind: CiKind): PolicyDocument {
  const roles = accountsInUse(network).map((account) => (kind === "plan" ? account.planRoleArn : account.roleArn));
  return policyDocument([
    {
      Sid: kind === "plan" ? "AssumeAccountPlanRoles" : "AssumeAccountDeployRoles",
      Effect: "Allow",
      Action: "sts:AssumeRole",
      Resource: sortedUnique(roles.filter((arn): arn is string => arn !== undefined)),
    },
    ...stateStatements(network, kind),
  ]);
}

/** The CI roles' documents, by file name under `iam/`: `ci/<kind>.policy.json`, and `ci/<kind>.trust.json` with `iam.github`. */
export function ciDocumentFiles(network: Network): Record<string, string> {
  const files: Record<string, string> = {};
  const json = (document: PolicyDocument) => `${JSON.stringify(document, null, 2)}\n`;
  for (const kind of ["plan", "deploy"] as const) {
    const roleArn = ciRoleArn(network, kind);
    if (!roleArn) continue;
    files[`ci/${kind}.policy.json`] = json(ciPolicy(network, kind));
    const repository = network.iam?.github?.repository;
    if (repository) files[`ci/${kind}.trust.json`] = json(ciTrustPolicy(roleArn, repository, kind));
  }
  return files;
}
