/**
 * Entry point of `npm run synth` and of `npx cdktf synth` (cdktf.json's app):
 * load and validate the config, print its warnings, synthesize the stacks.
 * A config with errors stops here with every error listed and a non-zero exit;
 * nothing is written.
 */
import { loadConfig } from "./config/load";
import { ConfigValidationError, formatFinding } from "./validation/finding";
import { synthesizeNetwork } from "./stacks/synthesize";

function main(): void {
  const { network, warnings, source, roles } = loadConfig();
  for (const warning of warnings) process.stderr.write(`warning: ${formatFinding(warning)}\n`);
  const outdir = process.env.CDKTF_OUTDIR ?? "cdktf.out";
  synthesizeNetwork(network, outdir, { roles, warnings });
  process.stdout.write(`synthesized ${source} into ${outdir}/stacks/${roles === "plan" ? " (read-only plan roles)" : ""}\n`);
}

try {
  main();
} catch (cause) {
  if (cause instanceof ConfigValidationError) {
    process.stderr.write(`${cause.message}\n`);
    process.exit(1);
  }
  throw cause;
}
