import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { BAD_CONFIG_YAML, cliSynth, npmSynth, runInProject, snapshotTree } from "./support/synth-process";

// Each run of the real CLI costs its own start-up (about 4 s); these cases live apart
// from synth-entry-points.test.ts so that Jest runs the two files side by side.

describe("GIVEN the example synthesized by npm run synth", () => {
  const work = mkdtempSync(join(tmpdir(), "peering-cli-"));
  const npmOutdir = join(work, "npm.out");
  const npm = runInProject(npmSynth, { CDKTF_OUTDIR: npmOutdir });

  describe("WHEN the real CLI (npx cdktf synth, through cdktf.json) synthesizes the same config", () => {
    const cliOutdir = join(work, "cli.out");
    const result = runInProject(cliSynth(cliOutdir), {});

    it("THEN it writes the same files, byte for byte", () => {
      expect(npm.status).toBe(0);
      expect(result.status).toBe(0);
      expect(snapshotTree(cliOutdir)).toEqual(snapshotTree(npmOutdir));
    });
  });

  describe("WHEN a bad config is synthesized through the real CLI into that output", () => {
    const badConfig = join(work, "bad.yaml");
    writeFileSync(badConfig, BAD_CONFIG_YAML);
    const before = snapshotTree(npmOutdir);
    const result = runInProject(cliSynth(npmOutdir), { PEERING_CONFIG: badConfig });

    it("THEN it fails naming the problems and the previous output is unchanged byte for byte", () => {
      expect(result.status).not.toBe(0);
      expect(`${result.stdout}${result.stderr}`).toContain("vpcs.x.vpcId:");
      expect(snapshotTree(npmOutdir)).toEqual(before);
    });
  });
});

describe("GIVEN an HCL output folder that still holds JSON from an earlier synth", () => {
  const work = mkdtempSync(join(tmpdir(), "peering-hcl-"));
  const outdir = join(work, "hcl");
  const stale = join(outdir, "stacks", "peering-app", "cdk.tf.json");
  mkdirSync(dirname(stale), { recursive: true });
  writeFileSync(stale, "{}");
  // An output of an earlier version of this project: a manifest, stacks, nothing else.
  const manifest = { version: "0.21.0", stacks: { "peering-app": { synthesizedStackPath: "stacks/peering-app/cdk.tf.json" } } };
  writeFileSync(join(outdir, "manifest.json"), JSON.stringify(manifest));
  writeFileSync(join(outdir, "stacks", "peering-app", ".terraform.lock.hcl"), "# kept");
  const result = runInProject(["node", "scripts/synth-hcl.js"], { HCL_OUTDIR: outdir });

  it("WHEN npm run synth:hcl runs THEN every stack is HCL, the stale JSON is gone and Terraform's own files stay", () => {
    expect(result.status).toBe(0);
    expect(readFileSync(join(outdir, "stacks", "peering-app", "cdk.tf"), "utf8")).toContain('resource "aws_vpc_peering_connection" "app-to-data_connection"');
    expect(existsSync(stale)).toBe(false);
    expect(readFileSync(join(outdir, "stacks", "peering-app", ".terraform.lock.hcl"), "utf8")).toBe("# kept");
  });
});
