import { adminAccessKey, BASE_ACCESS_KEY } from "./seed";

/**
 * The `rehearsal_override.tf.json` written beside a copy of a synthesized
 * stack: every AWS provider (by alias) talks to the local AWS with the base
 * test credential, and state stays in the copy's folder. Terraform merges
 * override files into the configuration
 * (https://developer.hashicorp.com/terraform/language/files/override), so the
 * synthesized file itself is never edited.
 */
export function renderOverride(
  stack: { provider?: { aws?: Array<{ alias?: string; assume_role?: unknown[]; allowed_account_ids?: string[] }> } },
  endpoint: string,
  /** The access key a client uses in place of a base key (one per stack, so calls are attributed). */
  keyFor: (baseKey: string) => string = (k) => k,
): string {
  const providers = (stack.provider?.aws ?? [{}]).map((p) => ({
    ...(p.alias ? { alias: p.alias } : {}),
    // A provider that assumes a role starts from the deployer's credential; one that does not (a bootstrap
    // stack) runs with an administrator's credential of the account it is allowed in.
    access_key: keyFor(
      p.assume_role || !p.allowed_account_ids?.[0] ? BASE_ACCESS_KEY : adminAccessKey(p.allowed_account_ids[0]),
    ),
    secret_key: "rehearsal-secret-key",
    // No instance metadata on a laptop; the local AWS answers GetCallerIdentity, so account checks stay on.
    skip_metadata_api_check: true,
    endpoints: [{ ec2: endpoint, sts: endpoint, iam: endpoint, route53: endpoint }],
  }));
  return `${JSON.stringify({ terraform: { backend: { local: { path: "terraform.tfstate" } } }, provider: { aws: providers } }, null, 2)}\n`;
}
