import type { Account, Network } from "../model/network";
import { sortedUnique, type PolicyDocument } from "./policy-document";

/**
 * The trust policy of an account's role: only the named deployer role (and
 * the CI's role, when configured) may assume it, never an account root or
 * "*", and only with the account's external id when it sets one.
 *
 * @param kind `deploy` trusts the deployer and the CI role; `plan` trusts the CI role (else the deployer)
 */
export function trustPolicy(network: Network, account: Account, kind: "deploy" | "plan" = "deploy"): PolicyDocument {
  if (!network.iam) throw new Error("trust policies need iam.deployerRoleArn in the config");
  const { deployerRoleArn, ciRoleArn } = network.iam;
  const principals = kind === "plan" ? [ciRoleArn ?? deployerRoleArn] : [deployerRoleArn, ...(ciRoleArn ? [ciRoleArn] : [])];
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: kind === "plan" ? "TrustPlanner" : "TrustDeployer",
        Effect: "Allow",
        Principal: { AWS: sortedUnique(principals) },
        Action: "sts:AssumeRole",
        ...(account.externalId ? { Condition: { StringEquals: { "sts:ExternalId": account.externalId } } } : {}),
      },
    ],
  };
}
