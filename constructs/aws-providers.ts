import type { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { Construct } from "constructs";
import type { RoleMode } from "../config/role-mode";
import { providerAlias } from "../model/account-regions";
import type { Account } from "../model/network";
import { missingPlanRoleMessage } from "../validation/rules/plan-roles-in-plan-mode";
import { CompactAwsProvider } from "./compact-aws-provider";
import { literalTags } from "./terraform-literal";

/** Props of {@link AwsProviders}. */
export interface AwsProvidersProps {
  /** The config's project name: a `Project` default tag and part of the role session name. */
  readonly project: string;
  /**
   * Default tags for every taggable resource.
   * @default {} (only the Project tag)
   */
  readonly tags?: Readonly<Record<string, string>>;
  /**
   * Which role each provider assumes.
   * @default "deploy"
   */
  readonly roles?: RoleMode;
}

/** The role a plan assumes in an account: its read-only planRoleArn, never its deploy roleArn; none when the account uses the caller's credentials. */
function planRoleOf(account: Account): string | undefined {
  if (account.roleArn && !account.planRoleArn)
    throw new Error(`accounts.${account.name}.planRoleArn: ${missingPlanRoleMessage(account)}`);
  return account.planRoleArn;
}

/**
 * One AWS provider per (account, region) a stack touches, created on first use.
 *
 * Every provider pins `allowed_account_ids` to its account, so that a wrong
 * credential fails at plan time instead of touching another account, and
 * assumes the account's role when the config names one (its read-only plan
 * role when synthesizing for a pull-request plan, never the deploy role). Every
 * provider is aliased `<account>-<region>`, none is implicit: a resource's
 * `provider` depends only on its own account and region, so adding a VPC in a
 * region that sorts first changes no existing resource.
 */
export class AwsProviders extends Construct {
  private readonly providers = new Map<string, AwsProvider>();

  constructor(
    scope: Construct,
    id: string,
    private readonly props: AwsProvidersProps,
  ) {
    super(scope, id);
  }

  /** The provider that acts in `account` and `region`. */
  forAccountRegion(account: Account, region: string): AwsProvider {
    const key = providerAlias(account, region);
    let provider = this.providers.get(key);
    if (!provider) {
      const roleArn = this.props.roles === "plan" ? planRoleOf(account) : account.roleArn;
      provider = new CompactAwsProvider(this, key, {
        alias: key,
        region,
        allowedAccountIds: [account.accountId],
        assumeRole: roleArn
          ? [
              {
                roleArn,
                externalId: account.externalId,
                sessionName: `${this.props.project}-vpc-peering`,
              },
            ]
          : undefined,
        defaultTags: [{ tags: literalTags({ ...this.props.tags, Project: this.props.project }) }],
      });
      this.providers.set(key, provider);
    }
    return provider;
  }
}
