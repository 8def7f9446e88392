/**
 * One Terraform test suite for every stack, JSON and HCL alike: each stack is
 * copied into the suite as a module, and each of its test files runs that
 * module through a `module { source = ... }` block in its run blocks (an
 * "alternate module", https://developer.hashicorp.com/terraform/language/tests#modules).
 * One `terraform test` process then checks many stacks while building the AWS
 * provider's schema once, which is most of the cost of a run.
 */

/** How Terraform judged the stacks of one run of the suite. */
export interface SuiteOutcome {
  /** Per test file (`tests/<name>.tftest.hcl`): `pass`, `fail`, `error` or `skip`. */
  readonly files: ReadonlyMap<string, string>;
  /**
   * Per test file or module folder (`json/<stack>`, `hcl/<stack>`): the
   * errors and warnings Terraform reported for it, one line each.
   */
  readonly problems: ReadonlyMap<string, readonly string[]>;
  /** Problems that name no file of the suite (e.g. a provider that did not start). */
  readonly unplaced: readonly string[];
}

/**
 * The only warning the suite itself causes: a stack's backend block is
 * ignored when the stack runs as a module. Every other warning is a finding.
 */
const SUITE_WARNING = "Backend configuration ignored";

/**
 * Whether a stack must be tested as a root module of its own rather than as a
 * module of the suite. Import blocks belong to the root module
 * (https://developer.hashicorp.com/terraform/language/import), and
 * `terraform init` of a suite whose test runs a module with one fails with
 * "Invalid import configuration" (Terraform 1.11.4, the adoption example).
 */
export function needsOwnRoot(stack: { readonly import?: unknown }): boolean {
  return stack.import !== undefined;
}

/** `test` with every run block executing the module at `source` instead of the suite's root. */
export function runningModule(test: string, source: string): string {
  return test.replace(/^run "([^"]+)" \{\n/gm, (block) => `${block}  module {\n    source = "${source}"\n  }\n`);
}

interface JsonLine {
  readonly type?: string;
  readonly "@testfile"?: string;
  readonly test_file?: { readonly path: string; readonly status?: string };
  readonly diagnostic?: {
    readonly severity: string;
    readonly summary: string;
    readonly detail?: string;
    readonly range?: { readonly filename: string };
  };
}

/** Where a problem belongs: its test file, else the module folder its file lies in. */
function owner(line: JsonLine): string | undefined {
  if (line["@testfile"]) return line["@testfile"];
  const file = line.diagnostic?.range?.filename;
  return file ? /^([^/]+\/[^/]+)\//.exec(file)?.[1] : undefined;
}

/** Reads the output of `terraform test -json`. */
export function suiteOutcome(output: string): SuiteOutcome {
  const files = new Map<string, string>();
  const problems = new Map<string, string[]>();
  const unplaced: string[] = [];
  for (const text of output.split("\n")) {
    if (!text.startsWith("{")) continue;
    let line: JsonLine;
    try {
      line = JSON.parse(text) as JsonLine;
    } catch {
      continue;
    }
    if (line.type === "test_file" && line.test_file?.status) files.set(line.test_file.path, line.test_file.status);
    const diagnostic = line.diagnostic;
    if (!diagnostic || diagnostic.summary === SUITE_WARNING) continue;
    const problem = `${diagnostic.severity}: ${diagnostic.summary}${diagnostic.detail ? `: ${diagnostic.detail.split("\n")[0]}` : ""}`;
    const where = owner(line);
    if (where === undefined) unplaced.push(problem);
    else problems.set(where, [...(problems.get(where) ?? []), problem]);
  }
  return { files, problems, unplaced };
}

/** Splits `items` into at most `count` groups of near-equal size, round robin. */
export function groups<T>(items: readonly T[], count: number): T[][] {
  const result: T[][] = Array.from({ length: Math.max(1, Math.min(count, items.length)) }, () => []);
  items.forEach((item, i) => {
    result[i % result.length].push(item);
  });
  return result;
}
