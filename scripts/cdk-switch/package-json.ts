import type { CdkLibrary } from "../cdk-library";

/** The parts of package.json the switch edits. */
export interface PackageJson {
  engines?: Record<string, string>;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  [key: string]: unknown;
}

function sorted(deps: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(deps).sort(([a], [b]) => a.localeCompare(b)));
}

/**
 * package.json moved from one library to the other: the core and AWS
 * bindings in dependencies and the CLI in devDependencies at their exact
 * versions, `constructs` at the version or range the target needs, and
 * `engines.node` raised to what its CLI needs. Returns a new object.
 */
export function switchPackageJson(pkg: PackageJson, from: CdkLibrary, to: CdkLibrary): PackageJson {
  const dependencies = { ...pkg.dependencies };
  const devDependencies = { ...pkg.devDependencies };
  for (const name of [from.core.name, from.aws.name, from.cli.name]) {
    delete dependencies[name];
    delete devDependencies[name];
  }
  dependencies[to.core.name] = to.core.version;
  dependencies[to.aws.name] = to.aws.version;
  dependencies.constructs = to.constructs;
  devDependencies[to.cli.name] = to.cli.version;
  return {
    ...pkg,
    engines: { ...pkg.engines, node: to.node },
    dependencies: sorted(dependencies),
    devDependencies: sorted(devDependencies),
  };
}
