/**
 * `npm run validate`: Terraform itself judges the synthesized JSON.
 *
 * Synthesizes the config in effect (config/config.ts, or PEERING_CONFIG) into
 * `.terraform-check/`, then in every stack runs `terraform init -backend=false`
 * against a local provider mirror, `terraform validate`, and `terraform test`
 * with a generated mocked apply (see scripts/terraform/mock-test.ts). The
 * provider comes from the mirror only, through a CLI config of the project's
 * own set in TF_CLI_CONFIG_FILE for these runs.
 *
 * Where terraform or the mirror is missing, prints one
 * `terraform checks SKIPPED: <why>` line and exits 0.
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { loadConfig } from "../config/load";
import { planStacks } from "../model/stacks";
import { synthesizeNetwork } from "../output/synthesize-network";
import { ConfigValidationError } from "../validation/finding";
import { renderBootstrapMockTest, renderMockTest } from "./terraform/mock-test";
import { findProviderMirror, writeMirrorCliConfig } from "./terraform/provider-mirror";

const workDir = resolve(".terraform-check");

function terraformVersion(): string | undefined {
  const result = spawnSync("terraform", ["version", "-json"], { encoding: "utf8", env: { ...process.env, TF_CLI_CONFIG_FILE: "/dev/null" } });
  if (result.status !== 0) return undefined;
  return (JSON.parse(result.stdout) as { terraform_version: string }).terraform_version;
}

function run(cwd: string, args: string[], env: NodeJS.ProcessEnv): boolean {
  const result = spawnSync("terraform", args, { cwd, env, encoding: "utf8" });
  if (result.status === 0) return true;
  process.stderr.write(`\n$ terraform ${args.join(" ")}   (in ${cwd})\n${result.stdout}${result.stderr}\n`);
  return false;
}

/**
 * `terraform test` destroys what its mocked apply made, which `prevent_destroy`
 * (protected peerings) forbids; the copy under test drops it, after
 * `terraform validate` has checked the real file.
 */
function withoutPreventDestroy(file: string): boolean {
  const json = JSON.parse(readFileSync(file, "utf8")) as { resource?: Record<string, Record<string, { lifecycle?: { prevent_destroy?: boolean } }>> };
  for (const byName of Object.values(json.resource ?? {})) {
    for (const resource of Object.values(byName)) delete resource.lifecycle?.prevent_destroy;
  }
  writeFileSync(file, JSON.stringify(json, null, 2));
  return true;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}

function main(): number {
  const version = terraformVersion();
  if (!version) {
    console.log("terraform checks SKIPPED: terraform is not on the PATH");
    return 0;
  }
  const mirror = findProviderMirror();
  if ("missing" in mirror) {
    console.log(`terraform checks SKIPPED: ${mirror.missing}`);
    return 0;
  }

  const { network, source } = loadConfig();
  rmSync(workDir, { recursive: true, force: true });
  mkdirSync(workDir, { recursive: true });
  const outdir = join(workDir, "cdktf.out");
  synthesizeNetwork(network, outdir);
  const cliConfig = join(workDir, "terraform.rc");
  writeMirrorCliConfig(cliConfig, mirror.path);
  const env = {
    ...process.env,
    TF_CLI_CONFIG_FILE: cliConfig,
    TF_IN_AUTOMATION: "1",
    TF_INPUT: "0",
    CHECKPOINT_DISABLE: "1",
    TF_PLUGIN_CACHE_DIR: "",
  };

  let failed = 0;
  const plans = new Map(planStacks(network).map((plan) => [plan.name, plan]));
  const stackNames = readdirSync(join(outdir, "stacks")).sort();
  for (const name of stackNames) {
    // A copy of the stack, so that the mocked test file never lands in cdktf.out.
    const stackDir = join(workDir, "stacks", name);
    mkdirSync(stackDir, { recursive: true });
    const stackJson = join(outdir, "stacks", name, "cdk.tf.json");
    copyFileSync(stackJson, join(stackDir, "cdk.tf.json"));
    const json = JSON.parse(readFileSync(stackJson, "utf8")) as {
      provider: { aws: Array<{ alias?: string }> };
      resource: Record<string, Record<string, unknown>>;
    };
    const plan = plans.get(name);
    const aliases = json.provider.aws.map((p) => p.alias).filter((a): a is string => a !== undefined);
    const roleIds = Object.keys(json.resource.aws_iam_role ?? {}).map((id) => id.replace(/_role$/, ""));
    writeFileSync(join(stackDir, "mocked.tftest.hcl"), plan ? renderMockTest(plan, aliases) : renderBootstrapMockTest(roleIds));

    const ok =
      run(stackDir, ["init", "-backend=false", "-input=false", "-no-color"], env) &&
      run(stackDir, ["validate", "-no-color"], env) &&
      withoutPreventDestroy(join(stackDir, "cdk.tf.json")) &&
      run(stackDir, ["test", "-no-color"], env);
    const what = plan ? count(plan.peerings.length, "peering") : count(roleIds.length, "role");
    console.log(`${ok ? "ok  " : "FAIL"} ${name}: terraform init, validate, test (${what})`);
    if (!ok) failed++;
  }
  console.log(
    failed === 0
      ? `terraform checks passed: ${source} with Terraform ${version}, AWS provider from ${mirror.path}`
      : `terraform checks FAILED for ${failed} stack(s)`,
  );
  return failed === 0 ? 0 : 1;
}

try {
  process.exitCode = main();
} catch (cause) {
  if (!(cause instanceof ConfigValidationError)) throw cause;
  process.stderr.write(`${cause.message}\n`);
  process.exitCode = 1;
}
