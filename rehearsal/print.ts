import type { StackOutcome } from "./rehearsal";
import type { CallRecord } from "./world";

/** The AWS actions of a list of calls, each with how often it was called: `ec2:CreateRoute x4`. */
export function actionCounts(calls: readonly CallRecord[]): string[] {
  const counts = new Map<string, number>();
  for (const c of calls) counts.set(c.action, (counts.get(c.action) ?? 0) + 1);
  return [...counts].sort(([a], [b]) => a.localeCompare(b)).map(([a, n]) => (n === 1 ? a : `${a} x${n}`));
}

/** What a command did to a stack, for people: created, actions, denials with the missing statement. */
export function describeOutcome(o: StackOutcome): string {
  const lines = [
    `${o.ok ? "ok  " : "FAIL"} ${o.stack}: terraform ${o.command} (${o.seconds.toFixed(1)} s, exit ${o.exitCode})`,
  ];
  if (o.created.length > 0) lines.push(`     created ${o.created.length}: ${o.created.join(", ")}`);
  if (o.destroyed.length > 0) lines.push(`     destroyed ${o.destroyed.length}: ${o.destroyed.join(", ")}`);
  lines.push(`     actions: ${actionCounts(o.calls).join(", ") || "none"}`);
  for (const d of o.denials)
    lines.push(`     DENIED ${d.action} on ${d.resource} for ${d.role}; missing statement: ${d.detail}`);
  if (!o.ok) {
    const errors = o.output
      .split("\n")
      .filter((l) => /Error|error/.test(l))
      .slice(0, 12);
    lines.push(...errors.map((l) => `     ${l.trim()}`));
  }
  return lines.join("\n");
}

/** The lines of a plan's output that say what would change. */
export function planDiff(output: string): string {
  return output
    .split("\n")
    .filter((l) => /^\s+[~+-] |will be|must be|Plan:|Error/.test(l))
    .slice(0, 30)
    .join("\n");
}
