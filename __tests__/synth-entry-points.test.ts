import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { compliantConfig } from "./validation/fixture";

const projectDir = resolve(__dirname, "..");
/** `npm run synth`'s command, run directly (npm itself adds nothing under test). */
const npmSynth = (JSON.parse(readFileSync(join(projectDir, "package.json"), "utf8")) as { scripts: { synth: string } }).scripts.synth.split(" ");

/** Every file below a folder with its content, for byte-for-byte comparison. */
function snapshotTree(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) {
      const path = join(entry.parentPath, entry.name);
      files[path.slice(dir.length)] = readFileSync(path, "utf8");
    }
  }
  return files;
}

function synth(command: string[], env: Record<string, string>) {
  return spawnSync(command[0], command.slice(1), {
    cwd: projectDir,
    encoding: "utf8",
    env: { ...process.env, CHECKPOINT_DISABLE: "1", TF_CLI_CONFIG_FILE: "/dev/null", ...env },
  });
}

describe("GIVEN an output folder synthesized from the example", () => {
  const work = mkdtempSync(join(tmpdir(), "peering-synth-"));
  const outdir = join(work, "cdktf.out");
  const first = synth(npmSynth, { CDKTF_OUTDIR: outdir });
  const badConfig = join(work, "bad.yaml");
  writeFileSync(
    badConfig,
    "project: acme\naccounts: { a: { accountId: '111111111111' } }\nvpcs: { x: { account: b, region: us-east-1, vpcId: vpc-1, cidrBlocks: [10.0.0.1/16] } }\npeerings: {}\n",
  );

  it("THEN npm run synth's entry point wrote every stack", () => {
    expect(first.status).toBe(0);
    expect(existsSync(join(outdir, "stacks", "peering-shared", "cdk.tf.json"))).toBe(true);
    expect(existsSync(join(outdir, "stacks", "peering-app", "cdk.tf.json"))).toBe(true);
    expect(readFileSync(join(outdir, "peering-report.md"), "utf8")).toContain("# VPC peering report: acme-net");
    expect(readdirSync(work).filter((name) => name.includes(".partial-") || name.includes(".previous-"))).toEqual([]);
  });

  it("THEN the launcher's bundle names its own source map, keeps V8's code cache beside it and leaves no partial file behind", () => {
    const build = join(projectDir, ".build");
    expect(readFileSync(join(build, "main.js"), "utf8").trimEnd().endsWith("//# sourceMappingURL=main.js.map")).toBe(true);
    expect(existsSync(join(build, "main.js.map"))).toBe(true);
    expect(readdirSync(build).filter((name) => /^main\.js\.[0-9a-f]{12}\.v8cache$/.test(name)).length).toBeGreaterThan(0);
    expect(readdirSync(build).filter((name) => name.includes(".partial"))).toEqual([]);
  });

  describe("WHEN the real CLI (npx cdktf synth, through cdktf.json) synthesizes the same config", () => {
    const cliOutdir = join(work, "cli.out");
    const result = synth(["npx", "cdktf", "synth", "--output", cliOutdir], {});

    it("THEN it writes the same files, byte for byte", () => {
      expect(result.status).toBe(0);
      expect(snapshotTree(cliOutdir)).toEqual(snapshotTree(outdir));
    });
  });

  describe("WHEN a bad config is synthesized through main.ts", () => {
    const before = snapshotTree(outdir);
    const result = synth(npmSynth, { CDKTF_OUTDIR: outdir, PEERING_CONFIG: badConfig });

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
    const result = synth(npmSynth, { CDKTF_OUTDIR: join(work, "warned.out"), PEERING_CONFIG: file });
    const strict = synth(npmSynth, {
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

  describe("WHEN a bad config is synthesized through the real CLI (npx cdktf synth)", () => {
    const before = snapshotTree(outdir);
    const result = synth(["npx", "cdktf", "synth", "--output", outdir], { PEERING_CONFIG: badConfig });

    it("THEN it fails and the previous output is unchanged byte for byte", () => {
      expect(result.status).not.toBe(0);
      expect(`${result.stdout}${result.stderr}`).toContain("vpcs.x.vpcId:");
      expect(snapshotTree(outdir)).toEqual(before);
    });
  });
});

describe("GIVEN an HCL output folder that still holds JSON from an earlier synth", () => {
  const work = mkdtempSync(join(tmpdir(), "peering-hcl-"));
  const outdir = join(work, "hcl");
  const stale = join(outdir, "stacks", "peering-app", "cdk.tf.json");
  mkdirSync(dirname(stale), { recursive: true });
  writeFileSync(stale, "{}");
  writeFileSync(join(outdir, "stacks", "peering-app", ".terraform.lock.hcl"), "# kept");
  const result = synth(["node", "scripts/synth-hcl.js"], { HCL_OUTDIR: outdir });

  it("WHEN npm run synth:hcl runs THEN every stack is HCL, the stale JSON is gone and Terraform's own files stay", () => {
    expect(result.status).toBe(0);
    expect(readFileSync(join(outdir, "stacks", "peering-app", "cdk.tf"), "utf8")).toContain('resource "aws_vpc_peering_connection" "app-to-data_connection"');
    expect(existsSync(stale)).toBe(false);
    expect(readFileSync(join(outdir, "stacks", "peering-app", ".terraform.lock.hcl"), "utf8")).toBe("# kept");
  });
});
