import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stripVTControlCharacters } from "node:util";
import { cliSynth, projectDir, runInProject } from "../support/synth-process";
import { compliantConfig } from "../validation/fixture";

describe("GIVEN a config with one warning, synthesized through the real CLI (npx cdktf synth)", () => {
  const work = mkdtempSync(join(tmpdir(), "peering-cli-output-"));
  afterAll(() => rmSync(work, { recursive: true, force: true }));
  const config = compliantConfig();
  delete config.accounts.far.externalId;
  const file = join(work, "warning.json");
  writeFileSync(file, JSON.stringify(config));
  const result = runInProject(cliSynth(join(work, "out")), { PEERING_CONFIG: file });
  // The CLI clears its spinner with escape codes before each line it passes on.
  const plain = (text: string) => stripVTControlCharacters(text);
  const output = plain(`${result.stdout}${result.stderr}`);

  it("THEN the warning is printed as a warning, never as [ERROR]", () => {
    expect(result.status).toBe(0);
    expect(plain(result.stdout)).toMatch(/^warning: accounts\.far\.externalId: .* \[cross-account-roles\]$/m);
    expect(output).not.toContain("[ERROR]");
  });
});

describe("GIVEN the project's CLI settings", () => {
  it("THEN cdktf.json ships no projectId shared by every fork", () => {
    const cdktfJson = JSON.parse(readFileSync(join(projectDir, "cdktf.json"), "utf8")) as Record<string, unknown>;
    expect(Object.keys(cdktfJson)).not.toContain("projectId");
  });

  it("THEN the README documents CHECKPOINT_DISABLE and the CLI's telemetry", () => {
    const readme = readFileSync(join(projectDir, "README.md"), "utf8");
    expect(readme).toContain("CHECKPOINT_DISABLE");
    expect(readme).toMatch(/telemetry/i);
  });

  it("THEN every npm script that runs TypeScript starts with checkpoint calls disabled (scripts/run-ts.js sets CHECKPOINT_DISABLE)", () => {
    const launcher = readFileSync(join(projectDir, "scripts", "run-ts.js"), "utf8");
    expect(launcher).toContain('process.env.CHECKPOINT_DISABLE ??= "1"');
  });
});
