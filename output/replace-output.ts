import { existsSync, lstatSync, mkdirSync, readdirSync, renameSync, rmdirSync, rmSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { outputErrorFrom } from "./output-error";
import { checkOutputFolder, type ProtectedFolders } from "./output-folder";
import { isProcessAlive, lockOutputFolder } from "./output-lock";
import {
  completeOutputRecord,
  OUTPUT_RECORD,
  type OutputRecord,
  parseRecord,
  readOutputRecord,
  startOutputRecord,
} from "./output-record";

/** Where the stack folders of stacks that are no longer synthesized are kept, inside the output folder. */
export const RETIRED_DIR = "retired";

/** What {@link replaceOutput} did besides writing. */
export interface ReplaceOutputResult {
  /** The real folder written (a symlinked output followed to its target). */
  readonly path: string;
  /** Stacks the previous output had and the new one does not; their folders moved to `retired/<stack>/`. */
  readonly retiredStacks: readonly string[];
  /** Things worth telling the user: recovered interrupted synths, files kept beside a new file of the same name. */
  readonly notes: readonly string[];
  /** Every file `write` wrote, as the output record lists them. */
  readonly files: readonly string[];
}

/**
 * Replaces an output folder with what `write` puts into a fresh staging
 * folder, all or nothing:
 *
 * 1. the folder is checked ({@link checkOutputFolder}) and locked (`<folder>.lock`),
 *    so concurrent synths run one after the other;
 * 2. what an interrupted synth left (`<folder>.partial-<pid>`,
 *    `<folder>.previous-<pid>` of a process that is gone) is finished or rolled back;
 * 3. `write` fills `<folder>.partial-<pid>`; if it throws, the staging folder
 *    is removed and the previous output stays exactly as it was;
 * 4. the previous output is moved aside, everything in it that synth did not
 *    write is moved into the new output (Terraform's `.terraform/`, lock
 *    files, saved plans of any name, your own files), the folders of stacks
 *    that disappeared move to `retired/<stack>/`, and the new output takes
 *    the folder's place. Only files the previous synth recorded as its own
 *    are deleted.
 *
 * @throws OutputFolderError when the folder may not be replaced or cannot be written
 */
export function replaceOutput(
  given: string,
  protect: ProtectedFolders,
  write: (staging: string) => void,
): ReplaceOutputResult {
  const first = checkOutputFolder(given, protect);
  const release = lockOutputFolder(first.path, given);
  try {
    const notes = recoverInterruptedSynths(first.path);
    const folder = checkOutputFolder(given, protect);
    const staging = `${folder.path}.partial-${process.pid}`;
    const previous = `${folder.path}.previous-${process.pid}`;
    try {
      mkdirSync(staging);
      startOutputRecord(staging);
    } catch (cause) {
      rmSync(staging, { recursive: true, force: true });
      throw outputErrorFrom(cause, given);
    }
    let record: OutputRecord;
    try {
      write(staging);
      record = completeOutputRecord(staging);
    } catch (cause) {
      rmSync(staging, { recursive: true, force: true });
      throw cause;
    }
    try {
      const carried = { retiredStacks: [] as string[], notes };
      if (folder.previous) {
        renameSync(folder.path, previous);
        carryOver(previous, staging, folder.previous, carried);
      } else if (existsSync(folder.path)) {
        rmdirSync(folder.path); // an empty folder (checkOutputFolder refuses any other)
      }
      renameSync(staging, folder.path);
      rmSync(previous, { recursive: true, force: true });
      return { path: folder.path, files: record.files, ...carried };
    } catch (cause) {
      throw outputErrorFrom(cause, given);
    }
  } finally {
    release();
  }
}

/**
 * Moves everything in `oldDir` that the previous synth did not write (per its
 * record) into `newDir`, at the same place. A stack folder that `newDir` no
 * longer has moves whole to `retired/<stack>/`, with its last synthesized
 * file, so that `terraform destroy` can still run there. A file of ours that
 * now has the name of a file you kept is not overwritten: yours moves to
 * `<name>.kept`.
 */
function carryOver(
  oldDir: string,
  newDir: string,
  record: OutputRecord,
  result: { retiredStacks: string[]; notes: string[] },
): void {
  const written = new Set(record.files);
  const foldersWithWrittenFiles = new Set(record.files.flatMap((file) => ancestorsOf(file)));
  const walk = (rel: string) => {
    for (const name of readdirSync(join(oldDir, rel))) {
      const path = rel === "" ? name : `${rel}/${name}`;
      if (path === OUTPUT_RECORD || written.has(path)) continue;
      const from = join(oldDir, path);
      const isFolder = lstatSync(from).isDirectory();
      if (rel === "stacks" && isFolder && !existsSync(join(newDir, path))) {
        const target = join(newDir, RETIRED_DIR, uniqueName(join(newDir, RETIRED_DIR), name));
        mkdirSync(dirname(target), { recursive: true });
        renameSync(from, target);
        result.retiredStacks.push(name);
        continue;
      }
      if (isFolder && foldersWithWrittenFiles.has(path)) {
        walk(path);
        continue;
      }
      const to = join(newDir, path);
      if (isFolder && existsSync(to) && lstatSync(to).isDirectory()) {
        walk(path);
        continue;
      }
      mkdirSync(dirname(to), { recursive: true });
      if (existsSync(to)) {
        const kept = `${path}.kept`;
        renameSync(from, join(newDir, kept));
        result.notes.push(`kept your ${path} as ${kept}: synth now writes a file of that name`);
      } else {
        renameSync(from, to);
      }
    }
  };
  walk("");
}

function ancestorsOf(file: string): string[] {
  const parts = file.split("/");
  return parts.slice(0, -1).map((_, i) => parts.slice(0, i + 1).join("/"));
}

function uniqueName(folder: string, name: string): string {
  let candidate = name;
  for (let i = 2; existsSync(join(folder, candidate)); i++) candidate = `${name}-${i}`;
  return candidate;
}

/**
 * Finishes or rolls back the swaps of synths into `folder` that were killed:
 * a complete staging folder is swapped in (roll forward), an incomplete one
 * is removed and a moved-aside output is moved back (roll back). Only folders
 * that carry our output record are touched.
 */
function recoverInterruptedSynths(folder: string): string[] {
  const parent = dirname(folder);
  const base = basename(folder);
  const pattern = new RegExp(`^${base.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\.(partial|previous)-(\\d+)$`);
  const stalePids = new Set<number>();
  for (const name of readdirSync(parent)) {
    const match = pattern.exec(name);
    if (match && !isProcessAlive(Number(match[2]))) stalePids.add(Number(match[2]));
  }
  const notes: string[] = [];
  for (const pid of [...stalePids].sort((a, b) => a - b)) {
    const partial = `${folder}.partial-${pid}`;
    const previous = `${folder}.previous-${pid}`;
    const partialRecord = existsSync(partial) ? parseRecord(join(partial, OUTPUT_RECORD)) : undefined;
    const previousRecord = existsSync(previous) ? readOutputRecord(previous) : undefined;
    if (!existsSync(folder) && partialRecord?.complete) {
      const carried = { retiredStacks: [] as string[], notes };
      if (previousRecord) carryOver(previous, partial, previousRecord, carried);
      renameSync(partial, folder);
      if (previousRecord) rmSync(previous, { recursive: true, force: true });
      notes.push(`finished the swap of an interrupted synth (process ${pid}) into ${base}`);
      continue;
    }
    if (!existsSync(folder) && previousRecord) {
      renameSync(previous, folder);
      notes.push(`rolled back an interrupted synth (process ${pid}): restored the previous ${base}`);
    } else if (previousRecord) {
      const carried = { retiredStacks: [] as string[], notes };
      carryOver(previous, folder, previousRecord, carried);
      rmSync(previous, { recursive: true, force: true });
      notes.push(`removed what an interrupted synth (process ${pid}) left beside ${base}`);
    }
    if (partialRecord && existsSync(partial)) rmSync(partial, { recursive: true, force: true });
  }
  return notes;
}
