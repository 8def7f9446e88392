/**
 * `npm run validate`: Terraform itself judges the synthesized JSON.
 *
 * Synthesizes the config in effect (config/config.ts, or PEERING_CONFIG) into
 * `.terraform-check/`, as JSON and as HCL (what `npm run synth:hcl` writes),
 * puts every stack of both into one Terraform test suite as a module
 * (scripts/terraform/test-suite.ts), installs the providers once, then runs
 * the suite in one `terraform test` process per core. Each stack's test
 * validates it and plans it against mock providers with the assertions of
 * scripts/terraform/mock-test.ts; any error or warning Terraform reports for
 * a stack fails it (a quoted provider reference, deprecated, would be one
 * warning per resource). Building the AWS provider's 13 MB schema is most of
 * a terraform process's work, so the suite builds it once per process, not
 * once per stack and format.
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
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join, resolve } from "node:path";
import type { Network } from "../model/network";
import { planStacks } from "../model/stacks";
import { runCommand } from "../output/run-command";
import { synthesizeNetwork } from "../output/synthesize-network";
import { AWS_PROVIDER_VERSION } from "../stacks/provider-requirements";
import { loadConfig } from "../validation/load";
import { renderBootstrapMockTest, renderMockTest } from "./terraform/mock-test";
import { findProviderMirror, writeMirrorCliConfig } from "./terraform/provider-mirror";
import { terraform } from "./terraform/run-terraform";
import { cannotCheck } from "./terraform/skip-policy";
import { groups, needsOwnRoot, runningModule, suiteOutcome } from "./terraform/test-suite";

const workDir = resolve(".terraform-check");

/** The parts of a stack's Terraform JSON read here. */
interface StackJson {
  readonly provider: { readonly aws: ReadonlyArray<{ readonly alias?: string }> };
  /** Absent in an empty stack (an account that requests no peering). */
  readonly resource?: Record<string, Record<string, unknown>>;
  /** Import blocks (adoption), which Terraform allows in a root module only. */
  readonly import?: unknown;
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

/** Runs `task` over `items`, at most `limit` at a time. */
async function inParallel<T>(items: readonly T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await task(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/** The two forms of every stack: `npm run synth`'s JSON and `npm run synth:hcl`'s HCL. */
const FORMATS = [
  ["json", "cdk.tf.json"],
  ["hcl", "cdk.tf"],
] as const;

/** The suite's test file of a unit (`json/<stack>` or `hcl/<stack>`). */
const testFileOf = (unit: string) => `tests/${unit.replace("/", "-")}.tftest.hcl`;

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

  // The suite: every stack as a module, as JSON (json/<stack>) and as HCL
  // (hcl/<stack>, what `npm run synth:hcl` writes), each run by its own test
  // file; a stack with import blocks runs as the root of its own test instead.
  const suiteDir = join(workDir, "suite");
  const hclOutdir = join(workDir, "cdktf.out.hcl");
  synthesizeHcl(network, hclOutdir);
  const plans = new Map(planStacks(network).map((plan) => [plan.name, plan]));
  const inSuite: string[] = [];
  /** Stacks with import blocks, each run as its own root module: the unit and its folder. */
  const alone: Array<{ unit: string; dir: string }> = [];
  mkdirSync(join(suiteDir, "tests"), { recursive: true });
  for (const name of stackNames) {
    const json = stacks.get(name) as StackJson;
    const plan = plans.get(name);
    const aliases = json.provider.aws.map((p) => p.alias).filter((a): a is string => a !== undefined);
    const roleIds = Object.keys(json.resource?.aws_iam_role ?? {}).map((id) => id.replace(/_role$/, ""));
    const test = plan ? renderMockTest(plan, aliases, network.checks) : renderBootstrapMockTest(roleIds);
    const ownRoot = needsOwnRoot(json);
    for (const [format, file] of FORMATS) {
      const unit = `${format}/${name}`;
      const dir = join(suiteDir, ownRoot ? `alone/${format}-${name}` : unit);
      mkdirSync(dir, { recursive: true });
      copyFileSync(join(format === "json" ? outdir : hclOutdir, "stacks", name, file), join(dir, file));
      if (ownRoot) {
        writeFileSync(join(dir, "mocked.tftest.hcl"), test);
        alone.push({ unit, dir });
      } else {
        writeFileSync(join(suiteDir, testFileOf(unit)), runningModule(test, `./${unit}`));
        inSuite.push(unit);
      }
    }
  }
  writeFileSync(
    join(suiteDir, "main.tf.json"),
    JSON.stringify({ terraform: { required_providers: requiredProviders([...stacks.values()]) } }, null, 2),
  );

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    TF_IN_AUTOMATION: "1",
    TF_INPUT: "0",
    CHECKPOINT_DISABLE: "1",
    TF_PLUGIN_CACHE_DIR: "",
    // Most of a run is Terraform and the AWS provider building and decoding the
    // provider's 13 MB schema; a lazier Go garbage collector (for both) cuts the
    // CPU time of a test run by about a quarter (measured: 8.2 s -> 6.1 s).
    GOGC: process.env.GOGC ?? "400",
    // One provider install, the suite's, also used by the stacks tested alone.
    TF_DATA_DIR: join(suiteDir, ".terraform"),
  };
  if (mirror && "path" in mirror) {
    env.TF_CLI_CONFIG_FILE = join(workDir, "terraform.rc");
    writeMirrorCliConfig(env.TF_CLI_CONFIG_FILE, mirror.path);
  }
  const init = await terraform(suiteDir, ["init", "-backend=false", "-input=false", "-no-color"], env);
  if (init.code !== 0) {
    process.stderr.write(`\n$ terraform init   (in ${suiteDir})\n${init.stdout}${init.stderr}\n`);
    console.log("terraform checks FAILED: terraform init of the providers the stacks require");
    return 1;
  }
  const lockFile = join(suiteDir, ".terraform.lock.hcl");
  const installed = /provider "registry.terraform.io\/hashicorp\/aws" \{\s*version\s*=\s*"([^"]+)"/.exec(
    readFileSync(lockFile, "utf8"),
  )?.[1];

  // The suite's test files shared among one terraform process per core, then each stack that runs alone.
  const status = new Map<string, string>();
  const problems = new Map<string, string[]>();
  const note = (unit: string, lines: readonly string[]) =>
    problems.set(unit, [...(problems.get(unit) ?? []), ...lines]);
  const runs = [
    ...groups(inSuite, availableParallelism()).map((share) => async () => {
      const args = ["test", "-json", "-no-color", ...share.map((unit) => `-filter=${testFileOf(unit)}`)];
      const run = await terraform(suiteDir, args, env);
      const outcome = suiteOutcome(`${run.stdout}\n${run.stderr}`);
      for (const unit of share) {
        status.set(unit, outcome.files.get(testFileOf(unit)) ?? "did not run");
        note(unit, [...(outcome.problems.get(testFileOf(unit)) ?? []), ...(outcome.problems.get(unit) ?? [])]);
      }
      if (outcome.unplaced.length > 0 || (run.code !== 0 && outcome.files.size === 0))
        process.stderr.write(
          `\n$ terraform test   (in ${suiteDir})\n${outcome.unplaced.join("\n") || `${run.stdout}${run.stderr}`}\n`,
        );
    }),
    ...alone.map(({ unit, dir }) => async () => {
      copyFileSync(lockFile, join(dir, ".terraform.lock.hcl"));
      const run = await terraform(dir, ["test", "-json", "-no-color"], env);
      const outcome = suiteOutcome(`${run.stdout}\n${run.stderr}`);
      status.set(unit, outcome.files.get("mocked.tftest.hcl") ?? "did not run");
      note(unit, [...[...outcome.problems.values()].flat(), ...outcome.unplaced]);
    }),
  ];
  await inParallel(runs, availableParallelism(), (run) => run());

  let failed = 0;
  for (const name of stackNames) {
    const plan = plans.get(name);
    const json = stacks.get(name) as StackJson;
    const what = plan
      ? count(plan.peerings.length, "peering")
      : count(Object.keys(json.resource?.aws_iam_role ?? {}).length, "role");
    for (const [format] of FORMATS) {
      const unit = `${format}/${name}`;
      const found = [...new Set(problems.get(unit) ?? [])];
      const ok = status.get(unit) === "pass" && found.length === 0;
      if (!ok) {
        failed++;
        process.stderr.write(
          `${name} (${format.toUpperCase()}): ${found.join("\n  ") || `test ${status.get(unit)}`}\n`,
        );
      }
      console.log(
        `${ok ? "ok  " : "FAIL"} ${name} (${format === "json" ? "JSON" : "HCL, npm run synth:hcl"}): validate, mocked plan and assertions, no warnings (${what})`,
      );
    }
  }
  const from = mirror && "path" in mirror ? `from ${mirror.path}` : "from the registry";
  console.log(
    failed === 0
      ? `terraform checks passed: ${source}, ${count(stackNames.length, "stack")} as JSON and HCL, with Terraform ${version} and AWS provider ${installed ?? "?"} ${from}`
      : `terraform checks FAILED: ${failed} of ${count(stackNames.length * 2, "stack check")}`,
  );
  return failed === 0 ? 0 : 1;
}

/** The same stacks as `npm run synth:hcl` writes them. */
function synthesizeHcl(network: Network, outdir: string): void {
  const previous = process.env.SYNTH_HCL_OUTPUT;
  process.env.SYNTH_HCL_OUTPUT = "true";
  try {
    synthesizeNetwork(network, outdir);
  } finally {
    if (previous === undefined) delete process.env.SYNTH_HCL_OUTPUT;
    else process.env.SYNTH_HCL_OUTPUT = previous;
  }
}

runCommand(main);
