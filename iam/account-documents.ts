import type { Account, Network } from "../model/network";
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

/** Our accounts that some peering touches, by name (external accounts are not ours to grant anything in). */
export function accountsInUse(network: Network): Account[] {
  const used = new Map<string, Account>();
  for (const peering of network.peerings) {
    for (const vpc of [peering.requester, peering.accepter]) if (!vpc.account.external) used.set(vpc.account.name, vpc.account);
  }
  return [...used.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/** Every account's IAM documents; trust policies need `iam` in the config. */
export function accountDocuments(network: Network): AccountDocuments[] {
  return accountsInUse(network).map((account) => ({
    account,
    policy: deployerPolicy(network, account.name),
    trust: account.roleArn && network.iam ? trustPolicy(network, account, "deploy") : undefined,
    planPolicy: planPolicy(network),
    planTrust: account.planRoleArn && network.iam ? trustPolicy(network, account, "plan") : undefined,
  }));
}

/** The files `npm run iam` writes, by name: `<account>.policy.json`, `<account>.trust.json`, ... */
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
  return files;
}
