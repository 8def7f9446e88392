import { existsSync, lstatSync, mkdirSync, readdirSync, realpathSync, statSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, isAbsolute, parse, relative, resolve } from "node:path";
import { OutputFolderError, outputErrorFrom } from "./output-error";
import { type OutputRecord, readOutputRecord } from "./output-record";

/** Where synth may write, once checked by {@link checkOutputFolder}. */
export interface OutputFolder {
  /** The path as the user gave it (for messages). */
  readonly given: string;
  /** The real folder to replace: the path resolved, with a symlinked folder followed to its target. */
  readonly path: string;
  /** What the previous synth wrote there, when the folder is a previous output; undefined when it does not exist yet. */
  readonly previous?: OutputRecord;
}

/** The folders synth must never replace, whatever the output path says. */
export interface ProtectedFolders {
  /** The project root (the folder of `package.json`): neither it nor any folder above it is an output. */
  readonly projectDir: string;
  /** The current working directory: neither it nor any folder above it is an output. */
  readonly cwd?: string;
  /** The home folder. @default os.homedir() */
  readonly home?: string;
}

/**
 * Checks that `given` is a folder synth may replace, and creates its parent
 * when missing. Synth replaces a folder only when it is recognisably one of
 * its own previous outputs (see {@link readOutputRecord}); it refuses, with
 * one line naming the path and why: an empty path, `/`, the home folder, the
 * project root or any folder above it (or above the working directory), a
 * file, a dangling symlink, and a non-empty folder that is not an output. A
 * symlinked output folder is followed: its target is replaced, the link stays.
 *
 * @throws OutputFolderError naming the path and the reason
 */
export function checkOutputFolder(given: string, protect: ProtectedFolders): OutputFolder {
  if (given.trim() === "") {
    throw new OutputFolderError(
      "the output path is empty; set CDKTF_OUTDIR (or --output) to a folder such as cdktf.out",
    );
  }
  let path = resolve(given);
  const link = lstatOrUndefined(path);
  if (link?.isSymbolicLink()) {
    if (!existsSync(path))
      throw new OutputFolderError(
        `the output folder ${given} is a symlink to nothing; point it at a folder or remove it`,
      );
    path = realpathSync(path);
  }
  const guarded: Array<[string, string]> = [
    [parse(path).root, "the filesystem root"],
    [protect.home ?? homedir(), "your home folder"],
  ];
  for (const [folder, what] of guarded) {
    if (samePath(path, folder))
      throw new OutputFolderError(
        `refusing to write the output into ${given}: it is ${what}; use a folder of its own such as cdktf.out`,
      );
  }
  for (const [folder, what] of [
    [protect.projectDir, "the project folder"],
    [protect.cwd ?? process.cwd(), "the working directory"],
  ] as const) {
    if (isSameOrAbove(path, folder)) {
      throw new OutputFolderError(
        `refusing to write the output into ${given}: it is ${what} or a folder above it, which synth would replace; use a folder of its own such as cdktf.out`,
      );
    }
  }
  const stat = statOrUndefined(path);
  if (!stat) {
    createParent(path, given);
    return { given, path };
  }
  if (!stat.isDirectory())
    throw new OutputFolderError(
      `the output path ${given} is a file, not a folder; move the file or choose another folder`,
    );
  const previous = readOutputRecord(path);
  if (!previous && readdirSync(path).length > 0) {
    throw new OutputFolderError(
      `refusing to replace ${given}: it is not empty and was not written by synth (no output record or manifest.json); choose a new or empty folder`,
    );
  }
  return { given, path, previous };
}

function createParent(path: string, given: string): void {
  try {
    mkdirSync(dirname(path), { recursive: true });
  } catch (cause) {
    throw outputErrorFrom(cause, given);
  }
}

function lstatOrUndefined(path: string) {
  try {
    return lstatSync(path);
  } catch {
    return undefined;
  }
}

function statOrUndefined(path: string) {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

/** The real path of a folder, or the resolved path when it does not exist. */
function real(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return resolve(path);
  }
}

function samePath(a: string, b: string): boolean {
  return real(a) === real(b);
}

/** True when `candidate` is `folder` or one of the folders above it. */
function isSameOrAbove(candidate: string, folder: string): boolean {
  const rel = relative(real(candidate), real(folder));
  return rel === "" || (!rel.startsWith("..") && !isAbsolute(rel));
}
