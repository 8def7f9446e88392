import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import { join, relative, resolve, sep } from "node:path";
import type { TerraformStack } from "cdktf";
import { replaceFolder } from "../../output/replace-folder";
import { stackHcl } from "../../output/stack-hcl";

/** The file that marks a folder as written by `npm run eject`; a later eject may replace what it lists. */
export const EJECT_MARKER = ".vpc-peering-eject.json";

/** The files eject writes into each stack folder; everything else there (.terraform/, the lock file, plans) is kept on a later eject. */
const STACK_FILES = new Set(["cdk.tf.json", "cdk.tf"]);

/** How eject writes a stack. */
export type EjectFormat = "json" | "hcl";

/** Where the stacks come from and go to. */
export interface EjectOptions {
  /** The synthesized stacks, as `addPeeringStacks` made them for `outdir`; their local backend path is overridden in place, so eject a set of stacks once. */
  readonly stacks: readonly TerraformStack[];
  /** The output folder the stacks were made for (`cdktf.out`): their local backend paths are relative to `<outdir>/stacks/<stack>`. */
  readonly outdir: string;
  /** The folder to eject into: each stack goes to `<target>/<stack>/`. */
  readonly target: string;
  /** `json` (`cdk.tf.json`) or `hcl` (`cdk.tf`). */
  readonly format: EjectFormat;
  /**
   * Formats a written HCL file in place (the script runs `terraform fmt` when terraform is on the PATH).
   * @default none: the HCL is written as cdktf renders it
   */
  readonly formatHcl?: (file: string) => void;
}

/** What eject did with one stack. */
export interface EjectedStack {
  readonly name: string;
  /** The file written, relative to the target. */
  readonly file: string;
  /** The local backend's new path (relative to the stack's new folder), or the backend type left unchanged. */
  readonly state: { readonly localPath: string; readonly stateFile: string } | { readonly backend: string };
}

/** A target eject refuses, with a one-line reason and the fix. */
export class EjectTargetError extends Error {}

/** Refuses a target that would lose someone's files or be replaced by the next synth. */
function checkTarget(target: string, outdir: string): void {
  const inside = (parent: string) => {
    const rel = relative(resolve(parent), resolve(target));
    return rel === "" || (!rel.startsWith("..") && !rel.startsWith(sep) && !rel.includes(`:${sep}`));
  };
  if (inside(outdir))
    throw new EjectTargetError(
      `${target} is inside ${outdir}, which every synth replaces; eject into a folder outside it, e.g. ../network-terraform`,
    );
  if (!existsSync(target)) return;
  if (!statSync(target).isDirectory())
    throw new EjectTargetError(`${target} is a file; eject into a new or empty folder`);
  if (readdirSync(target).length > 0 && !existsSync(join(target, EJECT_MARKER))) {
    throw new EjectTargetError(
      `${target} is not empty and not an earlier eject (no ${EJECT_MARKER}); eject into a new or empty folder`,
    );
  }
}

/**
 * Points a stack's local backend at the same state file from its new folder
 * (the only change eject makes); s3 and cloud backends stay as they are.
 */
function rebaseLocalBackend(stack: TerraformStack, fromDir: string, toDir: string): EjectedStack["state"] {
  const backend =
    (stack.toTerraform() as { terraform?: { backend?: Record<string, { path?: string }> } }).terraform?.backend ?? {};
  const [type] = Object.keys(backend);
  if (type !== "local") return { backend: type ?? "none" };
  const stateFile = resolve(fromDir, backend.local.path ?? "terraform.tfstate");
  const localPath = relative(toDir, stateFile);
  stack.addOverride("terraform.backend.local.path", localPath);
  return { localPath, stateFile };
}

/**
 * Writes each stack into `<target>/<stack>/` as JSON or HCL, all or nothing
 * (a staging folder beside the target, swapped in at the end), with the
 * local backend rewritten to reach the same state file. A later eject into
 * the same folder keeps what Terraform and you added to it (`.terraform/`,
 * the lock file, other files, and the folders of stacks no longer
 * synthesized); only `cdk.tf.json`/`cdk.tf` are replaced.
 *
 * @throws EjectTargetError for a target that is not empty and not an earlier eject, or inside the output folder
 */
export function ejectStacks(options: EjectOptions): EjectedStack[] {
  const { stacks, outdir, target, format } = options;
  checkTarget(target, outdir);
  const fileName = format === "hcl" ? "cdk.tf" : "cdk.tf.json";
  return replaceFolder(target, (staging) => {
    const ejected = stacks.map((stack): EjectedStack => {
      const name = stack.node.id;
      const state = rebaseLocalBackend(stack, resolve(outdir, "stacks", name), resolve(target, name));
      mkdirSync(join(staging, name));
      const text =
        format === "hcl"
          ? // cdktf's HCL leaves out the check blocks (a raw override): appended as npm run synth:hcl does.
            stackHcl(stack.toHclTerraform().hcl, stack.toTerraform())
          : `${JSON.stringify(stack.toTerraform(), null, 2)}\n`;
      writeFileSync(join(staging, name, fileName), text);
      if (format === "hcl") options.formatHcl?.(join(staging, name, fileName));
      return { name, file: join(name, fileName), state };
    });
    writeFileSync(
      join(staging, EJECT_MARKER),
      `${JSON.stringify({ format, stacks: ejected.map((e) => e.name) }, null, 2)}\n`,
    );
    // Last, once everything new is written: move over what the earlier eject's folder holds besides our own files.
    if (existsSync(target)) carryOver(target, staging);
    return ejected;
  });
}

/** Moves everything of an earlier eject into the new one, except the stack files eject writes and the marker. */
function carryOver(previous: string, next: string): void {
  for (const entry of readdirSync(previous)) {
    if (entry === EJECT_MARKER) continue;
    const from = join(previous, entry);
    const to = join(next, entry);
    if (!existsSync(to)) {
      renameSync(from, to);
    } else if (statSync(from).isDirectory()) {
      for (const inner of readdirSync(from).filter((f) => !STACK_FILES.has(f)))
        renameSync(join(from, inner), join(to, inner));
    }
  }
}

/** The marker of an earlier eject, when the folder has one. */
export function readEjectMarker(target: string): { format: EjectFormat; stacks: string[] } | undefined {
  const file = join(target, EJECT_MARKER);
  return existsSync(file)
    ? (JSON.parse(readFileSync(file, "utf8")) as { format: EjectFormat; stacks: string[] })
    : undefined;
}
