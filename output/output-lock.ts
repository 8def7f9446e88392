import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from "node:fs";
import { OutputFolderError, outputErrorFrom } from "./output-error";

/** True when a process with this id runs (one we may not signal counts as running). */
export function isProcessAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (cause) {
    return (cause as NodeJS.ErrnoException).code === "EPERM";
  }
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Takes `<folder>.lock` for this process, so that concurrent synths into one
 * folder run one after the other. A lock whose process is gone is taken over.
 *
 * @returns a function that releases the lock
 * @throws OutputFolderError when another live synth holds it for longer than `waitMs`
 */
export function lockOutputFolder(folder: string, given: string, waitMs = 120_000): () => void {
  const lock = `${folder}.lock`;
  const deadline = Date.now() + waitMs;
  for (;;) {
    try {
      const fd = openSync(lock, "wx");
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => {
        if (ownerOf(lock) === process.pid) unlinkSync(lock);
      };
    } catch (cause) {
      if ((cause as NodeJS.ErrnoException).code !== "EEXIST") throw outputErrorFrom(cause, `${given}.lock`);
    }
    const owner = ownerOf(lock);
    if (owner === undefined || !isProcessAlive(owner)) {
      try {
        unlinkSync(lock);
      } catch {
        // Another synth took the stale lock over first; try again.
      }
      continue;
    }
    if (Date.now() > deadline) {
      throw new OutputFolderError(
        `another synth (process ${owner}) is writing ${given}; wait for it to finish, or delete ${given}.lock if no synth is running`,
      );
    }
    sleep(100);
  }
}

function ownerOf(lock: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(lock, "utf8"), 10);
    return Number.isSafeInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}
