/**
 * `npm run report`: prints the peering report of the config in effect (the
 * same Markdown every synth writes to cdktf.out/peering-report.md), rendered
 * from the stacks in memory, without writing anything.
 */

import { peeringReportInMemory } from "../output/report-in-memory";
import { runCommand } from "../output/run-command";
import { loadConfig } from "../validation/load";

runCommand(() => {
  const { network, warnings, roles } = loadConfig();
  process.stdout.write(peeringReportInMemory(network, { roles, warnings }));
});
