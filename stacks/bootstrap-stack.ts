import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { TerraformStack } from "cdktf";
import type { Construct } from "constructs";
import { literal, literalTags } from "../constructs/terraform-literal";
import type { AccountDocuments } from "../iam/account-documents";
import type { PolicyDocument } from "../iam/policy-document";
import type { Network } from "../model/network";
import { requireAwsProvider } from "./provider-requirements";
import { configureStateBackend } from "./state-backend";

/** Props of {@link BootstrapStack}. */
export interface BootstrapStackProps {
  readonly network: Network;
  /** The account's IAM documents; the stack creates the roles they describe. */
  readonly documents: AccountDocuments;
  /** Region of the provider (IAM is global; any region of the account works). */
  readonly region: string;
  /**
   * Path of the local state file, relative to the stack's folder (local backend only).
   * @default "terraform.tfstate"
   */
  readonly localStatePath?: string;
}

/** Splits a role ARN into the name and path `aws_iam_role` takes. */
export function roleNameAndPath(roleArn: string): { name: string; path: string } {
  const resource = roleArn.split(":role/")[1];
  const parts = resource.split("/");
  const name = parts.pop() as string;
  return { name, path: parts.length > 0 ? `/${parts.join("/")}/` : "/" };
}

/**
 * `bootstrap-<account>`: deployed once by the account's administrator (with
 * the administrator's own credentials: no role is assumed), it creates the
 * roles the peering stacks assume in that account, with exactly the policies
 * `npm run iam` writes, one-hour sessions and the configured permissions
 * boundary. Peering stacks never create roles.
 */
export class BootstrapStack extends TerraformStack {
  constructor(scope: Construct, props: BootstrapStackProps) {
    const { network, documents, region } = props;
    const { account } = documents;
    super(scope, `bootstrap-${account.name}`);
    configureStateBackend(this, network.backend, props.localStatePath ?? "terraform.tfstate");
    requireAwsProvider(this);
    const provider = new AwsProvider(this, "aws", {
      region,
      allowedAccountIds: [account.accountId],
      defaultTags: [{ tags: literalTags({ ...network.tags, Project: network.project }) }],
    });
    const roles: Array<[string, string | undefined, PolicyDocument | undefined, PolicyDocument, string]> = [
      ["deployer", account.roleArn, documents.trust, documents.policy, "Deploys the VPC peerings of this account"],
      [
        "planner",
        account.planRoleArn,
        documents.planTrust,
        documents.planPolicy,
        "Plans the VPC peerings of this account (read-only)",
      ],
    ];
    for (const [id, roleArn, trust, policy, description] of roles) {
      if (!roleArn || !trust) continue;
      const { name, path } = roleNameAndPath(roleArn);
      const role = new IamRole(this, `${id}_role`, {
        provider,
        name,
        path,
        description: literal(`${description} (${network.project})`),
        assumeRolePolicy: literal(JSON.stringify(trust)),
        maxSessionDuration: 3600,
        permissionsBoundary: network.iam?.permissionsBoundaryArn,
      });
      new IamRolePolicy(this, `${id}_policy`, {
        provider,
        name: "vpc-peering",
        role: role.name,
        policy: literal(JSON.stringify(policy)),
      });
    }
  }
}
