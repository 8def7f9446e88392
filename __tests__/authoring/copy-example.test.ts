import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { npmSynth } from "../support/synth-process";
import { copyProject } from "./project-copy";

const synthIn = (dir: string) =>
  spawnSync(npmSynth[0], npmSynth.slice(1), {
    cwd: dir,
    encoding: "utf8",
    env: { ...process.env, CHECKPOINT_DISABLE: "1", CDKTF_OUTDIR: "out" },
  });

describe("GIVEN a fresh project", () => {
  const project = copyProject();
  afterAll(() => project.remove());

  it("WHEN the example is copied over config/config.ts THEN npm run synth synthesizes it", () => {
    copyFileSync(join(project.dir, "config", "example.ts"), join(project.dir, "config", "config.ts"));
    const result = synthIn(project.dir);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^synthesized config\/config\.ts: 6 stacks in out\/stacks\//);
    expect(existsSync(join(project.dir, "out", "stacks", "peering-shared", "cdk.tf.json"))).toBe(true);
  });

  it("WHEN config/config.ts has a syntax error THEN synth prints esbuild's message with file:line:column and the code frame, and no stack trace", () => {
    writeFileSync(
      join(project.dir, "config", "config.ts"),
      'export const config = {\n  project: "acme"\n  accounts: {},\n};\n',
    );
    const result = synthIn(project.dir);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("config/config.ts:3:2:");
    expect(result.stderr).toContain('Expected "}" but found "accounts"');
    expect(result.stderr).toContain("accounts: {},");
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.stderr).not.toMatch(/errors: \[|BuildFailure|Error: Build failed/);
    expect(result.stdout).toBe("");
  });

  it("WHEN config/config.ts exports its config under another name THEN synth says what to export, in one line", () => {
    writeFileSync(join(project.dir, "config", "config.ts"), 'export const network = { project: "acme" };\n');
    const result = synthIn(project.dir);
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(
      "config/config.ts has 1 problem; nothing was synthesized:\n  - (config): exports no config (it exports network); write `export const config = defineConfig({ ... })` (see config/example.ts)\n",
    );
  });
});
