import { readFileSync } from "node:fs";
import { join } from "node:path";

/** What a synthesized stack holds and which accounts it acts in. */
export interface StackSummary {
  readonly name: string;
  /** Resources by Terraform type. */
  readonly resourceCounts: Readonly<Record<string, number>>;
  /** The stack's AWS providers. */
  readonly providers: ReadonlyArray<{ alias?: string; accountId: string; region: string; roleArn?: string }>;
}

/** The parts of a stack's Terraform JSON that a summary reads. */
interface StackJson {
  readonly resource?: Record<string, Record<string, unknown>>;
  readonly provider?: {
    readonly aws?: ReadonlyArray<{
      alias?: string;
      region: string;
      allowed_account_ids: string[];
      assume_role?: ReadonlyArray<{ role_arn: string }>;
    }>;
  };
}

/** Summarizes one synthesized stack from its Terraform JSON. */
export function summarizeStack(name: string, json: StackJson): StackSummary {
  const resourceCounts: Record<string, number> = {};
  for (const [type, byName] of Object.entries(json.resource ?? {})) resourceCounts[type] = Object.keys(byName).length;
  const providers = (json.provider?.aws ?? []).map((p) => ({
    alias: p.alias,
    accountId: p.allowed_account_ids[0],
    region: p.region,
    roleArn: p.assume_role?.[0]?.role_arn,
  }));
  return { name, resourceCounts, providers };
}

/** Summaries of the stacks synthesized into an output folder, as its manifest lists them. */
export function readStackSummaries(outdir: string): StackSummary[] {
  const manifest = JSON.parse(readFileSync(join(outdir, "manifest.json"), "utf8")) as {
    stacks: Record<string, { synthesizedStackPath: string }>;
  };
  return Object.entries(manifest.stacks)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, stack]) =>
      summarizeStack(name, JSON.parse(readFileSync(join(outdir, stack.synthesizedStackPath), "utf8"))),
    );
}
