/**
 * `npm run rehearse`: apply the config to a local AWS before applying it to
 * the real one. Synthesizes the config in effect (or takes an existing
 * output: `npm run rehearse -- --outdir cdktf.out`), starts the local AWS
 * (rehearsal/), seeds it from the config, applies the bootstrap stacks and
 * then the peering stacks with the real Terraform AWS provider, re-plans
 * each (must be clean) and, with `--destroy`, destroys everything again.
 * Prints per stack what was created, the AWS actions called and any denial
 * with the statement that is missing. `--dump world.json` writes the final
 * world. Prints one `SKIPPED: <why>` line when terraform or the provider
 * mirror is missing (an error when CI=true).
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { ConfigValidationError } from "../core/finding";
import { synthesizeNetwork } from "../output/synthesize-network";
import { describeOutcome, planDiff } from "../rehearsal/print";
import { inPhases, Rehearsal } from "../rehearsal/rehearsal";
import { pluginCacheDir, terraformMissing } from "../rehearsal/setup";
import { terraformSetup } from "../rehearsal/terraform";
import { dumpWorld } from "../rehearsal/world";
import { loadConfig } from "../validation/load";

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      outdir: { type: "string" },
      destroy: { type: "boolean", default: false },
      dump: { type: "string" },
      keep: { type: "boolean", default: false },
      stacks: { type: "string" },
    },
  });
  const missing = terraformMissing();
  if (missing) {
    console.log(`SKIPPED: ${missing}`);
    return process.env.CI === "true" ? 1 : 0;
  }
  const { network, source, warnings } = loadConfig();
  const workDir = mkdtempSync(join(tmpdir(), "rehearsal-"));
  try {
    const setup = terraformSetup(workDir, pluginCacheDir());
    if ("missing" in setup) {
      console.log(`SKIPPED: ${setup.missing}`);
      return process.env.CI === "true" ? 1 : 0;
    }
    let outdir = values.outdir ? resolve(values.outdir) : join(workDir, "cdktf.out");
    if (!values.outdir) synthesizeNetwork(network, outdir, { warnings });
    else outdir = resolve(values.outdir);
    const started = Date.now();
    const rehearsal = await Rehearsal.start(network, outdir, workDir, setup.env);
    const only = values.stacks?.split(",");
    const chosen = () => rehearsal.stacks().filter((s) => !only || only.includes(s));
    let failed = 0;
    let denials = 0;
    try {
      console.log(`rehearsing ${source} against the local AWS at ${rehearsal.aws.url}`);
      await inPhases(chosen(), async (stack) => {
        const o = await rehearsal.apply(stack);
        console.log(describeOutcome(o));
        denials += o.denials.length;
        if (!o.ok) failed++;
      });
      // Clean: no resource change. A check block's data source is read on every plan, which
      // `-detailed-exitcode` counts as a change (exit 2), so the plan's own change list decides.
      await inPhases(chosen(), async (stack) => {
        const { outcome: o, changes } = await rehearsal.plannedChanges(stack);
        const clean = o.ok && changes.length === 0;
        console.log(
          `${clean ? "ok  " : "FAIL"} ${stack}: re-plan ${clean ? "clean" : `not clean (exit ${o.exitCode}, ${changes.length} changes)`}`,
        );
        if (!clean) {
          failed++;
          console.log(planDiff(o.output));
        }
      });
      if (values.destroy) {
        await inPhases(
          chosen(),
          async (stack) => {
            const o = await rehearsal.destroy(stack);
            console.log(describeOutcome(o));
            denials += o.denials.length;
            if (!o.ok) failed++;
          },
          true,
        );
      }
      if (values.dump) writeFileSync(values.dump, dumpWorld(rehearsal.aws.world));
    } finally {
      await rehearsal.close();
    }
    const seconds = ((Date.now() - started) / 1000).toFixed(0);
    console.log(
      failed === 0
        ? `rehearsal passed in ${seconds} s: applied, re-planned clean${values.destroy ? ", destroyed" : ""}, ${denials} denials`
        : `rehearsal FAILED for ${failed} step(s), ${denials} denials (${seconds} s)`,
    );
    return failed === 0 && denials === 0 ? 0 : 1;
  } finally {
    if (!values.keep) rmSync(workDir, { recursive: true, force: true });
    else console.log(`kept ${workDir}`);
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (cause) => {
    if (!(cause instanceof ConfigValidationError)) throw cause;
    process.stderr.write(`${cause.message}\n`);
    process.exitCode = 1;
  },
);
