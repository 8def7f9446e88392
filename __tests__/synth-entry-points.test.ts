import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BAD_CONFIG_YAML, npmSynth, projectDir, runInProject, snapshotTree } from "./support/synth-process";
import { compliantConfig } from "./validation/fixture";

// The real CLI's cases are in cli-entry-points.test.ts, so that Jest runs the two files side by side.

describe("GIVEN an output folder synthesized from the example by npm run synth's entry point", () => {
  const work = mkdtempSync(join(tmpdir(), "peering-synth-"));
  const outdir = join(work, "cdktf.out");
  const first = runInProject(npmSynth, { CDKTF_OUTDIR: outdir });
  const badConfig = join(work, "bad.yaml");
  writeFileSync(badConfig, BAD_CONFIG_YAML);

  it("THEN it wrote every stack and the report, and no staging folder is left", () => {
    expect(first.status).toBe(0);
    expect(existsSync(join(outdir, "stacks", "peering-shared", "cdk.tf.json"))).toBe(true);
    expect(existsSync(join(outdir, "stacks", "peering-app", "cdk.tf.json"))).toBe(true);
    expect(readFileSync(join(outdir, "peering-report.md"), "utf8")).toContain("# VPC peering report: acme-net");
    expect(readdirSync(work).filter((name) => name.includes(".partial-") || name.includes(".previous-"))).toEqual([]);
  });

  it("THEN the launcher's bundle names its own source map and leaves no partial file behind", () => {
    const build = join(projectDir, ".build");
    expect(readFileSync(join(build, "main.js"), "utf8").trimEnd().endsWith("//# sourceMappingURL=main.js.map")).toBe(true);
    expect(existsSync(join(build, "main.js.map"))).toBe(true);
    expect(readdirSync(build).filter((name) => name.includes(".partial"))).toEqual([]);
  });

  describe("WHEN a bad config is synthesized through main.ts", () => {
    const before = snapshotTree(outdir);
    const result = runInProject(npmSynth, { CDKTF_OUTDIR: outdir, PEERING_CONFIG: badConfig });

    it("THEN it exits non-zero listing every problem, and the previous output is unchanged byte for byte", () => {
      expect(result.status).toBe(1);
      expect(result.stderr).toContain("vpcs.x.vpcId:");
      expect(result.stderr).toContain("did you mean 10.0.0.0/16?");
      expect(snapshotTree(outdir)).toEqual(before);
    });
  });

  describe("WHEN a config with only a warning is synthesized", () => {
    const config = compliantConfig();
    delete config.accounts.far.externalId;
    const file = join(work, "warning.json");
    writeFileSync(file, JSON.stringify(config));
    const result = runInProject(npmSynth, { CDKTF_OUTDIR: join(work, "warned.out"), PEERING_CONFIG: file });
    const strict = runInProject(npmSynth, {
      CDKTF_OUTDIR: join(work, "strict.out"),
      PEERING_CONFIG: file,
      PEERING_STRICT: "1",
    });

    it("THEN the warning is printed on stderr and synthesis goes on", () => {
      expect(result.status).toBe(0);
      expect(result.stderr).toContain("warning: accounts.far.externalId:");
      expect(existsSync(join(work, "warned.out", "stacks", "peering-hub", "cdk.tf.json"))).toBe(true);
    });

    it("THEN PEERING_STRICT=1 makes it an error and nothing is written", () => {
      expect(strict.status).toBe(1);
      expect(strict.stderr).toContain("accounts.far.externalId");
      expect(existsSync(join(work, "strict.out"))).toBe(false);
    });
  });
});
