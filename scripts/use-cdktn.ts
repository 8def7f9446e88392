/**
 * `npm run use-cdktn`: switches this working tree from CDK for Terraform
 * (`cdktf`) to CDK Terrain (`cdktn`), the library decision of README
 * "Running without CDKTF". It changes, from the table in scripts/cdk-library.js:
 * - package.json: `cdktn`, `@cdktn/provider-aws`, `cdktn-cli` at exact
 *   versions, `constructs` in the range they need, `engines.node`;
 *   then `npm install` updates package-lock.json and node_modules;
 * - the imports of every tracked TypeScript and JavaScript file (provider
 *   classes keep their own module path), which also moves
 *   stacks/token-stack-traces.ts to cdktn's trace switch;
 * - the README's `npx cdktf ...` commands.
 * The CLI name follows package.json everywhere else (scripts/cdk-library.js).
 * The AWS provider constraint is not touched: upgrading the provider is a
 * separate decision.
 *
 * Idempotent: a tree that already uses cdktn is left as it is. Refuses to run
 * with uncommitted changes, so that the switch is one reviewable diff.
 * `--no-install` skips `npm install`.
 */
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { LIBRARIES, projectRoot } from "./cdk-library";
import { switchImports } from "./cdk-switch/imports";
import { type PackageJson, switchPackageJson } from "./cdk-switch/package-json";
import { switchReadmeCommands } from "./cdk-switch/readme";

const root = projectRoot();
const from = LIBRARIES.cdktf;
const to = LIBRARIES.cdktn;

/** Files that spell both libraries' names on purpose: the table and the switch itself, and their tests. */
const NOT_REWRITTEN = new Set(["scripts/cdk-library.js", "scripts/cdk-library.d.ts", "__tests__/cdk-switch.test.ts"]);

function fail(message: string): never {
  process.stderr.write(`use-cdktn: ${message}\n`);
  process.exit(1);
}

function git(args: string[]): string {
  const result = spawnSync("git", args, { cwd: root, encoding: "utf8" });
  if (result.status !== 0)
    fail(`git ${args.join(" ")} failed: ${(result.stderr || result.error?.message || "").trim()}`);
  return result.stdout;
}

/** Every change the switch would write, by path relative to the project. */
function plannedChanges(): Map<string, string> {
  const changes = new Map<string, string>();
  const consider = (path: string, change: (text: string) => string) => {
    const before = readFileSync(join(root, path), "utf8");
    const after = change(before);
    if (after !== before) changes.set(path, after);
  };
  consider(
    "package.json",
    (text) => `${JSON.stringify(switchPackageJson(JSON.parse(text) as PackageJson, from, to), null, 2)}\n`,
  );
  const sources = git(["ls-files", "-z", "--", "*.ts", "*.js", "*.cjs", "*.mjs"]).split("\0").filter(Boolean);
  for (const path of sources.filter((p) => !NOT_REWRITTEN.has(p)))
    consider(path, (text) => switchImports(text, from, to));
  consider("README.md", (text) => switchReadmeCommands(text, from, to));
  return changes;
}

/** Whether package-lock.json already records the target library as a dependency of the project. */
function lockfileSwitched(): boolean {
  const lock = JSON.parse(readFileSync(join(root, "package-lock.json"), "utf8")) as {
    packages?: Record<string, PackageJson>;
  };
  const project = lock.packages?.[""];
  return (
    project?.dependencies?.[to.core.name] === to.core.version &&
    project?.devDependencies?.[to.cli.name] === to.cli.version
  );
}

function main(): void {
  const install = !process.argv.includes("--no-install");
  const changes = plannedChanges();
  if (changes.size === 0 && (!install || lockfileSwitched())) {
    process.stdout.write(`use-cdktn: this tree already uses ${to.core.name} ${to.core.version}; nothing to change\n`);
    return;
  }
  const dirty = git(["status", "--porcelain"]).split("\n").filter(Boolean);
  if (dirty.length > 0)
    fail(
      `refusing to switch with ${dirty.length} uncommitted change(s) (git status); commit or stash them first, so that the switch is one reviewable diff`,
    );

  for (const [path, text] of changes) {
    writeFileSync(join(root, path), text);
    process.stdout.write(`switched ${path}\n`);
  }
  if (install) {
    process.stdout.write("npm install (package-lock.json and node_modules)\n");
    const result = spawnSync("npm", ["install", "--no-audit", "--no-fund"], { cwd: root, stdio: "inherit" });
    if (result.status !== 0)
      fail(`npm install failed (exit ${result.status}); package.json is switched, the lockfile may not be`);
  }
  process.stdout.write(
    [
      `use-cdktn: switched to ${to.core.name} ${to.core.version}, ${to.aws.name} ${to.aws.version}, ${to.cli.name} ${to.cli.version} (Node.js ${to.node}).`,
      "The AWS provider constraint is unchanged; upgrading the provider is a separate step (README, Running without CDKTF).",
      "Next: npm run typecheck && npm test, then compare npm run synth's cdktf.out/stacks with the cdktf build, and commit.",
      "",
    ].join("\n"),
  );
}

main();
