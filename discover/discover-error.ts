/**
 * Errors of `npm run discover`: one line each, naming what failed and how to
 * fix it. AWS's own errors (AccessDenied, UnauthorizedOperation, expired or
 * missing credentials) are turned into such a line by {@link explainAwsError}.
 */

/** A failure of discover, with a one-line message for the user. */
export class DiscoverError extends Error {
  override readonly name = "DiscoverError";
}

/** Where a call was made from, for messages. */
export interface CallOrigin {
  readonly accountId: string;
  readonly region?: string;
  /** The role assumed, or a description of the caller's own credentials. */
  readonly identity: string;
}

const DENIED = new Set([
  "AccessDenied",
  "AccessDeniedException",
  "UnauthorizedOperation",
  "UnauthorizedAccess",
  "AuthFailure",
  "InvalidClientTokenId",
]);

/** One line for an error the SDK threw while calling `action` (e.g. ec2:DescribeVpcs). */
export function explainAwsError(cause: unknown, action: string, origin: CallOrigin): string {
  const where = `account ${origin.accountId}${origin.region ? ` in ${origin.region}` : ""}`;
  const error = cause as { name?: string; message?: string; Code?: string };
  const code = error?.name ?? error?.Code ?? "Error";
  const message = String(error?.message ?? cause)
    .split("\n")[0]
    .slice(0, 300);
  if (DENIED.has(code) && action === "sts:AssumeRole") {
    return `the caller may not assume ${origin.identity} (${where}): ${code}. Its trust policy must admit the caller, with the account's externalId when it has one (npm run iam writes it as <account>.plan-trust.json)`;
  }
  if (DENIED.has(code)) {
    return `${action} was denied for ${origin.identity} (${where}): ${code}. Grant ${action} to that role (npm run iam writes the read-only plan policy that discover needs), or use --accounts without that account`;
  }
  if (code === "CredentialsProviderError" || code === "ExpiredToken" || code === "ExpiredTokenException") {
    return `no usable AWS credentials for ${origin.identity} (${where}) when calling ${action}: ${message}`;
  }
  return `${action} failed for ${origin.identity} (${where}): ${code}: ${message}`;
}
