/**
 * Entry point of `npm run synth` and of `npx cdktf synth` (cdktf.json's app):
 * load and validate the config, print its warnings, synthesize the stacks.
 * A config with errors stops here with every error listed and a non-zero exit;
 * nothing is written.
 */

import { formatFinding, ruleTag } from "./core/finding";
import { warningWriter } from "./output/diagnostics";
import { runCommand } from "./output/run-command";
import { synthesizeNetwork } from "./output/synthesize-network";
import { loadConfig } from "./validation/load";

runCommand(() => {
  const { network, warnings, source, roles } = loadConfig();
  const open = warnings.filter((w) => w.acknowledged === undefined);
  const warn = warningWriter();
  for (const warning of open) warn(`warning: ${formatFinding(warning)}${ruleTag(warning)}`);
  const outdir = process.env.CDKTF_OUTDIR ?? "cdktf.out";
  const result = synthesizeNetwork(network, outdir, { roles, warnings });
  for (const note of result.notes) warn(`warning: ${note}`);
  const written = [
    `${result.stacks.length} stack${result.stacks.length === 1 ? "" : "s"} in ${outdir}/stacks/`,
    "peering-report.md",
    "manifest.json",
    ...(result.iamDocuments ? ["iam/"] : []),
  ];
  const mode = roles === "plan" ? " (read-only plan roles)" : "";
  process.stdout.write(`synthesized ${source}${mode}: ${written.join(", ")}\n`);
});
