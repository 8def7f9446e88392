import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * Jest's global setup: every test, and every child process a test starts,
 * gets one temp folder of its own (TMPDIR), which the global teardown
 * removes. Folders a test or a tool forgets (cdktf's `Testing.app()` makes a
 * `cdktf.outdir.*` folder per app and never removes it) go with it, so
 * `npm test` leaves nothing in the system's temp folder.
 */
export default function setup(): void {
  const dir = mkdtempSync(join(tmpdir(), "peering-tests-"));
  process.env.PEERING_TESTS_TMPDIR = dir;
  process.env.TMPDIR = dir;
}
