import type { Account, Network } from "../model/network";
import { type PolicyDocument, sortedUnique } from "./policy-document";

/** Who may assume each kind of account role. */
export type AccountRoleKind = "deploy" | "plan";

/**
 * The roles that may assume an account's role:
 * - `deploy` (`roleArn`, may write): `iam.deployerRoleArn` and
 *   `iam.ciDeployRoleArn`; never `iam.ciPlanRoleArn`, the identity of
 *   pull-request plans;
 * - `plan` (`planRoleArn`, read-only): `iam.ciPlanRoleArn` and
 *   `iam.deployerRoleArn` (so that a person can plan with the read-only
 *   roles too).
 */
export function trustedPrincipals(network: Network, kind: AccountRoleKind): string[] {
  if (!network.iam) throw new Error("trust policies need iam.deployerRoleArn in the config");
  const { deployerRoleArn, ciDeployRoleArn, ciPlanRoleArn } = network.iam;
  const principals = kind === "plan" ? [deployerRoleArn, ciPlanRoleArn] : [deployerRoleArn, ciDeployRoleArn];
  return sortedUnique(principals.filter((arn): arn is string => arn !== undefined));
}

/**
 * The trust policy of an account's role: only the roles of
 * {@link trustedPrincipals} may assume it, never an account root or "*", and
 * only with the account's external id when it sets one.
 *
 * @param kind `deploy` trusts the deployer and the CI deploy role; `plan` trusts the CI plan role and the deployer
 */
export function trustPolicy(network: Network, account: Account, kind: AccountRoleKind = "deploy"): PolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: kind === "plan" ? "TrustPlanner" : "TrustDeployer",
        Effect: "Allow",
        Principal: { AWS: trustedPrincipals(network, kind) },
        Action: "sts:AssumeRole",
        ...(account.externalId ? { Condition: { StringEquals: { "sts:ExternalId": account.externalId } } } : {}),
      },
    ],
  };
}
