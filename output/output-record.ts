import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join, relative, sep } from "node:path";

/**
 * The file every synth writes into its output folder, listing the files it
 * wrote. It is what makes a folder recognisably an output of this project,
 * and it tells the next synth what it may replace: everything else in the
 * folder (Terraform's `.terraform/`, lock files, saved plans, your own notes)
 * is carried over untouched.
 */
export const OUTPUT_RECORD = ".peering-output.json";

/** The contents of {@link OUTPUT_RECORD}. */
export interface OutputRecord {
  /** Always `cdktf-vpc-peering`: the program that wrote the folder. */
  readonly writtenBy: typeof WRITER;
  /** False while synth is still writing: a folder left so was interrupted. */
  readonly complete: boolean;
  /** Every file synth wrote, relative to the folder, with `/` separators, sorted. */
  readonly files: readonly string[];
}

const WRITER = "cdktf-vpc-peering";
/** What synth wrote at the top of an output folder before output records existed. */
const LEGACY_ENTRIES = new Set(["manifest.json", "peering-report.md", "stacks", "iam"]);

/** Marks a folder as an output being written (not yet complete). */
export function startOutputRecord(dir: string): void {
  writeRecord(dir, { writtenBy: WRITER, complete: false, files: [] });
}

/** Marks a folder as a complete output, listing every file in it as written by synth. */
export function completeOutputRecord(dir: string): OutputRecord {
  const record: OutputRecord = {
    writtenBy: WRITER,
    complete: true,
    files: listFiles(dir).filter((f) => f !== OUTPUT_RECORD),
  };
  writeRecord(dir, record);
  return record;
}

/**
 * What synth wrote into `dir`, when `dir` is one of its outputs: a folder
 * with an {@link OUTPUT_RECORD} and a `manifest.json`, or an output of an
 * earlier version of this project (only `manifest.json`, `peering-report.md`,
 * `stacks/` and `iam/` at its top, with a cdktf manifest). Undefined otherwise.
 */
export function readOutputRecord(dir: string): OutputRecord | undefined {
  const recorded = parseRecord(join(dir, OUTPUT_RECORD));
  if (recorded) return existsSync(join(dir, "manifest.json")) || !recorded.complete ? recorded : undefined;
  return legacyRecord(dir);
}

/** Reads a record written by {@link startOutputRecord} or {@link completeOutputRecord}, if that is what the file holds. */
export function parseRecord(file: string): OutputRecord | undefined {
  try {
    const value = JSON.parse(readFileSync(file, "utf8")) as Partial<OutputRecord>;
    if (value.writtenBy !== WRITER || typeof value.complete !== "boolean" || !Array.isArray(value.files))
      return undefined;
    return {
      writtenBy: WRITER,
      complete: value.complete,
      files: value.files.filter((f): f is string => typeof f === "string"),
    };
  } catch {
    return undefined;
  }
}

function legacyRecord(dir: string): OutputRecord | undefined {
  let manifest: { version?: unknown; stacks?: Record<string, { synthesizedStackPath?: unknown }> };
  try {
    manifest = JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8"));
  } catch {
    return undefined;
  }
  if (typeof manifest.version !== "string" || typeof manifest.stacks !== "object" || manifest.stacks === null)
    return undefined;
  if (!readdirSync(dir).every((entry) => LEGACY_ENTRIES.has(entry))) return undefined;
  const stackFiles = Object.values(manifest.stacks).flatMap((stack) =>
    typeof stack.synthesizedStackPath === "string" ? [stack.synthesizedStackPath.replace(/^\.\//, "")] : [],
  );
  const iamFiles = existsSync(join(dir, "iam")) ? readdirSync(join(dir, "iam")).map((name) => `iam/${name}`) : [];
  const files = ["manifest.json", "peering-report.md", ...stackFiles, ...iamFiles].filter((f) =>
    existsSync(join(dir, f)),
  );
  return { writtenBy: WRITER, complete: true, files: files.sort() };
}

function writeRecord(dir: string, record: OutputRecord): void {
  writeFileSync(join(dir, OUTPUT_RECORD), `${JSON.stringify(record, null, 2)}\n`);
}

/** Every file under `dir` (symlinks count as files and are not followed), relative with `/` separators, sorted. */
function listFiles(dir: string): string[] {
  const files: string[] = [];
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else files.push(relative(dir, path).split(sep).join("/"));
    }
  };
  if (statSync(dir).isDirectory()) walk(dir);
  return files.sort();
}
