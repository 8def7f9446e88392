import { existsSync, mkdirSync, renameSync, rmSync } from "node:fs";
import { basename, dirname, join } from "node:path";

/**
 * Replaces a folder all or nothing: `fill` writes the new content into a
 * sibling staging folder (`<name>.partial-<pid>`), which is swapped in only
 * once `fill` returns. If `fill` throws, the staging folder is removed and
 * the folder stays exactly as it was; nothing of the old content survives the
 * swap. The parent folder is created when missing.
 *
 * @returns what `fill` returned
 */
export function replaceFolder<T>(target: string, fill: (staging: string) => T): T {
  const parent = dirname(target);
  const staging = join(parent, `${basename(target)}.partial-${process.pid}`);
  const previous = join(parent, `${basename(target)}.previous-${process.pid}`);
  mkdirSync(parent, { recursive: true });
  rmSync(staging, { recursive: true, force: true });
  let result: T;
  try {
    mkdirSync(staging);
    result = fill(staging);
  } catch (cause) {
    rmSync(staging, { recursive: true, force: true });
    throw cause;
  }
  const hadTarget = existsSync(target);
  if (hadTarget) renameSync(target, previous);
  try {
    renameSync(staging, target);
  } catch (cause) {
    if (hadTarget) renameSync(previous, target);
    rmSync(staging, { recursive: true, force: true });
    throw cause;
  }
  rmSync(previous, { recursive: true, force: true });
  return result;
}
