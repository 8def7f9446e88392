#!/usr/bin/env node
/**
 * Runs a TypeScript entry point of this project as precompiled JavaScript:
 * `node scripts/run-ts.js main.ts [args...]`.
 *
 * The entry point and everything it imports (cdktf, the provider classes it
 * uses, zod, ...) are bundled by esbuild into `.build/<entry>.js`, once, and
 * again only when a source file, the lockfile or this launcher is newer than
 * the bundle. Loading one prebuilt file instead of transpiling and resolving
 * hundreds of modules on every run is what keeps `npm run synth` and
 * `npx cdktf synth` well under a second (see README, Performance). Types are
 * not checked here: `npm run typecheck` does that.
 *
 * A source map is written beside each bundle; for TypeScript line numbers in
 * a stack trace run with `NODE_OPTIONS=--enable-source-maps` (it is off by
 * default because mapping costs about 0.25 s per run).
 *
 * No V8 flags: the npm scripts and cdktf.json start it as plain
 * `node scripts/run-ts.js <entry>`. A larger young generation
 * (`--max-semi-space-size=32`) once made 1,000 peerings faster; since every
 * stack declares every provider and each peering has a check and an output,
 * it makes them slower (paired runs, 1,000 peerings over 50 accounts: 8.0-9.7 s
 * and 230-315 MB without it, 12.7-14.4 s and 372-375 MB with it), and it
 * changes nothing at 100 peerings.
 *
 * No V8 code cache: tried (vm.Script cachedData), it saved ~50 ms on small
 * configs but made half the 1,000-peering runs slow (3-5.7 s, up to 370 MB
 * instead of 2.2 s and 200 MB), so the bundle is required the plain way.
 */
const { existsSync, mkdirSync, readdirSync, renameSync, statSync, writeFileSync } = require("node:fs");
const path = require("node:path");

const root = path.resolve(__dirname, "..");
/** Folders whose sources never go into a bundle. */
const SKIPPED = new Set([
  "node_modules",
  "__tests__",
  "cdktf.out",
  ".build",
  ".git",
  ".terraform-check",
  ".stock",
  ".work",
]);

/** The newest modification time among the project's TypeScript and JavaScript sources, the lockfile and this launcher. */
function newestSourceTime(dir = root) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (SKIPPED.has(entry.name) || entry.name.startsWith("cdktf.out")) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSourceTime(full));
    // .js too: bundles include plain JavaScript modules of the project (scripts/cdk-library.js).
    else if (entry.name.endsWith(".ts") || entry.name.endsWith(".js"))
      newest = Math.max(newest, statSync(full).mtimeMs);
  }
  if (dir === root) {
    for (const file of ["package-lock.json", __filename])
      newest = Math.max(newest, statSync(path.resolve(root, file)).mtimeMs);
  }
  return newest;
}

/** Bundles `entry` into `outfile` unless the bundle is newer than every source. */
function ensureBundle(entry, outfile) {
  if (existsSync(outfile) && statSync(outfile).mtimeMs >= newestSourceTime()) return;
  const esbuild = require("esbuild");
  mkdirSync(path.dirname(outfile), { recursive: true });
  const { outputFiles } = buildOrExit(esbuild, {
    entryPoints: [entry],
    bundle: true,
    platform: "node",
    target: "node20",
    format: "cjs",
    outfile,
    sourcemap: "linked",
    write: false,
  });
  // The map first, then the bundle that names it; each written aside and renamed,
  // so that a concurrent run sees the old files or the new ones, never half of one.
  for (const file of [...outputFiles].sort((a, b) => Number(a.path === outfile) - Number(b.path === outfile))) {
    writeAtomically(file.path, file.contents);
  }
}

/**
 * Builds, or, when the sources do not compile (a syntax error in
 * config/config.ts), prints esbuild's own messages (file:line:column and the
 * code frame) and exits 1: no stack trace, no error object.
 */
function buildOrExit(esbuild, options) {
  try {
    const result = esbuild.buildSync({ ...options, logLevel: "silent" });
    if (result.warnings.length > 0)
      process.stderr.write(esbuild.formatMessagesSync(result.warnings, { kind: "warning", color: colorOn() }).join(""));
    return result;
  } catch (cause) {
    if (!Array.isArray(cause?.errors) || cause.errors.length === 0) throw cause;
    const text = esbuild.formatMessagesSync(cause.errors, { kind: "error", color: colorOn() }).join("");
    process.stderr.write(
      `${text}${cause.errors.length === 1 ? "1 error" : `${cause.errors.length} errors`}: fix the file named above and run again\n`,
    );
    process.exit(1);
  }
}

function colorOn() {
  return Boolean(process.stderr.isTTY) && !process.env.NO_COLOR;
}

function writeAtomically(file, contents) {
  const partial = `${file}.${process.pid}.partial`;
  writeFileSync(partial, contents);
  renameSync(partial, file);
}

// No HashiCorp checkpoint (version and telemetry) calls from anything started
// here (terraform in npm run validate and eject, the cdktf CLI): offline they
// only add "getaddrinfo ENOTFOUND checkpoint-api.hashicorp.com". Set
// CHECKPOINT_DISABLE= (empty) to allow them.
process.env.CHECKPOINT_DISABLE ??= "1";

const entryArg = process.argv[2];
if (!entryArg?.endsWith(".ts")) {
  process.stderr.write("usage: node scripts/run-ts.js <entry>.ts [args...]\n");
  process.exit(2);
}
const entry = path.resolve(root, entryArg);
if (path.relative(root, entry).startsWith("..")) {
  process.stderr.write(`run-ts: ${entryArg} is outside the project; entry points live in ${root}\n`);
  process.exit(2);
}
const outfile = path.join(root, ".build", `${path.relative(root, entry).replace(/\.ts$/, "")}.js`);
ensureBundle(entry, outfile);
process.argv.splice(2, 1); // the entry point sees its own arguments from argv[2]
require(outfile);
