import "./token-stack-traces";
import { existsSync, readdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { App, TerraformStack } from "cdktf";
import type { Network, RoleMode } from "../model/network";
import { renderPeeringReport } from "../report/peering-report";
import { readStackSummaries, summarizeStack } from "../report/stack-summary";
import type { Finding } from "../validation/finding";
import { planStacks } from "../model/stacks";
import { accountDocuments } from "../iam/account-documents";
import { IAM_DIR, writeIamDocuments } from "../iam/write-documents";
import { BootstrapStack } from "./bootstrap-stack";
import { PeeringAccountStack } from "./peering-account-stack";

/** Options of {@link buildApp}. */
export interface BuildAppOptions {
  /** Where the app writes. */
  readonly outdir: string;
  /**
   * Where the output ends up, when it is written to a staging folder first.
   * @default outdir
   */
  readonly finalOutdir?: string;
  /**
   * Folder that holds local state files.
   * @default the current working directory
   */
  readonly projectDir?: string;
  /**
   * Which roles the providers assume.
   * @default "deploy"
   */
  readonly roles?: RoleMode;
}

/**
 * Builds the cdktf app of a validated network (see {@link addPeeringStacks}).
 * Local state files live in the project folder (`terraform.<stack>.tfstate`),
 * outside the output folder that every synth replaces; their paths are
 * written relative to each stack's folder so that the output is the same on
 * every machine.
 */
export function buildApp(network: Network, options: BuildAppOptions): App {
  const { outdir, finalOutdir = outdir, projectDir = process.cwd(), roles } = options;
  const app = new App({ outdir });
  addPeeringStacks(app, network, { outdir: finalOutdir, projectDir, roles });
  return app;
}

/** Where the output and the local state files live, and which roles the providers assume. */
export interface StackOptions {
  /** The output folder the stacks end up in. */
  readonly outdir: string;
  /** The folder that holds local state files. */
  readonly projectDir: string;
  /**
   * Which roles the providers assume.
   * @default "deploy"
   */
  readonly roles?: RoleMode;
}

/**
 * Adds one {@link PeeringAccountStack} per requesting account to an app, and
 * with `bootstrap: true` one {@link BootstrapStack} per account that has a role.
 */
export function addPeeringStacks(app: App, network: Network, location: StackOptions): TerraformStack[] {
  const localStatePath = (stackName: string) =>
    relative(resolve(location.outdir, "stacks", stackName), resolve(location.projectDir, `terraform.${stackName}.tfstate`));
  const stacks: TerraformStack[] = planStacks(network).map(
    (plan) => new PeeringAccountStack(app, { network, plan, localStatePath: localStatePath(plan.name), roles: location.roles }),
  );
  if (network.bootstrap && network.iam) {
    for (const documents of accountDocuments(network).filter((d) => d.trust)) {
      const regions = [...network.vpcs.values()].filter((vpc) => vpc.account.name === documents.account.name).map((vpc) => vpc.region);
      const name = `bootstrap-${documents.account.name}`;
      stacks.push(new BootstrapStack(app, { network, documents, region: [...regions].sort()[0], localStatePath: localStatePath(name) }));
    }
  }
  return stacks;
}

/** The reviewer's report, written beside the stacks by every synth. */
export const REPORT_FILE = "peering-report.md";

/** Options of {@link synthesizeNetwork}. */
export interface SynthesizeOptions {
  /**
   * Which roles the providers assume.
   * @default "deploy"
   */
  readonly roles?: RoleMode;
  /**
   * Validation warnings, listed in the report.
   * @default []
   */
  readonly warnings?: readonly Finding[];
}

/**
 * Synthesizes a validated network into `outdir`, all or nothing: the stacks
 * and the peering report (`peering-report.md`) are written to a sibling folder first and swapped in only once complete, so
 * a failure leaves the previous output as it was. What Terraform left in a
 * stack's folder (`.terraform/`, `.terraform.lock.hcl`, plan files) is carried
 * over; the folders of stacks that no longer exist are removed.
 */
export function synthesizeNetwork(network: Network, outdir: string, options: SynthesizeOptions = {}): void {
  const staging = `${outdir}.partial-${process.pid}`;
  const previous = `${outdir}.previous-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  try {
    const app = buildApp(network, { outdir: staging, finalOutdir: outdir, roles: options.roles });
    app.synth();
    // `cdktf synth --hcl` makes the app write HCL; the summaries then come from the stacks in memory.
    const stacks = app.hclOutput
      ? app.node.children.filter(TerraformStack.isStack).map((stack) => summarizeStack(stack.node.id, stack.toTerraform()))
      : readStackSummaries(staging);
    const report = renderPeeringReport({ network, warnings: options.warnings ?? [], stacks });
    writeFileSync(join(staging, REPORT_FILE), report);
    if (network.iam) writeIamDocuments(network, join(staging, IAM_DIR));
  } catch (cause) {
    rmSync(staging, { recursive: true, force: true });
    throw cause;
  }
  if (existsSync(outdir)) {
    carryOverTerraformFiles(outdir, staging);
    renameSync(outdir, previous);
  }
  renameSync(staging, outdir);
  rmSync(previous, { recursive: true, force: true });
}

/** What Terraform itself keeps in a stack folder: provider installs, the lock file, saved plans, local state. */
function isTerraformFile(name: string): boolean {
  return name.startsWith(".terraform") || name.endsWith(".tfplan") || name.includes(".tfstate");
}

/**
 * Moves what Terraform wrote into the old stack folders to the new ones, for
 * stacks that still exist. Synthesized files are never carried over, so a
 * `cdk.tf.json` left from a JSON synth cannot sit beside a new HCL `cdk.tf`.
 */
function carryOverTerraformFiles(oldOutdir: string, newOutdir: string): void {
  const newStacks = join(newOutdir, "stacks");
  const oldStacks = join(oldOutdir, "stacks");
  if (!existsSync(oldStacks) || !existsSync(newStacks)) return;
  for (const stack of readdirSync(newStacks)) {
    const oldDir = join(oldStacks, stack);
    if (!existsSync(oldDir)) continue;
    for (const entry of readdirSync(oldDir).filter(isTerraformFile)) {
      renameSync(join(oldDir, entry), join(newStacks, stack, entry));
    }
  }
}
