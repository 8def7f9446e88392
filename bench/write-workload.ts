/**
 * `node scripts/run-ts.js bench/write-workload.ts <peerings> <accounts> <file.json>`:
 * writes the benchmark's workload as a config file, for `PEERING_CONFIG`
 * (scripts/cdktn-variant.sh synthesizes 1,000 peerings over 50 accounts with
 * both libraries and compares the stacks).
 */
import { writeFileSync } from "node:fs";
import { manyPeeringsConfig } from "../config/examples/many-peerings";

const [peerings, accounts, file] = process.argv.slice(2);
if (!file || !(Number(peerings) > 0) || !(Number(accounts) > 0)) {
  process.stderr.write("usage: node scripts/run-ts.js bench/write-workload.ts <peerings> <accounts> <file.json>\n");
  process.exit(2);
}
writeFileSync(file, JSON.stringify(manyPeeringsConfig(Number(peerings), Number(accounts))));
