/**
 * Terraform's version constraint syntax, as far as this project uses it:
 * comma-separated `<operator> <version>` terms, every one of which must hold,
 * with the operators `=`, `!=`, `>`, `>=`, `<`, `<=` and `~>` (no prerelease
 * versions). Used to pick a provider version out of a local mirror.
 */

type Term = { readonly op: string; readonly parts: readonly number[] };

const TERM = /^\s*(=|!=|>=|<=|>|<|~>)?\s*(\d+(?:\.\d+){0,2})\s*$/;

function parts(version: string): number[] {
  return version.split(".").map(Number);
}

function compare(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < 3; i++) {
    const diff = (a[i] ?? 0) - (b[i] ?? 0);
    if (diff !== 0) return diff;
  }
  return 0;
}

function parse(constraint: string): Term[] {
  return constraint.split(",").map((text) => {
    const match = TERM.exec(text);
    if (!match) throw new Error(`version constraint "${constraint}": cannot read "${text.trim()}"`);
    return { op: match[1] ?? "=", parts: parts(match[2]) };
  });
}

function holds(version: readonly number[], term: Term): boolean {
  const c = compare(version, term.parts);
  switch (term.op) {
    case "=":
      return c === 0;
    case "!=":
      return c !== 0;
    case ">":
      return c > 0;
    case ">=":
      return c >= 0;
    case "<":
      return c < 0;
    case "<=":
      return c <= 0;
    default: {
      // ~> 5.100 allows 5.100 up to (not including) 6.0; ~> 5.100.1 allows 5.100.x from .1.
      const fixed = term.parts.slice(0, Math.max(1, term.parts.length - 1));
      return c >= 0 && fixed.every((part, i) => version[i] === part);
    }
  }
}

/** Whether `version` (like `5.100.0`) meets every term of `constraint` (like `>= 5.100, < 7`). */
export function satisfies(version: string, constraint: string): boolean {
  if (!/^\d+\.\d+\.\d+$/.test(version)) return false;
  const terms = parse(constraint);
  return terms.every((term) => holds(parts(version), term));
}

/** The newest of `versions` that meets `constraint`, or undefined. */
export function newestSatisfying(versions: readonly string[], constraint: string): string | undefined {
  return versions
    .filter((v) => satisfies(v, constraint))
    .sort((a, b) => compare(parts(a), parts(b)))
    .at(-1);
}
