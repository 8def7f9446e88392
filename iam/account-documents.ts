import { accountsInUse } from "../model/accounts-in-use";
import type { Account, Network } from "../model/network";
import { ciDocumentFiles } from "./ci-identities";
import { deployerPolicy, planPolicy } from "./deployer-policy";
import type { PolicyDocument } from "./policy-document";
import { trustPolicy } from "./trust-policy";

/** The IAM documents of one account's roles. */
export interface AccountDocuments {
  readonly account: Account;
  /** What the deploy role may do. */
  readonly policy: PolicyDocument;
  /** Who may assume the deploy role; only when the account names a roleArn. */
  readonly trust?: PolicyDocument;
  /** What the read-only plan role may do. */
  readonly planPolicy: PolicyDocument;
  /** Who may assume the plan role; only when the account names a planRoleArn. */
  readonly planTrust?: PolicyDocument;
}

/** Every account's IAM documents; trust policies need `iam` in the config. */
export function accountDocuments(network: Network): AccountDocuments[] {
  return accountsInUse(network).map((account) => ({
    account,
    policy: deployerPolicy(network, account.name),
    trust: account.roleArn && network.iam ? trustPolicy(network, account, "deploy") : undefined,
    planPolicy: planPolicy(network, account.name),
    planTrust: account.planRoleArn && network.iam ? trustPolicy(network, account, "plan") : undefined,
  }));
}

export { accountsInUse } from "../model/accounts-in-use";

/**
 * The files `npm run iam` writes, by name: `<account>.policy.json`,
 * `<account>.trust.json`, ..., and the CI roles' `ci/plan.policy.json`,
 * `ci/plan.trust.json`, `ci/deploy.policy.json`, `ci/deploy.trust.json`.
 */
export function accountDocumentFiles(network: Network): Record<string, string> {
  const files: Record<string, string> = {};
  const json = (document: PolicyDocument) => `${JSON.stringify(document, null, 2)}\n`;
  for (const docs of accountDocuments(network)) {
    const name = docs.account.name;
    files[`${name}.policy.json`] = json(docs.policy);
    if (docs.trust) files[`${name}.trust.json`] = json(docs.trust);
    files[`${name}.plan-policy.json`] = json(docs.planPolicy);
    if (docs.planTrust) files[`${name}.plan-trust.json`] = json(docs.planTrust);
  }
  return { ...files, ...ciDocumentFiles(network) };
}
