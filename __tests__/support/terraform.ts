import { type SpawnSyncReturns, spawnSync } from "node:child_process";
import { findProviderMirror, writeMirrorCliConfig } from "../../scripts/terraform/provider-mirror";
import { AWS_PROVIDER_VERSION } from "../../stacks/provider-requirements";

/** Terraform, with a CLI config that installs the AWS provider from the local mirror; or why it cannot run here. */
export type TerraformSetup =
  | { readonly run: (cwd: string, args: string[]) => SpawnSyncReturns<string>; readonly env: NodeJS.ProcessEnv }
  | { readonly skipped: string };

/**
 * Finds terraform and the provider mirror (as `npm run validate` does) and
 * writes the mirror's CLI config to `cliConfigFile`. Without them the tests
 * that need terraform print `SKIPPED: <why>`; with CI=true they fail instead.
 */
export function terraformSetup(cliConfigFile: string): TerraformSetup {
  const version = spawnSync("terraform", ["version"], {
    encoding: "utf8",
    env: { ...process.env, TF_CLI_CONFIG_FILE: "/dev/null" },
  });
  const mirror = findProviderMirror(AWS_PROVIDER_VERSION);
  const skipped =
    version.status !== 0 ? "terraform is not on the PATH" : "missing" in mirror ? mirror.missing : undefined;
  if (skipped) {
    if (process.env.CI === "true") throw new Error(`terraform tests cannot run with CI=true: ${skipped}`);
    console.log(`SKIPPED: ${skipped}`);
    return { skipped };
  }
  writeMirrorCliConfig(cliConfigFile, (mirror as { path: string }).path);
  const env = {
    ...process.env,
    TF_CLI_CONFIG_FILE: cliConfigFile,
    TF_IN_AUTOMATION: "1",
    TF_INPUT: "0",
    CHECKPOINT_DISABLE: "1",
    TF_PLUGIN_CACHE_DIR: "",
  };
  return { env, run: (cwd, args) => spawnSync("terraform", args, { cwd, env, encoding: "utf8" }) };
}
