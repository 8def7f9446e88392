import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Network } from "../model/network";
import { type TerraformResult, terraform } from "../scripts/terraform/run-terraform";
import { addRecordedCalls, type ObservedActions, readProviderLog } from "./observe";
import { renderOverride } from "./override";
import { seedWorld } from "./seed";
import { type LocalAws, startLocalAws } from "./server";
import { type CallRecord, emptyWorld } from "./world";

/**
 * A rehearsal: the local AWS seeded from the config, and each synthesized
 * stack copied to its own folder (with the override that points it at the
 * local AWS), where terraform init / apply / plan / destroy run for real.
 */

/** What one terraform command did to one stack. */
export interface StackOutcome {
  readonly stack: string;
  readonly command: string;
  readonly ok: boolean;
  readonly exitCode: number;
  /** Addresses created / destroyed, from terraform's own progress lines. */
  readonly created: string[];
  readonly destroyed: string[];
  /** The AWS calls the provider made, in order (action and decision). */
  readonly calls: CallRecord[];
  readonly denials: CallRecord[];
  readonly output: string;
  readonly seconds: number;
}

/** A planned change of one resource (from `terraform show -json`). */
export interface PlannedChange {
  readonly address: string;
  readonly previousAddress?: string;
  readonly actions: string[];
  readonly importing: boolean;
  /** For an update: the top-level attributes whose planned value differs from the current one. */
  readonly changedAttributes: string[];
}

/** Bootstrap stacks first (they create the roles), then the peering stacks. */
export function stackOrder(names: readonly string[]): string[] {
  const rank = (n: string) => (n.startsWith("bootstrap-") ? 0 : 1);
  return [...names].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

/** How many stacks run terraform at once: 1 by default, as parallel runs were slower on the 2-core machine (3 bootstrap stacks: 102 s in parallel, 45 s one after the other). */
export function concurrency(): number {
  return Number(process.env.REHEARSAL_CONCURRENCY ?? 1);
}

/**
 * Runs `fn` over the stacks in phases: the bootstrap stacks, then the
 * peering stacks (reversed for destroy); the stacks of a phase run in
 * parallel, as they touch different accounts' resources.
 */
export async function inPhases<T>(
  stacks: readonly string[],
  fn: (stack: string) => Promise<T>,
  reverse = false,
): Promise<T[]> {
  const bootstrap = stacks.filter((s) => s.startsWith("bootstrap-"));
  const peering = stacks.filter((s) => !s.startsWith("bootstrap-"));
  const results: T[] = [];
  for (const phase of reverse ? [peering, bootstrap] : [bootstrap, peering]) {
    const queue = [...phase];
    const phaseResults = new Map<string, T>();
    const worker = async () => {
      for (let stack = queue.shift(); stack !== undefined; stack = queue.shift())
        phaseResults.set(stack, await fn(stack));
    };
    await Promise.all(Array.from({ length: Math.max(1, concurrency()) }, worker));
    results.push(...phase.map((s) => phaseResults.get(s) as T));
  }
  return results;
}

/** A running rehearsal. */
export class Rehearsal {
  /** When set, the actions the provider calls are recorded here, per resource type and operation. */
  observed?: ObservedActions;

  private constructor(
    readonly aws: LocalAws,
    readonly workDir: string,
    readonly env: NodeJS.ProcessEnv,
    private outdir: string,
  ) {}

  /** Starts the local AWS, seeds it from the network and the synthesized output. */
  static async start(network: Network, outdir: string, workDir: string, env: NodeJS.ProcessEnv): Promise<Rehearsal> {
    const world = emptyWorld();
    seedWorld(world, network, { outdir });
    const aws = await startLocalAws(world);
    mkdirSync(join(workDir, "stacks"), { recursive: true });
    return new Rehearsal(aws, workDir, env, outdir);
  }

  /**
   * A rehearsal on a local AWS that is already running, seeded by the caller
   * (an estate made by hand, as `npm run discover` finds it), not from the config.
   */
  static onWorld(aws: LocalAws, outdir: string, workDir: string, env: NodeJS.ProcessEnv): Rehearsal {
    mkdirSync(join(workDir, "stacks"), { recursive: true });
    return new Rehearsal(aws, workDir, env, outdir);
  }

  /** The stacks of the current output, in apply order. */
  stacks(): string[] {
    return stackOrder(readdirSync(join(this.outdir, "stacks")));
  }

  /** Uses another synthesized output (a changed config) for the next commands; state stays. */
  useOutput(outdir: string): void {
    this.outdir = outdir;
  }

  /** The folder a stack runs in. */
  stackDir(stack: string): string {
    return join(this.workDir, "stacks", stack);
  }

  /** Copies the stack's synthesized JSON and writes the override; runs terraform init the first time. */
  async prepare(stack: string): Promise<TerraformResult> {
    const dir = this.stackDir(stack);
    mkdirSync(dir, { recursive: true });
    const source = join(this.outdir, "stacks", stack, "cdk.tf.json");
    copyFileSync(source, join(dir, "cdk.tf.json"));
    const keyFor = (baseKey: string) => {
      const key = `${baseKey}-${stack}`;
      const base = this.aws.world.sessions[baseKey];
      if (base) this.aws.world.sessions[key] = { ...base, client: stack };
      return key;
    };
    writeFileSync(
      join(dir, "rehearsal_override.tf.json"),
      renderOverride(JSON.parse(readFileSync(source, "utf8")), this.aws.url, keyFor),
    );
    if (existsSync(join(dir, ".terraform"))) return { code: 0, stdout: "", stderr: "" };
    return terraform(dir, ["init", "-input=false", "-no-color"], this.env);
  }

  /** Runs one terraform command in a stack and reports what it did. */
  async run(stack: string, args: readonly string[], applyAs = "update"): Promise<StackOutcome> {
    const started = Date.now();
    const init = await this.prepare(stack);
    const first = this.aws.world.calls.length;
    const log = join(this.stackDir(stack), "provider-debug.log");
    const env = this.observed ? { ...this.env, TF_LOG_PROVIDER: "DEBUG", TF_LOG_PATH: log } : this.env;
    const result =
      init.code === 0 ? await terraform(this.stackDir(stack), [...args, "-no-color", "-input=false"], env) : init;
    if (this.observed) readProviderLog(log, applyAs, this.observed);
    const calls = this.aws.world.calls.slice(first).filter((c) => c.client === stack);
    if (this.observed)
      addRecordedCalls(
        this.observed,
        args[0],
        calls.filter((c) => c.decision === "allow").map((c) => c.action),
      );
    const output = result.stdout + result.stderr;
    const addresses = (verb: string) =>
      [...output.matchAll(new RegExp(`^(\\S+): ${verb} complete`, "gm"))].map((m) => m[1]);
    return {
      stack,
      command: args[0],
      ok: result.code === 0 || (args.includes("-detailed-exitcode") && result.code === 2),
      exitCode: result.code,
      created: addresses("Creation"),
      destroyed: addresses("Destruction"),
      calls,
      denials: calls.filter((c) => c.decision === "deny"),
      output,
      seconds: (Date.now() - started) / 1000,
    };
  }

  /** terraform apply -auto-approve. */
  apply(stack: string, applyAs = "create"): Promise<StackOutcome> {
    return this.run(stack, ["apply", "-auto-approve"], applyAs);
  }

  /** terraform destroy -auto-approve. */
  destroy(stack: string): Promise<StackOutcome> {
    return this.run(stack, ["destroy", "-auto-approve"], "delete");
  }

  /** The stack's outputs after an apply (`terraform output -json`): name to value. */
  async outputs(stack: string): Promise<Record<string, unknown>> {
    const shown = await terraform(this.stackDir(stack), ["output", "-json", "-no-color"], this.env);
    const outputs = JSON.parse(shown.stdout || "{}") as Record<string, { value: unknown }>;
    return Object.fromEntries(Object.entries(outputs).map(([name, output]) => [name, output.value]));
  }

  /** terraform plan -detailed-exitcode (0: no changes, 2: changes; a check block's data source read counts as one). */
  plan(stack: string): Promise<StackOutcome> {
    return this.run(stack, ["plan", "-detailed-exitcode", "-lock=false"]);
  }

  /** The changes a plan would make (creates, deletes, imports, moves), from `terraform show -json`. */
  async plannedChanges(stack: string): Promise<{ outcome: StackOutcome; changes: PlannedChange[] }> {
    const outcome = await this.run(stack, ["plan", "-out=rehearsal.tfplan", "-lock=false"]);
    if (!outcome.ok) return { outcome, changes: [] };
    const shown = await terraform(this.stackDir(stack), ["show", "-json", "rehearsal.tfplan"], this.env);
    const plan = JSON.parse(shown.stdout) as {
      resource_changes?: Array<{
        address: string;
        previous_address?: string;
        change: {
          actions: string[];
          importing?: unknown;
          before?: Record<string, unknown> | null;
          after?: Record<string, unknown> | null;
          after_unknown?: Record<string, unknown>;
        };
      }>;
    };
    const differing = (change: (typeof plan.resource_changes & object)[number]["change"]) => {
      const before = change.before ?? {};
      const after = change.after ?? {};
      return [...new Set([...Object.keys(before), ...Object.keys(after)])]
        .filter(
          (k) =>
            JSON.stringify(before[k]) !== JSON.stringify(after[k]) ||
            (change.after_unknown?.[k] !== undefined && change.after_unknown[k] !== false),
        )
        .sort();
    };
    // A data source read is not a change of the infrastructure, so not listed here. The stacks' only data
    // sources are the check blocks' (constructs/peering-connection-check.ts), read on every plan
    // (`read_because_check_nested`), or at apply when the connection they read has changes pending.
    const changes = (plan.resource_changes ?? [])
      .filter((c) => c.change.actions.join() !== "read")
      .map((c) => ({
        address: c.address,
        previousAddress: c.previous_address,
        actions: c.change.actions,
        importing: c.change.importing !== undefined,
        changedAttributes: c.change.actions.includes("update") ? differing(c.change) : [],
      }))
      .filter((c) => c.importing || c.previousAddress !== undefined || c.actions.join() !== "no-op");
    return { outcome, changes };
  }

  /** Stops the local AWS. */
  close(): Promise<void> {
    return this.aws.close();
  }
}
