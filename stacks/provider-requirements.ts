import type { TerraformStack } from "cdktf";

/** Registry address of the AWS provider every stack uses. */
export const AWS_PROVIDER_SOURCE = "hashicorp/aws";

/**
 * The AWS provider versions every stack accepts: the project's choice, not
 * the bindings'. `@cdktf/provider-aws` 20.1.0 was generated from provider
 * 5.100.0 and `@cdktn/provider-aws` 25.7.0 from 6.66.0; each would pin its
 * own version. Writing this range instead makes a cdktf build and a cdktn
 * build emit the same `required_providers`, and leaves the move to a new
 * provider version to `terraform init -upgrade` and a reviewed plan (README,
 * "Running without CDKTF"). The lower bound is the version the mirror-based
 * checks run against; the upper bound keeps out the next major version,
 * which no one has checked yet.
 */
export const AWS_PROVIDER_VERSION = ">= 5.100, < 7";

/**
 * Writes the AWS provider's source and version constraint into a stack's
 * `terraform.required_providers`, replacing what the bindings wrote (cdktf
 * writes the short source `aws` and the bindings' exact version).
 */
export function requireAwsProvider(stack: TerraformStack): void {
  stack.addOverride("terraform.required_providers.aws.source", AWS_PROVIDER_SOURCE);
  stack.addOverride("terraform.required_providers.aws.version", AWS_PROVIDER_VERSION);
}
