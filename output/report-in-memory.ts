import { tmpdir } from "node:os";
import { TerraformStack } from "cdktf";
import type { RoleMode } from "../config/role-mode";
import type { Finding } from "../core/finding";
import type { Network } from "../model/network";
import { renderPeeringReport } from "../report/peering-report";
import { summarizeStack } from "../report/stack-summary";
import { buildApp } from "../stacks/synthesize";

/** Options of {@link peeringReportInMemory}. */
export interface ReportInMemoryOptions {
  /**
   * Which roles the providers assume (the report lists each stack's roles).
   * @default "deploy"
   */
  readonly roles?: RoleMode;
  /**
   * Validation warnings, listed in the report.
   * @default []
   */
  readonly warnings?: readonly Finding[];
}

/**
 * The peering report of a network, as a synth would write it to
 * `cdktf.out/peering-report.md`, rendered from the stacks in memory: nothing
 * is synthesized to disk.
 */
export function peeringReportInMemory(network: Network, options: ReportInMemoryOptions = {}): string {
  // The app is built, never synthesized. Its constructor creates its outdir
  // when missing, so it gets one that always exists; stacks are placed as in cdktf.out.
  const app = buildApp(network, { outdir: tmpdir(), finalOutdir: "cdktf.out", roles: options.roles });
  const stacks = app.node.children
    .filter(TerraformStack.isStack)
    .map((stack) => summarizeStack(stack.node.id, stack.toTerraform()))
    .sort((a, b) => a.name.localeCompare(b.name));
  return renderPeeringReport({ network, warnings: options.warnings ?? [], stacks });
}
