import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** The AWS provider version that @cdktf/provider-aws 20.1.0 binds. */
export const AWS_PROVIDER_VERSION = "5.100.0";

/** Where the project looks for a local provider mirror, unless TF_PROVIDER_MIRROR names one. */
const DEFAULT_MIRRORS = ["/opt/tf-plugins", "/usr/share/terraform/plugins", "/usr/local/share/terraform/plugins"];

/** A mirror holding the AWS provider, or why none was found. */
export type MirrorLookup = { readonly path: string } | { readonly missing: string };

/**
 * Finds a filesystem mirror that holds `registry.terraform.io/hashicorp/aws/<version>/`:
 * `TF_PROVIDER_MIRROR` when set, else the usual system folders.
 */
export function findProviderMirror(env: NodeJS.ProcessEnv = process.env): MirrorLookup {
  const candidates = env.TF_PROVIDER_MIRROR ? [env.TF_PROVIDER_MIRROR] : DEFAULT_MIRRORS;
  const holdsAws = (dir: string) => existsSync(join(dir, "registry.terraform.io", "hashicorp", "aws", AWS_PROVIDER_VERSION));
  const found = candidates.find(holdsAws);
  if (found) return { path: found };
  return {
    missing: `no provider mirror with registry.terraform.io/hashicorp/aws/${AWS_PROVIDER_VERSION} in ${candidates.join(", ")} (set TF_PROVIDER_MIRROR)`,
  };
}

/**
 * Writes a Terraform CLI config that installs the AWS provider from the mirror
 * only (no registry is reachable), for TF_CLI_CONFIG_FILE. The home
 * directory's own CLI config is never touched.
 */
export function writeMirrorCliConfig(file: string, mirror: string): void {
  writeFileSync(
    file,
    [
      "# Written by scripts/terraform-check.ts: providers come from the local mirror only.",
      "provider_installation {",
      "  filesystem_mirror {",
      `    path    = ${JSON.stringify(mirror)}`,
      '    include = ["registry.terraform.io/hashicorp/aws"]',
      "  }",
      "}",
      "",
    ].join("\n"),
  );
}
