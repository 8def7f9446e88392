import { spawnSync } from "node:child_process";
import {
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { checkOutputFolder } from "../output/output-folder";
import { lockOutputFolder } from "../output/output-lock";
import { OUTPUT_RECORD } from "../output/output-record";
import { synthesizeNetwork } from "../output/synthesize-network";
import { validateConfig } from "../validation/validate";
import { cliSynth, npmSynth, runInProject, snapshotTree } from "./support/synth-process";
import { compliantConfig } from "./validation/fixture";

// Issue 10, "synth deletes whatever folder it is pointed at": one case per reproduction.

const work = mkdtempSync(join(tmpdir(), "peering-outdir-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A fake project root, so that a failing guard could never touch the real one. */
const project = join(work, "project");
mkdirSync(project);
const { network } = validateConfig(compliantConfig(), { source: "fixture" });
const synth = (outdir: string) => synthesizeNetwork(network, outdir, { projectDir: project });

/** A process id that is certainly gone: a child that has exited. */
const deadPid = () => spawnSync("true").pid as number;

describe("GIVEN a folder that synth did not write", () => {
  describe("WHEN synth is pointed at it while it holds someone's files", () => {
    const decoy = join(work, "decoy");
    mkdirSync(join(decoy, "sub"), { recursive: true });
    writeFileSync(join(decoy, "precious.txt"), "keep me");
    writeFileSync(join(decoy, "sub", "notes.md"), "and me");
    const before = snapshotTree(decoy);

    it("THEN it refuses in one line naming the folder and the reason, and every file stays", () => {
      expect(() => synth(decoy)).toThrow(`refusing to replace ${decoy}: it is not empty and was not written by synth`);
      expect(snapshotTree(decoy)).toEqual(before);
      expect(readdirSync(work).filter((name) => name.startsWith("decoy."))).toEqual([]);
    });
  });

  it("WHEN it is the project root, a folder above it, or the working directory THEN synth refuses and writes nothing", () => {
    writeFileSync(join(project, "main.ts"), "// the project's sources");
    for (const target of [project, work, process.cwd(), join(process.cwd(), "..")]) {
      expect(() => synth(target)).toThrow(
        /refusing to write the output into .*: it is the (project folder|working directory) or a folder above it/,
      );
    }
    expect(readFileSync(join(project, "main.ts"), "utf8")).toBe("// the project's sources");
    expect(readdirSync(work).filter((name) => name.includes(".partial-") || name.includes(".previous-"))).toEqual([]);
  });

  it("WHEN it is the filesystem root, the home folder or an empty path THEN the check refuses before anything is written", () => {
    const home = join(work, "home");
    mkdirSync(home);
    expect(() => checkOutputFolder("/", { projectDir: project, cwd: project, home })).toThrow(
      "it is the filesystem root",
    );
    expect(() => checkOutputFolder(home, { projectDir: project, cwd: project, home })).toThrow(
      "it is your home folder",
    );
    expect(() => checkOutputFolder("", { projectDir: project, cwd: project, home })).toThrow(
      "the output path is empty",
    );
    expect(() => checkOutputFolder("  ", { projectDir: project, cwd: project, home })).toThrow(
      "the output path is empty",
    );
  });

  it("WHEN it is a file THEN synth refuses and the file stays", () => {
    const file = join(work, "a-file");
    writeFileSync(file, "not a folder");
    expect(() => synth(file)).toThrow(`the output path ${file} is a file, not a folder`);
    expect(readFileSync(file, "utf8")).toBe("not a folder");
  });

  it("WHEN a part of its path is a file THEN synth fails with one line naming the path", () => {
    const blocked = join(work, "a-file-too");
    writeFileSync(blocked, "x");
    expect(() => synth(join(blocked, "out"))).toThrow(
      `cannot write the output folder ${join(blocked, "out")}: a part of the path is a file, not a folder`,
    );
  });
});

describe("GIVEN an output folder whose parent does not exist", () => {
  it("WHEN synth runs THEN it creates the parent and writes the output with its record", () => {
    const outdir = join(work, "new", "parent", "cdktf.out");
    const result = synth(outdir);
    expect(result.stacks).toEqual(["peering-far", "peering-hub", "peering-spoke"]);
    expect(existsSync(join(outdir, "stacks", "peering-hub", "cdk.tf.json"))).toBe(true);
    const record = JSON.parse(readFileSync(join(outdir, OUTPUT_RECORD), "utf8"));
    expect(record).toMatchObject({ writtenBy: "cdktf-vpc-peering", complete: true });
    expect(record.files).toContain("stacks/peering-hub/cdk.tf.json");
    expect(record.files).toContain("manifest.json");
  });
});

describe("GIVEN a previous output with files that Terraform and people added", () => {
  const outdir = join(work, "kept", "cdktf.out");
  synth(outdir);
  const stack = join(outdir, "stacks", "peering-hub");
  const added = {
    ".terraform/providers/marker": "provider install",
    ".terraform.lock.hcl": "# lock",
    tfplan: "saved plan",
    "plan.out": "saved plan",
    plan: "cdktf diff's plan",
  };
  for (const [name, text] of Object.entries(added)) {
    mkdirSync(join(stack, name, ".."), { recursive: true });
    writeFileSync(join(stack, name), text);
  }
  writeFileSync(join(outdir, "NOTES.md"), "our notes");
  writeFileSync(join(outdir, "stacks", "peering-hub", "cdk.tf.json"), "{ edited by hand }");

  describe("WHEN synth runs again", () => {
    synth(outdir);

    it("THEN everything synth did not write is carried over, whatever its name", () => {
      for (const [name, text] of Object.entries(added)) expect(readFileSync(join(stack, name), "utf8")).toBe(text);
      expect(readFileSync(join(outdir, "NOTES.md"), "utf8")).toBe("our notes");
    });

    it("THEN what synth wrote is replaced", () => {
      expect(JSON.parse(readFileSync(join(stack, "cdk.tf.json"), "utf8")).resource).toBeDefined();
    });

    it("THEN no staging, previous or lock file is left beside it", () => {
      expect(readdirSync(join(work, "kept"))).toEqual(["cdktf.out"]);
    });
  });
});

describe("GIVEN an output with the stack of an account that then leaves the config", () => {
  const outdir = join(work, "retire", "cdktf.out");
  synth(outdir);
  writeFileSync(join(outdir, "stacks", "peering-far", ".terraform.lock.hcl"), "# lock");
  const config = compliantConfig();
  delete config.accounts.far;
  delete config.vpcs.far;
  delete config.peerings["hub-to-far"];
  const smaller = validateConfig(config, { source: "fixture without far" }).network;

  describe("WHEN synth runs", () => {
    const result = synthesizeNetwork(smaller, outdir, { projectDir: project });

    it("THEN the stack's folder moves to retired/, with its last JSON and Terraform's files, so that destroy can still run there", () => {
      expect(result.retiredStacks).toEqual(["peering-far"]);
      expect(existsSync(join(outdir, "stacks", "peering-far"))).toBe(false);
      expect(readFileSync(join(outdir, "retired", "peering-far", ".terraform.lock.hcl"), "utf8")).toBe("# lock");
      expect(existsSync(join(outdir, "retired", "peering-far", "cdk.tf.json"))).toBe(true);
    });

    it("THEN synth warns by name that the stack is gone and what to do", () => {
      expect(result.notes).toEqual([
        `stack peering-far is no longer synthesized; its folder moved to ${join(outdir, "retired", "peering-far")}/. ` +
          "If its state still holds resources, they are no longer managed: run terraform destroy there, or put its account back under accounts",
      ]);
    });
  });
});

describe("GIVEN a symlink to an output folder", () => {
  const target = join(work, "real-out");
  const link = join(work, "linked-out");
  synth(target);
  symlinkSync(target, link);

  it("WHEN synth writes through it THEN the link stays a link and its target holds the new output", () => {
    writeFileSync(join(target, "stacks", "peering-hub", ".terraform.lock.hcl"), "# lock");
    synth(link);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(existsSync(join(target, "stacks", "peering-hub", "cdk.tf.json"))).toBe(true);
    expect(readFileSync(join(link, "stacks", "peering-hub", ".terraform.lock.hcl"), "utf8")).toBe("# lock");
  });

  it("WHEN the link points nowhere THEN synth refuses in one line", () => {
    const dangling = join(work, "dangling-out");
    symlinkSync(join(work, "nowhere"), dangling);
    expect(() => synth(dangling)).toThrow(`the output folder ${dangling} is a symlink to nothing`);
  });
});

describe("GIVEN what interrupted synths left behind", () => {
  it("WHEN a synth was killed while staging THEN the next synth removes its partial folder", () => {
    const outdir = join(work, "debris", "cdktf.out");
    synth(outdir);
    const pid = deadPid();
    const partial = `${outdir}.partial-${pid}`;
    mkdirSync(partial);
    writeFileSync(
      join(partial, OUTPUT_RECORD),
      JSON.stringify({ writtenBy: "cdktf-vpc-peering", complete: false, files: [] }),
    );
    const result = synth(outdir);
    expect(readdirSync(join(work, "debris"))).toEqual(["cdktf.out"]);
    expect(result.notes).toEqual([]);
  });

  it("WHEN a synth was killed between moving the old output aside and moving the new one in THEN the next synth restores it, Terraform's files included", () => {
    const outdir = join(work, "rollback", "cdktf.out");
    synth(outdir);
    writeFileSync(join(outdir, "stacks", "peering-hub", ".terraform.lock.hcl"), "# lock");
    const pid = deadPid();
    const { renameSync } = require("node:fs") as typeof import("node:fs");
    renameSync(outdir, `${outdir}.previous-${pid}`);
    const result = synth(outdir);
    expect(result.notes).toEqual([
      `rolled back an interrupted synth (process ${pid}): restored the previous cdktf.out`,
    ]);
    expect(readFileSync(join(outdir, "stacks", "peering-hub", ".terraform.lock.hcl"), "utf8")).toBe("# lock");
    expect(readdirSync(join(work, "rollback"))).toEqual(["cdktf.out"]);
  });

  it("WHEN a folder merely looks like a staging folder THEN it is left alone", () => {
    const outdir = join(work, "lookalike", "cdktf.out");
    const lookalike = `${outdir}.partial-${deadPid()}`;
    mkdirSync(lookalike, { recursive: true });
    writeFileSync(join(lookalike, "mine.txt"), "not synth's");
    synth(outdir);
    expect(readFileSync(join(lookalike, "mine.txt"), "utf8")).toBe("not synth's");
  });
});

describe("GIVEN two synths into one folder", () => {
  it("WHEN one holds the lock THEN the other waits, and gives up in one line naming the holder", () => {
    const folder = join(work, "locked");
    const holder = process.ppid; // a live process that is not this one
    writeFileSync(`${folder}.lock`, String(holder));
    expect(() => lockOutputFolder(folder, "locked", 150)).toThrow(
      `another synth (process ${holder}) is writing locked`,
    );
    expect(readFileSync(`${folder}.lock`, "utf8")).toBe(String(holder));
    rmSync(`${folder}.lock`);
  });

  it("WHEN a synth takes the lock and releases it THEN the lock file names it and then is gone", () => {
    const folder = join(work, "released");
    const release = lockOutputFolder(folder, "released", 150);
    expect(readFileSync(`${folder}.lock`, "utf8")).toBe(String(process.pid));
    release();
    expect(existsSync(`${folder}.lock`)).toBe(false);
  });

  it("WHEN the holder is gone THEN its stale lock is taken over", () => {
    const folder = join(work, "stale-lock");
    writeFileSync(`${folder}.lock`, String(deadPid()));
    const release = lockOutputFolder(folder, "stale-lock", 150);
    expect(readFileSync(`${folder}.lock`, "utf8")).toBe(String(process.pid));
    release();
  });
});

describe("GIVEN the real entry points", () => {
  it("WHEN npx cdktf synth --output names a non-empty folder that is not an output THEN it fails and every file stays", () => {
    const decoy = join(work, "cli-decoy");
    mkdirSync(decoy);
    writeFileSync(join(decoy, "precious.txt"), "keep me");
    const result = runInProject(cliSynth(decoy), {});
    expect(result.status).not.toBe(0);
    expect(`${result.stdout}${result.stderr}`).toContain(`refusing to replace ${decoy}`);
    expect(readdirSync(decoy)).toEqual(["precious.txt"]);
  });

  it("WHEN CDKTF_OUTDIR names a non-empty folder that is not an output THEN it exits 1 with one line and no stack trace", () => {
    const decoy = join(work, "entry-decoy");
    mkdirSync(decoy);
    writeFileSync(join(decoy, "precious.txt"), "keep me");
    const result = runInProject(npmSynth, { CDKTF_OUTDIR: decoy });
    expect(result.status).toBe(1);
    expect(result.stderr.trim().split("\n")).toEqual([expect.stringContaining(`refusing to replace ${decoy}`)]);
    expect(readFileSync(join(decoy, "precious.txt"), "utf8")).toBe("keep me");
  });

  it("WHEN CDKTF_OUTDIR is the project itself THEN it exits 1 with one line and touches nothing", () => {
    const result = runInProject(npmSynth, { CDKTF_OUTDIR: "." });
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toBe(
      "refusing to write the output into .: it is the project folder or a folder above it, which synth would replace; use a folder of its own such as cdktf.out",
    );
    expect(readdirSync(".").filter((name) => name.includes(".partial-") || name.includes(".previous-"))).toEqual([]);
  });
});
