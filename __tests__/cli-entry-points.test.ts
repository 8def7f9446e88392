import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { BAD_CONFIG_YAML, cliSynth, npmSynth, runInProject, snapshotTree } from "./support/synth-process";

// Each run of the real CLI costs its own start-up (about 4 s); these cases live apart
// from synth-entry-points.test.ts so that Jest runs the two files side by side.

type Run = ReturnType<typeof runInProject>;

/** A child process of the real CLI takes seconds, many more on a loaded machine. */
const CHILD_PROCESS_TIMEOUT = 300_000;

describe("GIVEN the example synthesized by npm run synth", () => {
  let work: string;
  let npmOutdir: string;
  let npm: Run;
  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), "peering-cli-"));
    npmOutdir = join(work, "npm.out");
    npm = runInProject(npmSynth, { CDKTF_OUTDIR: npmOutdir });
  }, CHILD_PROCESS_TIMEOUT);
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  describe("WHEN the real CLI (npx cdktf synth, through cdktf.json) synthesizes the same config", () => {
    let cliOutdir: string;
    let result: Run;
    beforeAll(() => {
      cliOutdir = join(work, "cli.out");
      result = runInProject(cliSynth(cliOutdir), {});
    }, CHILD_PROCESS_TIMEOUT);

    it("THEN it writes the same files, byte for byte", () => {
      expect(npm.status).toBe(0);
      expect(result.status).toBe(0);
      expect(snapshotTree(cliOutdir)).toEqual(snapshotTree(npmOutdir));
    });
  });

  describe("WHEN a bad config is synthesized through the real CLI into that output", () => {
    let before: ReturnType<typeof snapshotTree>;
    let result: Run;
    beforeAll(() => {
      const badConfig = join(work, "bad.yaml");
      writeFileSync(badConfig, BAD_CONFIG_YAML);
      before = snapshotTree(npmOutdir);
      result = runInProject(cliSynth(npmOutdir), { PEERING_CONFIG: badConfig });
    }, CHILD_PROCESS_TIMEOUT);

    it("THEN it fails naming the problems and the previous output is unchanged byte for byte", () => {
      expect(result.status).not.toBe(0);
      expect(`${result.stdout}${result.stderr}`).toContain("vpcs.x.vpcId:");
      expect(snapshotTree(npmOutdir)).toEqual(before);
    });
  });
});

describe("GIVEN an HCL output folder that still holds JSON from an earlier synth", () => {
  let work: string;
  let outdir: string;
  let stale: string;
  let result: Run;
  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), "peering-hcl-"));
    outdir = join(work, "hcl");
    stale = join(outdir, "stacks", "peering-app", "cdk.tf.json");
    mkdirSync(dirname(stale), { recursive: true });
    writeFileSync(stale, "{}");
    // An output of an earlier version of this project: a manifest, stacks, nothing else.
    const manifest = {
      version: "0.21.0",
      stacks: { "peering-app": { synthesizedStackPath: "stacks/peering-app/cdk.tf.json" } },
    };
    writeFileSync(join(outdir, "manifest.json"), JSON.stringify(manifest));
    writeFileSync(join(outdir, "stacks", "peering-app", ".terraform.lock.hcl"), "# kept");
    result = runInProject(["node", "scripts/synth-hcl.js"], { HCL_OUTDIR: outdir });
  }, CHILD_PROCESS_TIMEOUT);
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it("WHEN npm run synth:hcl runs THEN every stack is HCL, the stale JSON is gone and Terraform's own files stay", () => {
    expect(result.status).toBe(0);
    expect(readFileSync(join(outdir, "stacks", "peering-app", "cdk.tf"), "utf8")).toContain(
      'resource "aws_vpc_peering_connection" "app-to-data_connection"',
    );
    expect(existsSync(stale)).toBe(false);
    expect(readFileSync(join(outdir, "stacks", "peering-app", ".terraform.lock.hcl"), "utf8")).toBe("# kept");
  });
});
