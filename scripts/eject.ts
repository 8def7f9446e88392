/**
 * `npm run eject -- <folder> [--hcl]`: the way out of CDKTF that keeps the
 * state. Synthesizes the config in effect (config/config.ts or
 * PEERING_CONFIG; with the deploy roles: PEERING_ROLES=plan is refused) and writes each stack into
 * `<folder>/<stack>/cdk.tf.json` (or `cdk.tf` with --hcl). The only change
 * to a stack is its local backend path, rewritten to reach the same state
 * file from the new folder; s3 and cloud backends are left as they are.
 * Refuses a folder that is not empty and not an earlier eject.
 */
import "../stacks/token-stack-traces";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { App } from "cdktf";
import { formatFinding } from "../core/finding";
import { runCommand } from "../output/run-command";
import { addPeeringStacks } from "../stacks/synthesize";
import { loadConfig } from "../validation/load";
import { EjectTargetError, ejectStacks } from "./eject/eject-stacks";

const USAGE = "usage: npm run eject -- <folder> [--hcl]";

function main(): number {
  const args = process.argv.slice(2);
  const unknown = args.filter((a) => a.startsWith("-") && a !== "--hcl");
  const folders = args.filter((a) => !a.startsWith("-"));
  if (unknown.length > 0 || folders.length !== 1) {
    process.stderr.write(
      `${unknown.length > 0 ? `unknown option ${unknown[0]}; ` : "name one folder to eject into; "}${USAGE}\n`,
    );
    return 2;
  }
  const target = resolve(folders[0]);
  if (process.env.PEERING_ROLES === "plan") {
    process.stderr.write(
      "PEERING_ROLES=plan: eject writes the stacks you will apply, which assume the deploy roles; run it without PEERING_ROLES\n",
    );
    return 1;
  }
  const { network, warnings, source, roles } = loadConfig();
  for (const warning of warnings) process.stderr.write(`warning: ${formatFinding(warning)}\n`);
  const projectDir = process.cwd();
  const outdir = resolve(process.env.CDKTF_OUTDIR ?? "cdktf.out");
  const scratch = mkdtempSync(join(tmpdir(), "peering-eject-"));
  try {
    const app = new App({ outdir: scratch });
    const stacks = addPeeringStacks(app, network, { outdir, projectDir, roles });
    const formatHcl = (file: string) => {
      spawnSync("terraform", ["fmt", "-no-color", file], {
        stdio: "ignore",
        env: { ...process.env, TF_CLI_CONFIG_FILE: "/dev/null" },
      });
    };
    const ejected = ejectStacks({ stacks, outdir, target, format: args.includes("--hcl") ? "hcl" : "json", formatHcl });
    const fromProject = relative(projectDir, target);
    const shown = fromProject === "" ? "." : fromProject.startsWith("..") ? target : fromProject;
    for (const stack of ejected) {
      const state =
        "localPath" in stack.state
          ? `local state ${stack.state.localPath} (the same file, ${relative(projectDir, stack.state.stateFile)}; keep it where it is, or move it and edit this path)`
          : `${stack.state.backend} backend unchanged`;
      process.stdout.write(`ejected ${stack.name} -> ${join(shown, stack.file)}: ${state}\n`);
    }
    process.stdout.write(
      `ejected ${ejected.length} stack(s) of ${source} into ${shown}/; run terraform init there before the first plan\n`,
    );
    return 0;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

runCommand(main, [EjectTargetError]);
