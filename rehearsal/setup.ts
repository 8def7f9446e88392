import { spawnSync } from "node:child_process";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { findProviderMirror } from "../scripts/terraform/provider-mirror";
import { AWS_PROVIDER_VERSION } from "../stacks/provider-requirements";

/** Why the rehearsal cannot run here (no terraform, no provider mirror), or undefined. */
export function terraformMissing(): string | undefined {
  const version = spawnSync("terraform", ["version"], {
    encoding: "utf8",
    env: { ...process.env, TF_CLI_CONFIG_FILE: "/dev/null" },
  });
  if (version.status !== 0) return "terraform is not on the PATH";
  const mirror = findProviderMirror(AWS_PROVIDER_VERSION);
  return "missing" in mirror ? mirror.missing : undefined;
}

/** The plugin cache shared by every rehearsal stack (and every rehearsal run), so the provider is unpacked once. */
export function pluginCacheDir(): string {
  return process.env.REHEARSAL_PLUGIN_CACHE ?? join(tmpdir(), "cdktf-rehearsal-plugin-cache");
}
