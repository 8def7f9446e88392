import { type SpawnSyncReturns, spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { currentLibrary } from "../../scripts/cdk-library";

/** The project folder, where npm and the cdktf CLI run. */
export const projectDir = resolve(__dirname, "..", "..");

/** `npm run synth`'s command, run directly (npm itself adds nothing under test). */
export const npmSynth = (
  JSON.parse(readFileSync(join(projectDir, "package.json"), "utf8")) as { scripts: { synth: string } }
).scripts.synth.split(" ");

/** The real CLI, as a user runs it: `npx cdktf synth --output <outdir>` (cdktf.json's app), or `npx cdktn ...` after `npm run use-cdktn`. */
export const cliSynth = (outdir: string): string[] => ["npx", currentLibrary().cli.bin, "synth", "--output", outdir];

/** Every file below a folder with its content, for byte-for-byte comparison. */
export function snapshotTree(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) {
      const path = join(entry.parentPath, entry.name);
      files[path.slice(dir.length)] = readFileSync(path, "utf8");
    }
  }
  return files;
}

/** Runs a command in the project folder, offline (no checkpoint calls, no CLI config). */
export function runInProject(command: readonly string[], env: Record<string, string>): SpawnSyncReturns<string> {
  return spawnSync(command[0], command.slice(1), {
    cwd: projectDir,
    encoding: "utf8",
    env: { ...process.env, CHECKPOINT_DISABLE: "1", TF_CLI_CONFIG_FILE: "/dev/null", ...env },
  });
}

/** A config with two errors: an unknown account and a CIDR with host bits set. */
export const BAD_CONFIG_YAML =
  "project: acme\naccounts: { a: { accountId: '111111111111' } }\nvpcs: { x: { account: b, region: us-east-1, vpcId: vpc-1, cidrBlocks: [10.0.0.1/16] } }\npeerings: {}\n";
