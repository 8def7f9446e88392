/** How serious a finding is: errors stop synthesis, warnings are printed. */
export type Severity = "error" | "warning";

/** One problem found in a config: where, what is wrong, and how to fix it. */
export interface Finding {
  readonly severity: Severity;
  /** Field path in the config, e.g. `peerings.hub-to-app.routes.requester.destinations[0]`. */
  readonly path: string;
  /** What is wrong and how to fix it. */
  readonly message: string;
  /** The id of the rule that found it (its file name under `validation/rules/`), or `schema`. */
  readonly rule?: string;
  /** For a warning the config acknowledges (`acknowledge`): the reason given. */
  readonly acknowledged?: string;
}

/** How many problems an error message lists before it summarises the rest by rule. */
export const MAX_LISTED_FINDINGS = 200;

/** Builds an error finding. */
export function error(path: string, message: string): Finding {
  return { severity: "error", path, message };
}

/** Builds a warning finding. */
export function warning(path: string, message: string): Finding {
  return { severity: "warning", path, message };
}

/** Formats a finding as one line: `path: message`. */
export function formatFinding(finding: Finding): string {
  return `${finding.path || "(config)"}: ${finding.message}`;
}

/** ` [rule-id]` after a warning: what `acknowledge` names it by. */
export function ruleTag(finding: Finding): string {
  return finding.rule ? ` [${finding.rule}]` : "";
}

/**
 * Thrown when a config has errors (or warnings under `strict`). Its message
 * lists every problem, one per line, so that they can all be fixed at once,
 * and after them the warnings that did not block (so that one run shows
 * everything).
 */
export class ConfigValidationError extends Error {
  /** Every finding that stopped synthesis. */
  readonly findings: readonly Finding[];
  /** The warnings that did not stop it, listed after the problems. */
  readonly warnings: readonly Finding[];

  constructor(findings: readonly Finding[], source: string, warnings: readonly Finding[] = []) {
    const listed = [
      ...findings.map(
        (f) => `  - ${formatFinding(f)}${f.severity === "warning" ? ` (warning; strict mode)${ruleTag(f)}` : ""}`,
      ),
      ...warnings.map(
        (f) => `  - ${formatFinding(f)} (warning${f.acknowledged === undefined ? "" : ", acknowledged"})${ruleTag(f)}`,
      ),
    ];
    const lines = listed.slice(0, MAX_LISTED_FINDINGS);
    const rest = [...findings, ...warnings].slice(MAX_LISTED_FINDINGS);
    if (rest.length > 0) {
      const byRule = new Map<string, number>();
      for (const f of rest) byRule.set(f.rule ?? "other", (byRule.get(f.rule ?? "other") ?? 0) + 1);
      const counts = [...byRule.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([rule, n]) => `${rule}: ${n}`);
      lines.push(`  ... and ${rest.length} more (${counts.join(", ")})`);
    }
    const also = warnings.length > 0 ? ` and ${warnings.length} warning${warnings.length === 1 ? "" : "s"}` : "";
    super(
      `${source} has ${findings.length} problem${findings.length === 1 ? "" : "s"}${also}; nothing was synthesized:\n${lines.join("\n")}`,
    );
    this.name = "ConfigValidationError";
    this.findings = findings;
    this.warnings = warnings;
  }
}

/** Renders a path from its parts: `vpcs.app.cidrBlocks[0]`. */
export function pathOf(...parts: ReadonlyArray<string | number>): string {
  return parts.reduce<string>((path, part) => {
    if (typeof part === "number") return `${path}[${part}]`;
    return path === "" ? part : `${path}.${part}`;
  }, "");
}
