/**
 * The one place that names the CDK library packages: CDK for Terraform
 * (`cdktf`, deprecated in December 2025, the template's default) and its
 * community fork CDK Terrain (`cdktn`), with the exact versions this project
 * is tested with. `npm run use-cdktn` switches package.json and the imports
 * from one to the other using this table; everything that runs the CLI
 * (`npm run synth:hcl`, the tests, the benchmark) asks `currentLibrary()`
 * for its name instead of spelling it.
 */
const { existsSync, readFileSync } = require("node:fs");
const path = require("node:path");

const LIBRARIES = {
  cdktf: {
    id: "cdktf",
    core: { name: "cdktf", version: "0.21.0" },
    cli: { name: "cdktf-cli", version: "0.21.0", bin: "cdktf" },
    aws: { name: "@cdktf/provider-aws", version: "20.1.0" },
    constructs: "10.4.2",
    node: ">=20.9",
  },
  cdktn: {
    id: "cdktn",
    core: { name: "cdktn", version: "0.24.0" },
    cli: { name: "cdktn-cli", version: "0.24.0", bin: "cdktn" },
    aws: { name: "@cdktn/provider-aws", version: "25.7.0" },
    // cdktn 0.24.0 and @cdktn/provider-aws 25.7.0 declare this peer range; anything else is ERESOLVE.
    constructs: ">=10.6.0 <10.8.0",
    // cdktn-cli 0.24.0 declares node >=22.19.0 (on Node 20 it crashes: markAsUncloneable is not a function).
    node: ">=22.19",
  },
};

/** The library a package.json depends on: cdktn when it lists `cdktn`, else cdktf. */
function libraryOf(packageJson) {
  const deps = { ...packageJson.dependencies, ...packageJson.devDependencies };
  return deps[LIBRARIES.cdktn.core.name] ? LIBRARIES.cdktn : LIBRARIES.cdktf;
}

/**
 * This project's folder: the nearest one above this file that holds
 * package.json and this file (which may also be bundled into .build/).
 */
function projectRoot() {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, "package.json")) && existsSync(path.join(dir, "scripts", "cdk-library.js")))
      return dir;
    if (path.dirname(dir) === dir) throw new Error(`cdk-library: no project folder above ${__dirname}`);
  }
}

/** The library the project at `root` (default: this project) uses, read from its package.json. */
function currentLibrary(root = projectRoot()) {
  return libraryOf(JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")));
}

module.exports = { LIBRARIES, libraryOf, currentLibrary, projectRoot };
