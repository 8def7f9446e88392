import { spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { cannotCheck, isCi } from "../scripts/terraform/skip-policy";
import { projectDir } from "./support/synth-process";

describe("GIVEN the skip policy of npm run validate", () => {
  it("THEN CI is any value of CI but empty, false or 0", () => {
    expect(["true", "1", "TRUE", "yes"].filter((ci) => !isCi({ CI: ci }))).toEqual([]);
    expect([undefined, "", "false", "0", " False "].filter((ci) => isCi({ CI: ci }))).toEqual([]);
  });

  it("THEN locally it is one SKIPPED line on stdout and success, in CI one FAILED line on stderr and exit code 1", () => {
    expect(cannotCheck("terraform is not on the PATH", {})).toEqual({
      line: "terraform checks SKIPPED: terraform is not on the PATH",
      stream: "stdout",
      exitCode: 0,
    });
    expect(cannotCheck("terraform is not on the PATH", { CI: "true" })).toEqual({
      line: "terraform checks FAILED: terraform is not on the PATH; CI=true does not allow skipping them",
      stream: "stderr",
      exitCode: 1,
    });
  });
});

describe("GIVEN npm run validate on a machine that cannot check", () => {
  const work = mkdtempSync(join(tmpdir(), "peering-validate-"));
  afterAll(() => rmSync(work, { recursive: true, force: true }));
  const noTerraform = dirname(process.execPath); // node only
  const fakeBin = join(work, "bin");
  mkdirSync(fakeBin);
  // A terraform that answers `terraform version -json` and nothing else: enough to reach the mirror lookup.
  writeFileSync(join(fakeBin, "terraform"), '#!/bin/sh\necho \'{"terraform_version":"1.11.4"}\'\n');
  chmodSync(join(fakeBin, "terraform"), 0o755);
  const emptyMirror = join(work, "empty-mirror");
  mkdirSync(emptyMirror);

  const validate = (env: Record<string, string>) =>
    spawnSync(process.execPath, ["scripts/run-ts.js", "scripts/terraform-check.ts"], {
      cwd: projectDir,
      encoding: "utf8",
      env: { HOME: work, TF_PROVIDER_MIRROR: emptyMirror, ...env },
    });

  it("WHEN terraform is missing and CI is not set THEN it prints one SKIPPED line and succeeds", () => {
    const result = validate({ PATH: noTerraform });
    expect(result.stdout).toBe("terraform checks SKIPPED: terraform is not on the PATH\n");
    expect(result.status).toBe(0);
  });

  it("WHEN terraform is missing and CI=true THEN it fails with one line", () => {
    const result = validate({ PATH: noTerraform, CI: "true" });
    expect(result.stdout).toBe("");
    expect(result.stderr).toBe(
      "terraform checks FAILED: terraform is not on the PATH; CI=true does not allow skipping them\n",
    );
    expect(result.status).toBe(1);
  });

  it("WHEN the provider is missing and CI=true THEN it fails naming where it looked", () => {
    const result = validate({ PATH: `${fakeBin}:${noTerraform}`, CI: "true" });
    expect(result.stderr).toMatch(
      new RegExp(
        `^terraform checks FAILED: TF_PROVIDER_MIRROR=${emptyMirror} holds no registry.terraform.io/hashicorp/aws/<version>/\\w+ with a version that meets ">= 5.100, < 7"; CI=true does not allow skipping them\\n$`,
      ),
    );
    expect(result.status).toBe(1);
  });
});
