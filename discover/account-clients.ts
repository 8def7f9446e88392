import { EC2Client, type EC2ClientConfig } from "@aws-sdk/client-ec2";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { fromTemporaryCredentials } from "@aws-sdk/credential-providers";
import type { ScannedAccount } from "./build-config";
import { DiscoverError, explainAwsError } from "./discover-error";

/**
 * The SDK clients discover reads an account with: through the account's
 * read-only plan role (`planRoleArn`, assumed with its `externalId`) when the
 * config names one, else with the caller's own credentials. Throttling and
 * transient errors are retried by the SDK's standard retry mode.
 */

/** How to reach AWS. */
export interface AwsAccess {
  /** An endpoint other than AWS's (the local AWS of the rehearsal). */
  readonly endpoint?: string;
  /** The caller's credentials; default: the SDK's default chain (environment, profile, SSO, instance role). */
  readonly credentials?: EC2ClientConfig["credentials"];
  /** Attempts per call (standard retry mode); default 3. */
  readonly maxAttempts?: number;
}

/** Clients for one account. */
export interface AccountClients {
  /** Who calls, for messages: the plan role's ARN or "the caller's own credentials". */
  readonly identity: string;
  /** An EC2 client in `region`. */
  ec2(region: string): EC2Client;
}

/** The clients of one account, after checking that the credentials reach that account. */
export async function accountClients(
  account: ScannedAccount,
  region: string,
  access: AwsAccess,
): Promise<AccountClients> {
  const common = {
    ...(access.endpoint ? { endpoint: access.endpoint } : {}),
    maxAttempts: access.maxAttempts ?? 3,
    retryMode: "standard",
  };
  const credentials = account.planRoleArn
    ? sharedCredentials(
        fromTemporaryCredentials({
          params: {
            RoleArn: account.planRoleArn,
            RoleSessionName: "vpc-peering-discover",
            ...(account.externalId ? { ExternalId: account.externalId } : {}),
          },
          ...(access.credentials ? { masterCredentials: access.credentials } : {}),
          clientConfig: { region, ...common },
        }),
      )
    : access.credentials;
  const identity = account.planRoleArn ?? "the caller's own credentials";
  const sts = new STSClient({ region, ...common, ...(credentials ? { credentials } : {}) });
  let caller: string | undefined;
  try {
    caller = (await sts.send(new GetCallerIdentityCommand({}))).Account;
  } catch (cause) {
    throw new DiscoverError(
      explainAwsError(cause, account.planRoleArn ? "sts:AssumeRole" : "sts:GetCallerIdentity", {
        accountId: account.accountId,
        identity,
      }),
    );
  } finally {
    sts.destroy();
  }
  if (caller !== account.accountId) {
    throw new DiscoverError(
      `account ${account.name} (${account.accountId}): ${identity} ${account.planRoleArn ? "lands" : "are"} in account ${caller}, not ${account.accountId}; ${account.planRoleArn ? "fix planRoleArn" : "give the account a planRoleArn in the config (--config), or run discover with credentials of that account"}`,
    );
  }
  return {
    identity,
    ec2: (r) => new EC2Client({ region: r, ...common, ...(credentials ? { credentials } : {}) }),
  };
}

type CredentialProvider = ReturnType<typeof fromTemporaryCredentials>;

/** A few minutes before they expire, shared credentials are fetched again. */
const REFRESH_BEFORE_MS = 5 * 60_000;

/**
 * `provider` shared by every client of one account: each SDK client caches
 * credentials on its own, so without this the STS client and the EC2 client
 * of each region would each assume the role again. One AssumeRole is made
 * (and shared while in flight) until the credentials are about to expire.
 */
function sharedCredentials(provider: CredentialProvider): CredentialProvider {
  let current: ReturnType<CredentialProvider> | undefined;
  const fetch = () => {
    const next = provider();
    // A failed AssumeRole is not kept: the next call asks again.
    next.catch(() => {
      if (current === next) current = undefined;
    });
    current = next;
    return next;
  };
  return async () => {
    const pending = current;
    if (!pending) return fetch();
    const held = await pending;
    const expiring = held.expiration !== undefined && held.expiration.getTime() - Date.now() < REFRESH_BEFORE_MS;
    if (!expiring) return held;
    // Another caller may have started the refresh already.
    return current === pending || current === undefined ? fetch() : current;
  };
}
