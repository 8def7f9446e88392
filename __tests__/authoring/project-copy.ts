import { cpSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { projectDir } from "../support/synth-process";

/** Folders of the project that a throwaway copy leaves out (node_modules is linked instead). */
const LEFT_OUT = new Set([
  "node_modules",
  ".build",
  ".git",
  "cdktf.out",
  "__tests__",
  ".terraform-check",
  ".stock",
  ".work",
  "bench",
]);

/**
 * A throwaway copy of the project (its sources, node_modules linked), for a
 * test that edits config/config.ts as a user would. `remove()` deletes it.
 */
export function copyProject(): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), "peering-copy-"));
  cpSync(projectDir, dir, {
    recursive: true,
    filter: (source) => {
      const relative = source.slice(projectDir.length + 1);
      return !LEFT_OUT.has(relative.split("/")[0]) && !relative.startsWith("cdktf.out");
    },
  });
  symlinkSync(join(projectDir, "node_modules"), join(dir, "node_modules"));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
