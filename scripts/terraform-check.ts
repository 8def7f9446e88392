/**
 * `npm run validate`: Terraform itself judges the synthesized JSON.
 *
 * Synthesizes the config in effect (config/config.ts, or PEERING_CONFIG) into
 * `.terraform-check/`, installs the providers the stacks require once, into
 * one shared `.terraform` (TF_DATA_DIR) that every stack uses, then runs
 * `terraform test` in every stack, as many at a time as there are cores: one
 * run that validates the configuration and plans it against mock providers
 * with the assertions of scripts/terraform/mock-test.ts.
 *
 * Providers come from a local filesystem mirror (see
 * scripts/terraform/provider-mirror.ts), through a CLI config of the
 * project's own set in TF_CLI_CONFIG_FILE for these runs; with
 * `TF_PROVIDER_INSTALL=registry` they come from the public registry instead
 * (the newest version the stacks accept).
 *
 * Where terraform or the provider is missing, a local run prints one
 * `terraform checks SKIPPED: <why>` line and exits 0; a CI run (CI=true)
 * fails (scripts/terraform/skip-policy.ts).
 */
import { spawn, spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join, resolve } from "node:path";
import type { Network } from "../model/network";
import { planStacks } from "../model/stacks";
import { runCommand } from "../output/run-command";
import { synthesizeNetwork } from "../output/synthesize-network";
import { AWS_PROVIDER_VERSION } from "../stacks/provider-requirements";
import { loadConfig } from "../validation/load";
import { hclValidation } from "./terraform/hcl-validation";
import { renderBootstrapMockTest, renderMockTest } from "./terraform/mock-test";
import { findProviderMirror, writeMirrorCliConfig } from "./terraform/provider-mirror";
import { cannotCheck } from "./terraform/skip-policy";

const workDir = resolve(".terraform-check");

/** The parts of a stack's Terraform JSON read here. */
interface StackJson {
  readonly provider: { readonly aws: ReadonlyArray<{ readonly alias?: string }> };
  /** Absent in an empty stack (an account that requests no peering). */
  readonly resource?: Record<string, Record<string, unknown>>;
  readonly terraform: { readonly required_providers?: Record<string, { source: string; version?: string }> };
}

function terraformVersion(): string | undefined {
  const result = spawnSync("terraform", ["version", "-json"], {
    encoding: "utf8",
    env: { ...process.env, TF_CLI_CONFIG_FILE: "/dev/null" },
  });
  if (result.status !== 0 || result.error) return undefined;
  return (JSON.parse(result.stdout) as { terraform_version: string }).terraform_version;
}

/** Runs terraform; resolves to its output when it failed, undefined when it succeeded. */
function terraform(cwd: string, args: string[], env: NodeJS.ProcessEnv): Promise<string | undefined> {
  return new Promise((done) => {
    const child = spawn("terraform", args, { cwd, env });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    child.on("error", (error) => done(`${error.message}\n`));
    child.on("close", (code) =>
      done(code === 0 ? undefined : `\n$ terraform ${args.join(" ")}   (in ${cwd})\n${output}\n`),
    );
  });
}

/** Runs terraform; resolves to its stdout, whatever its exit code (for `-json` commands). */
function terraformOutput(cwd: string, args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((done) => {
    const child = spawn("terraform", args, { cwd, env });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.on("error", (error) => done(error.message));
    child.on("close", () => done(output));
  });
}

/** Runs `task` over `items`, at most `limit` at a time. */
async function inParallel<T>(items: readonly T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await task(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}

/** The union of every stack's required_providers, for the one shared provider install. */
function requiredProviders(stacks: readonly StackJson[]): Record<string, { source: string; version?: string }> {
  const merged: Record<string, { source: string; version?: string }> = {};
  for (const stack of stacks) {
    for (const [name, req] of Object.entries(stack.terraform.required_providers ?? {})) {
      const known = merged[name];
      const versions = [...new Set([known?.version, req.version].filter((v): v is string => v !== undefined))];
      merged[name] = { source: req.source, ...(versions.length > 0 ? { version: versions.join(", ") } : {}) };
    }
  }
  return merged;
}

async function main(): Promise<number> {
  const version = terraformVersion();
  const fromRegistry = process.env.TF_PROVIDER_INSTALL === "registry";
  const mirror = fromRegistry ? undefined : findProviderMirror(AWS_PROVIDER_VERSION);
  const why = !version ? "terraform is not on the PATH" : mirror && "missing" in mirror ? mirror.missing : undefined;
  if (why) {
    const outcome = cannotCheck(why);
    process[outcome.stream].write(`${outcome.line}\n`);
    return outcome.exitCode;
  }

  const { network, source } = loadConfig();
  rmSync(workDir, { recursive: true, force: true });
  mkdirSync(workDir, { recursive: true });
  const outdir = join(workDir, "cdktf.out");
  synthesizeNetwork(network, outdir);
  const stackNames = readdirSync(join(outdir, "stacks")).sort();
  const stacks = new Map(
    stackNames.map((name) => [
      name,
      JSON.parse(readFileSync(join(outdir, "stacks", name, "cdk.tf.json"), "utf8")) as StackJson,
    ]),
  );

  const providersDir = join(workDir, "providers");
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    TF_IN_AUTOMATION: "1",
    TF_INPUT: "0",
    CHECKPOINT_DISABLE: "1",
    TF_PLUGIN_CACHE_DIR: "",
    // Most of a run is Terraform and the AWS provider building and decoding the
    // provider's 13 MB schema; a lazier Go garbage collector (for both) cuts the
    // CPU time of a stack's test by about a quarter (measured: 8.2 s -> 6.1 s).
    GOGC: process.env.GOGC ?? "400",
    // One provider install, shared by every stack.
    TF_DATA_DIR: join(providersDir, ".terraform"),
  };
  if (mirror && "path" in mirror) {
    env.TF_CLI_CONFIG_FILE = join(workDir, "terraform.rc");
    writeMirrorCliConfig(env.TF_CLI_CONFIG_FILE, mirror.path);
  }
  mkdirSync(providersDir, { recursive: true });
  writeFileSync(
    join(providersDir, "main.tf.json"),
    JSON.stringify({ terraform: { required_providers: requiredProviders([...stacks.values()]) } }, null, 2),
  );
  const initFailure = await terraform(providersDir, ["init", "-backend=false", "-input=false", "-no-color"], env);
  if (initFailure) {
    process.stderr.write(initFailure);
    console.log("terraform checks FAILED: terraform init of the providers the stacks require");
    return 1;
  }
  const lockFile = join(providersDir, ".terraform.lock.hcl");
  const installed = /provider "registry.terraform.io\/hashicorp\/aws" \{\s*version\s*=\s*"([^"]+)"/.exec(
    readFileSync(lockFile, "utf8"),
  )?.[1];

  let failed = 0;
  const plans = new Map(planStacks(network).map((plan) => [plan.name, plan]));
  await inParallel(stackNames, availableParallelism(), async (name) => {
    // A copy of the stack, so that the mocked test file never lands in cdktf.out.
    const stackDir = join(workDir, "stacks", name);
    mkdirSync(stackDir, { recursive: true });
    copyFileSync(join(outdir, "stacks", name, "cdk.tf.json"), join(stackDir, "cdk.tf.json"));
    copyFileSync(lockFile, join(stackDir, ".terraform.lock.hcl"));
    const json = stacks.get(name) as StackJson;
    const plan = plans.get(name);
    const aliases = json.provider.aws.map((p) => p.alias).filter((a): a is string => a !== undefined);
    const roleIds = Object.keys(json.resource?.aws_iam_role ?? {}).map((id) => id.replace(/_role$/, ""));
    writeFileSync(
      join(stackDir, "mocked.tftest.hcl"),
      plan ? renderMockTest(plan, aliases, network.checks) : renderBootstrapMockTest(roleIds),
    );

    const failure = await terraform(stackDir, ["test", "-no-color"], env);
    if (failure) process.stderr.write(failure);
    const what = plan ? count(plan.peerings.length, "peering") : count(roleIds.length, "role");
    console.log(`${failure ? "FAIL" : "ok  "} ${name}: terraform test: validate, mocked plan and assertions (${what})`);
    if (failure) failed++;
  });
  failed += await checkHcl(network, stackNames, lockFile, env);
  const from = mirror && "path" in mirror ? `from ${mirror.path}` : "from the registry";
  console.log(
    failed === 0
      ? `terraform checks passed: ${source}, ${count(stackNames.length, "stack")}, with Terraform ${version} and AWS provider ${installed ?? "?"} ${from}`
      : `terraform checks FAILED for ${failed} of ${count(stackNames.length, "stack")}`,
  );
  return failed === 0 ? 0 : 1;
}

/**
 * The same stacks as `npm run synth:hcl` writes them: `terraform validate`
 * must pass each with no warning (a quoted provider reference, deprecated,
 * would be one per resource). Returns how many stacks failed.
 */
async function checkHcl(
  network: Network,
  stackNames: readonly string[],
  lockFile: string,
  env: NodeJS.ProcessEnv,
): Promise<number> {
  const hclOutdir = join(workDir, "cdktf.out.hcl");
  const previous = process.env.SYNTH_HCL_OUTPUT;
  process.env.SYNTH_HCL_OUTPUT = "true";
  try {
    synthesizeNetwork(network, hclOutdir);
  } finally {
    if (previous === undefined) delete process.env.SYNTH_HCL_OUTPUT;
    else process.env.SYNTH_HCL_OUTPUT = previous;
  }
  let failed = 0;
  await inParallel([...stackNames], availableParallelism(), async (name) => {
    const stackDir = join(workDir, "hcl", name);
    mkdirSync(stackDir, { recursive: true });
    copyFileSync(join(hclOutdir, "stacks", name, "cdk.tf"), join(stackDir, "cdk.tf"));
    copyFileSync(lockFile, join(stackDir, ".terraform.lock.hcl"));
    const problem = hclValidation(await terraformOutput(stackDir, ["validate", "-json", "-no-color"], env));
    if (problem) process.stderr.write(`${name} (HCL): ${problem}\n`);
    console.log(`${problem ? "FAIL" : "ok  "} ${name}: HCL (npm run synth:hcl): terraform validate, no warnings`);
    if (problem) failed++;
  });
  return failed;
}

runCommand(main);
