#!/usr/bin/env node
/**
 * `npm run synth:hcl`: the same stacks as HCL (`cdktf synth --hcl`, or
 * `cdktn synth --hcl` after `npm run use-cdktn`), in their
 * own folder (`cdktf.out.hcl/`, or HCL_OUTDIR), for teams that want to read
 * or keep `.tf` files. Synth replaces what it wrote before, so a `cdk.tf.json`
 * of an earlier JSON synth into that folder is gone and Terraform never loads
 * the JSON and the HCL of a stack together.
 */
const { spawnSync } = require("node:child_process");
const path = require("node:path");
const { currentLibrary } = require("./cdk-library");

const outdir = path.resolve(process.env.HCL_OUTDIR ?? "cdktf.out.hcl");
const cli = path.resolve(__dirname, "..", "node_modules", ".bin", currentLibrary().cli.bin);
const result = spawnSync(cli, ["synth", "--hcl", "--output", outdir], {
  stdio: "inherit",
  env: { CHECKPOINT_DISABLE: "1", ...process.env },
});
if (result.status !== 0) process.exit(result.status ?? 1);

process.stdout.write(`HCL written to ${path.relative(process.cwd(), outdir) || "."}/stacks/<stack>/cdk.tf\n`);
