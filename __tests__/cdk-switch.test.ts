import { spawnSync } from "node:child_process";
import {
  appendFileSync,
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { currentLibrary, LIBRARIES, libraryOf } from "../scripts/cdk-library";
import { switchImports } from "../scripts/cdk-switch/imports";
import { switchPackageJson } from "../scripts/cdk-switch/package-json";
import { switchReadmeCommands } from "../scripts/cdk-switch/readme";
import { projectDir } from "./support/synth-process";

const { cdktf, cdktn } = LIBRARIES;

describe("GIVEN the table of CDK libraries", () => {
  it("THEN it pins the versions the project is tested with", () => {
    expect([cdktf.core, cdktf.cli, cdktf.aws]).toEqual([
      { name: "cdktf", version: "0.21.0" },
      { name: "cdktf-cli", version: "0.21.0", bin: "cdktf" },
      { name: "@cdktf/provider-aws", version: "20.1.0" },
    ]);
    expect([cdktn.core, cdktn.cli, cdktn.aws, cdktn.constructs, cdktn.node]).toEqual([
      { name: "cdktn", version: "0.24.0" },
      { name: "cdktn-cli", version: "0.24.0", bin: "cdktn" },
      { name: "@cdktn/provider-aws", version: "25.7.0" },
      ">=10.6.0 <10.8.0",
      ">=22.19",
    ]);
  });

  it("THEN the library in use is read from package.json, and this project's package.json agrees with the table", () => {
    expect(libraryOf({ dependencies: { cdktn: "0.24.0" } })).toBe(cdktn);
    expect(libraryOf({ dependencies: { cdktf: "0.21.0" } })).toBe(cdktf);
    const lib = currentLibrary();
    const pkg = JSON.parse(readFileSync(join(projectDir, "package.json"), "utf8"));
    expect(pkg.dependencies[lib.core.name]).toBe(lib.core.version);
    expect(pkg.dependencies[lib.aws.name]).toBe(lib.aws.version);
    expect(pkg.devDependencies[lib.cli.name]).toBe(lib.cli.version);
    expect(pkg.dependencies.constructs).toBe(lib.constructs);
  });
});

describe("GIVEN source files importing cdktf", () => {
  const source = [
    'import { App, TerraformStack } from "cdktf";',
    "import type { TerraformProvider } from 'cdktf';",
    'import "cdktf/lib/testing/adapters/jest";',
    'import { Route } from "@cdktf/provider-aws/lib/route";',
    'const trace = require("cdktf/lib/tokens/private/stack-trace");',
    'type T = import("cdktf").App;',
    'const out = "cdktf.out"; // a folder, not a module',
    'import { x } from "cdktf-helpers";',
  ].join("\n");

  it("WHEN the imports are switched THEN every specifier of cdktf and its AWS bindings moves to cdktn, keeping each provider class's own module path", () => {
    expect(switchImports(source, cdktf, cdktn)).toBe(
      [
        'import { App, TerraformStack } from "cdktn";',
        "import type { TerraformProvider } from 'cdktn';",
        'import "cdktn/lib/testing/adapters/jest";',
        'import { Route } from "@cdktn/provider-aws/lib/route";',
        'const trace = require("cdktn/lib/tokens/private/stack-trace");',
        'type T = import("cdktn").App;',
        'const out = "cdktf.out"; // a folder, not a module',
        'import { x } from "cdktf-helpers";',
      ].join("\n"),
    );
  });

  it("WHEN switched twice THEN the second switch changes nothing", () => {
    const once = switchImports(source, cdktf, cdktn);
    expect(switchImports(once, cdktf, cdktn)).toBe(once);
  });
});

describe("GIVEN package.json and the README", () => {
  const pkg = {
    name: "x",
    engines: { node: ">=20.9" },
    dependencies: { "@cdktf/provider-aws": "20.1.0", cdktf: "0.21.0", constructs: "10.4.2", zod: "4.6.7" },
    devDependencies: { "cdktf-cli": "0.21.0", jest: "30.5.2" },
  };

  it("WHEN package.json is switched THEN it names cdktn's packages at exact versions, constructs in its range and Node 22.19", () => {
    const switched = switchPackageJson(pkg, cdktf, cdktn);
    expect(switched).toEqual({
      name: "x",
      engines: { node: ">=22.19" },
      dependencies: { "@cdktn/provider-aws": "25.7.0", cdktn: "0.24.0", constructs: ">=10.6.0 <10.8.0", zod: "4.6.7" },
      devDependencies: { "cdktn-cli": "0.24.0", jest: "30.5.2" },
    });
    expect(switchPackageJson(switched, cdktf, cdktn)).toEqual(switched);
  });

  it("WHEN the README is switched THEN commands in code change and prose naming the libraries does not", () => {
    const readme =
      "Run `npx cdktf synth`.\n\n```sh\nnpx cdktf deploy peering-a\n```\n\nCDKTF (the `cdktf` package) is deprecated; npx cdktf in prose stays.\n";
    const switched = switchReadmeCommands(readme, cdktf, cdktn);
    expect(switched).toBe(
      "Run `npx cdktn synth`.\n\n```sh\nnpx cdktn deploy peering-a\n```\n\nCDKTF (the `cdktf` package) is deprecated; npx cdktf in prose stays.\n",
    );
    expect(switchReadmeCommands(switched, cdktf, cdktn)).toBe(switched);
  });

  it("WHEN the README is switched THEN the benchmark's measurements and the section on the switch keep the CLI they name", () => {
    const readme =
      "# T\n\nRun `npx cdktf synth`.\n\n## Performance\n\n| `npx cdktf synth` | 4.76 |\n\n## Running without CDKTF\n\nBefore: `npx cdktf synth`.\n";
    expect(switchReadmeCommands(readme, cdktf, cdktn)).toBe(
      readme.replace("Run `npx cdktf synth`", "Run `npx cdktn synth`"),
    );
  });
});

describe("GIVEN a committed copy of this project", () => {
  const work = mkdtempSync(join(tmpdir(), "peering-switch-"));
  afterAll(() => rmSync(work, { recursive: true, force: true }));
  const copy = join(work, "project");
  const git = (...args: string[]) =>
    spawnSync("git", ["-c", "user.name=test", "-c", "user.email=test@example.invalid", ...args], {
      cwd: copy,
      encoding: "utf8",
    });
  const files = spawnSync("git", ["ls-files", "-co", "--exclude-standard", "-z"], { cwd: projectDir, encoding: "utf8" })
    .stdout.split("\0")
    .filter(Boolean);
  for (const file of files) {
    mkdirSync(dirname(join(copy, file)), { recursive: true });
    cpSync(join(projectDir, file), join(copy, file));
  }
  symlinkSync(join(projectDir, "node_modules"), join(copy, "node_modules"));
  git("init", "-q");
  git("add", "-A");
  git("commit", "-qm", "copy");
  appendFileSync(join(copy, ".git", "info", "exclude"), "node_modules\n");
  const useCdktn = () =>
    spawnSync(process.execPath, ["scripts/run-ts.js", "scripts/use-cdktn.ts", "--no-install"], {
      cwd: copy,
      encoding: "utf8",
    });

  if (currentLibrary().id === "cdktf") {
    it("WHEN it has an uncommitted change THEN use-cdktn refuses and changes nothing", () => {
      writeFileSync(join(copy, "notes.txt"), "work in progress\n");
      const result = useCdktn();
      expect(result.stderr).toBe(
        "use-cdktn: refusing to switch with 1 uncommitted change(s) (git status); commit or stash them first, so that the switch is one reviewable diff\n",
      );
      expect(result.status).toBe(1);
      expect(git("status", "--porcelain").stdout).toBe("?? notes.txt\n");
      rmSync(join(copy, "notes.txt"));
    });

    it("WHEN it is clean THEN use-cdktn switches package.json, the imports and the README commands, and a second run changes nothing", () => {
      const first = useCdktn();
      expect(first.status).toBe(0);
      const changed = git("status", "--porcelain")
        .stdout.split("\n")
        .filter(Boolean)
        .map((line) => line.slice(3))
        .sort();
      expect(changed).toEqual(
        expect.arrayContaining([
          "README.md",
          "package.json",
          "stacks/synthesize.ts",
          "stacks/token-stack-traces.ts",
          "__tests__/support/setup.ts",
        ]),
      );
      const after = spawnSync(
        "git",
        ["grep", "-lE", "(from |import |require\\()[\"'](cdktf|@cdktf/provider-aws)[\"'/]", "--", "*.ts", "*.js"],
        { cwd: copy, encoding: "utf8" },
      );
      expect(after.stdout.split("\n").filter(Boolean)).toEqual(["__tests__/cdk-switch.test.ts"]);
      expect(readFileSync(join(copy, "stacks", "token-stack-traces.ts"), "utf8")).toContain(
        'require("cdktn/lib/tokens/private/stack-trace")',
      );
      expect(JSON.parse(readFileSync(join(copy, "package.json"), "utf8")).dependencies.cdktn).toBe("0.24.0");

      const second = useCdktn();
      expect(second.stdout).toBe("use-cdktn: this tree already uses cdktn 0.24.0; nothing to change\n");
      expect(second.status).toBe(0);
    });
  } else {
    // This tree was switched already (CI's Node 24 job, scripts/cdktn-variant.sh): the switch must be a no-op.
    it("WHEN it already uses cdktn THEN use-cdktn says so and changes nothing", () => {
      const result = useCdktn();
      expect(result.stdout).toBe("use-cdktn: this tree already uses cdktn 0.24.0; nothing to change\n");
      expect(result.status).toBe(0);
      expect(git("status", "--porcelain").stdout).toBe("");
    });
  }
});
