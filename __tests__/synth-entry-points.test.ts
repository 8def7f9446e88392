import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BAD_CONFIG_YAML, npmSynth, projectDir, runInProject, snapshotTree } from "./support/synth-process";
import { compliantConfig } from "./validation/fixture";

// The real CLI's cases are in cli-entry-points.test.ts, so that Jest runs the two files side by side.

type Run = ReturnType<typeof runInProject>;

/** A child process of the entry point takes seconds, many more on a loaded machine. */
const CHILD_PROCESS_TIMEOUT = 300_000;

describe("GIVEN an output folder synthesized from the example by npm run synth's entry point", () => {
  let work: string;
  let outdir: string;
  let first: Run;
  let badConfig: string;
  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), "peering-synth-"));
    outdir = join(work, "cdktf.out");
    first = runInProject(npmSynth, { CDKTF_OUTDIR: outdir });
    badConfig = join(work, "bad.yaml");
    writeFileSync(badConfig, BAD_CONFIG_YAML);
  }, CHILD_PROCESS_TIMEOUT);
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it("THEN it wrote every stack and the report, and no staging folder is left", () => {
    expect(first.status).toBe(0);
    expect(existsSync(join(outdir, "stacks", "peering-shared", "cdk.tf.json"))).toBe(true);
    expect(existsSync(join(outdir, "stacks", "peering-app", "cdk.tf.json"))).toBe(true);
    expect(readFileSync(join(outdir, "peering-report.md"), "utf8")).toContain("# VPC peering report: acme-net");
    expect(readdirSync(work).filter((name) => name.includes(".partial-") || name.includes(".previous-"))).toEqual([]);
  });

  it("THEN the launcher's bundle names its own source map and leaves no partial file behind", () => {
    const build = join(projectDir, ".build");
    expect(readFileSync(join(build, "main.js"), "utf8").trimEnd().endsWith("//# sourceMappingURL=main.js.map")).toBe(
      true,
    );
    expect(existsSync(join(build, "main.js.map"))).toBe(true);
    expect(readdirSync(build).filter((name) => name.includes(".partial"))).toEqual([]);
  });

  describe("WHEN a bad config is synthesized through main.ts", () => {
    let before: ReturnType<typeof snapshotTree>;
    let result: Run;
    beforeAll(() => {
      before = snapshotTree(outdir);
      result = runInProject(npmSynth, { CDKTF_OUTDIR: outdir, PEERING_CONFIG: badConfig });
    }, CHILD_PROCESS_TIMEOUT);

    it("THEN it exits non-zero listing every problem, and the previous output is unchanged byte for byte", () => {
      expect(result.status).toBe(1);
      expect(result.stderr).toContain("vpcs.x.vpcId:");
      expect(result.stderr).toContain("did you mean 10.0.0.0/16?");
      expect(snapshotTree(outdir)).toEqual(before);
    });
  });

  describe("WHEN a config with only a warning is synthesized", () => {
    let result: Run;
    let strict: Run;
    beforeAll(() => {
      const config = compliantConfig();
      delete config.accounts.far.externalId;
      const file = join(work, "warning.json");
      writeFileSync(file, JSON.stringify(config));
      result = runInProject(npmSynth, { CDKTF_OUTDIR: join(work, "warned.out"), PEERING_CONFIG: file });
      strict = runInProject(npmSynth, {
        CDKTF_OUTDIR: join(work, "strict.out"),
        PEERING_CONFIG: file,
        PEERING_STRICT: "1",
      });
    }, CHILD_PROCESS_TIMEOUT);

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
