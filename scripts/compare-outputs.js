#!/usr/bin/env node
/**
 * `node scripts/compare-outputs.js <expected cdktf.out> <actual cdktf.out>`:
 * fails unless two synth outputs hold the same files with the same content,
 * where the only difference allowed is the library version in a stack's
 * `//` metadata (`"//".metadata.version`, in cdk.tf.json or, for HCL, in
 * metadata.json) and in manifest.json's `version`.
 * Used by scripts/cdktn-variant.sh to prove that a cdktn build writes the
 * stacks a cdktf build writes. Plain JavaScript: it runs on any Node.js.
 */
const { readdirSync, readFileSync } = require("node:fs");
const path = require("node:path");

/** Every file below `dir`, as paths relative to it, sorted. */
function files(dir) {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath ?? e.path, e.name)))
    .sort();
}

/** The file's content with the library version taken out where a version is allowed to differ. */
function comparable(file, text) {
  // A stack's JSON, or its metadata beside an HCL stack (`npm run synth:hcl`).
  if (file.endsWith("cdk.tf.json") || path.basename(file) === "metadata.json") {
    const json = JSON.parse(text);
    if (json["//"]?.metadata) delete json["//"].metadata.version;
    return JSON.stringify(json, null, 2);
  }
  if (path.basename(file) === "manifest.json") {
    const json = JSON.parse(text);
    delete json.version;
    return JSON.stringify(json, null, 2);
  }
  return text;
}

/** The first line where two texts differ, for the message. */
function firstDifference(a, b) {
  const left = a.split("\n");
  const right = b.split("\n");
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    if (left[i] !== right[i])
      return `line ${i + 1}: expected ${JSON.stringify(left[i])}, got ${JSON.stringify(right[i])}`;
  }
  return "";
}

function compare(expectedDir, actualDir) {
  const problems = [];
  const expected = files(expectedDir);
  const actual = files(actualDir);
  for (const file of expected.filter((f) => !actual.includes(f))) problems.push(`${file}: missing`);
  for (const file of actual.filter((f) => !expected.includes(f))) problems.push(`${file}: not in the expected output`);
  let stacks = 0;
  for (const file of expected.filter((f) => actual.includes(f))) {
    const a = comparable(file, readFileSync(path.join(expectedDir, file), "utf8"));
    const b = comparable(file, readFileSync(path.join(actualDir, file), "utf8"));
    if (a !== b) problems.push(`${file}: differs, ${firstDifference(a, b)}`);
    if (file.endsWith("cdk.tf.json") || file.endsWith("cdk.tf")) stacks++;
  }
  return { problems, files: expected.length, stacks };
}

if (require.main === module) {
  const [expectedDir, actualDir] = process.argv.slice(2);
  if (!expectedDir || !actualDir) {
    process.stderr.write("usage: node scripts/compare-outputs.js <expected dir> <actual dir>\n");
    process.exit(2);
  }
  const { problems, files: count, stacks } = compare(expectedDir, actualDir);
  if (problems.length > 0) {
    process.stderr.write(`${actualDir} differs from ${expectedDir}:\n${problems.map((p) => `  - ${p}`).join("\n")}\n`);
    process.exit(1);
  }
  process.stdout.write(
    `same: ${actualDir} and ${expectedDir} (${count} files, ${stacks} stacks; only the library version in the metadata may differ)\n`,
  );
}

module.exports = { compare };
