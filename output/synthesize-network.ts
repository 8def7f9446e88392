import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { TerraformStack } from "cdktf";
import type { RoleMode } from "../config/role-mode";
import type { Finding } from "../core/finding";
import type { Network } from "../model/network";
import { renderPeeringReport } from "../report/peering-report";
import { readStackSummaries, summarizeStack } from "../report/stack-summary";
import { buildApp } from "../stacks/synthesize";
import { RETIRED_DIR, replaceOutput } from "./replace-output";
import { stackHcl } from "./stack-hcl";
import { IAM_DIR, writeIamDocuments } from "./write-iam-documents";

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
  /**
   * The project root, which the output must never be (nor any folder above it).
   * @default the folder above this module that holds package.json
   */
  readonly projectDir?: string;
}

/** What a synth wrote, and what the user should hear about. */
export interface SynthesisResult {
  /** The stacks written, by name. */
  readonly stacks: readonly string[];
  /** Stacks of the previous output that are gone, kept under `retired/` (see {@link replaceOutput}). */
  readonly retiredStacks: readonly string[];
  /** Whether IAM documents were written (the config has `iam`). */
  readonly iamDocuments: boolean;
  /** Every file synth wrote, relative to the output folder, with `/` separators. */
  readonly files: readonly string[];
  /** Warnings about the output itself, one line each. */
  readonly notes: readonly string[];
}

/**
 * Synthesizes a validated network into `outdir`, all or nothing (see
 * {@link replaceOutput}): the stacks, `manifest.json`, the peering report and
 * the IAM documents are written to a staging folder and swapped in only once
 * complete, so a failure leaves the previous output as it was. Synth replaces
 * only what it wrote itself; everything else in the folder is carried over.
 *
 * @throws OutputFolderError when `outdir` may not be replaced or cannot be written
 */
export function synthesizeNetwork(network: Network, outdir: string, options: SynthesizeOptions = {}): SynthesisResult {
  const projectDir = options.projectDir ?? findProjectDir();
  let stackNames: string[] = [];
  const replaced = replaceOutput(outdir, { projectDir }, (staging) => {
    const app = buildApp(network, { outdir: staging, finalOutdir: outdir, roles: options.roles });
    app.synth();
    // `cdktf synth --hcl` makes the app write HCL; the summaries then come from the stacks in memory.
    const stacks = app.hclOutput
      ? app.node.children.filter(TerraformStack.isStack).map((stack) => {
          const json = stack.toTerraform();
          const file = join(staging, "stacks", stack.node.id, "cdk.tf");
          writeFileSync(file, stackHcl(readFileSync(file, "utf8"), json));
          return summarizeStack(stack.node.id, json);
        })
      : readStackSummaries(staging);
    stackNames = stacks.map((stack) => stack.name);
    const report = renderPeeringReport({ network, warnings: options.warnings ?? [], stacks });
    writeFileSync(join(staging, REPORT_FILE), report);
    if (network.iam) writeIamDocuments(network, join(staging, IAM_DIR));
  });
  const notes = [
    ...replaced.notes,
    ...replaced.retiredStacks.map(
      (stack) =>
        `stack ${stack} is no longer synthesized; its folder moved to ${join(outdir, RETIRED_DIR, stack)}/. ` +
        "If its state still holds resources, they are no longer managed: run terraform destroy there, or put its account back under accounts",
    ),
  ];
  return {
    stacks: stackNames,
    retiredStacks: replaced.retiredStacks,
    iamDocuments: network.iam !== undefined,
    files: replaced.files,
    notes,
  };
}

/** The nearest folder above this module (or the bundle that holds it) with a package.json: the project root. */
function findProjectDir(): string {
  for (let dir = __dirname; dir !== dirname(dir); dir = dirname(dir)) {
    if (existsSync(join(dir, "package.json"))) return dir;
  }
  return process.cwd();
}
