/**
 * `npm run report`: prints the peering report of the config in effect (the
 * same Markdown every synth writes to cdktf.out/peering-report.md), without
 * touching cdktf.out.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig } from "../validation/load";
import { runCommand } from "../output/run-command";
import { REPORT_FILE, synthesizeNetwork } from "../output/synthesize-network";

runCommand(() => {
  const { network, warnings, roles } = loadConfig();
  const dir = mkdtempSync(join(tmpdir(), "peering-report-"));
  try {
    synthesizeNetwork(network, join(dir, "out"), { roles, warnings });
    process.stdout.write(readFileSync(join(dir, "out", REPORT_FILE), "utf8"));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
