import { rmSync } from "node:fs";

/** Jest's global teardown: removes the temp folder the global setup made (see `temp-dir-setup.ts`). */
export default function teardown(): void {
  const dir = process.env.PEERING_TESTS_TMPDIR;
  if (dir) rmSync(dir, { recursive: true, force: true });
}
