import { CloudBackend, LocalBackend, NamedCloudWorkspace, S3Backend, type TerraformStack } from "cdktf";
import type { BackendConfig } from "../config/schema";

/**
 * Gives a stack its state backend:
 * - `local`: `localStatePath` (the project folder's `terraform.<stack>.tfstate`);
 * - `s3`: one key per stack, `<keyPrefix>/<stack>.tfstate`, encrypted, with
 *   S3-native locking (`use_lockfile`, Terraform >= 1.10; no DynamoDB table),
 *   through `roleArn` when set;
 * - `cloud`: HCP Terraform / Terraform Enterprise, one workspace per stack,
 *   `<workspacePrefix><stack>`.
 */
export function configureStateBackend(stack: TerraformStack, backend: BackendConfig, localStatePath: string): void {
  const stackName = stack.node.id;
  switch (backend.type) {
    case "local":
      new LocalBackend(stack, { path: localStatePath });
      return;
    case "s3":
      new S3Backend(stack, {
        bucket: backend.bucket,
        key: backend.keyPrefix ? `${backend.keyPrefix}/${stackName}.tfstate` : `${stackName}.tfstate`,
        region: backend.region,
        encrypt: true,
        assumeRole: backend.roleArn ? { roleArn: backend.roleArn } : undefined,
      });
      // cdktf 0.21's S3Backend has no use_lockfile option yet.
      stack.addOverride("terraform.backend.s3.use_lockfile", true);
      return;
    case "cloud":
      new CloudBackend(stack, {
        organization: backend.organization,
        hostname: backend.hostname,
        workspaces: new NamedCloudWorkspace(`${backend.workspacePrefix}${stackName}`),
      });
      return;
  }
}
