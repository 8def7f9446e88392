import { Testing } from "cdktf";
import type { RoleMode } from "../../config/role-mode";
import type { PeeringConfig } from "../../config/schema";
import { addPeeringStacks } from "../../stacks/synthesize";
import { validateConfig } from "../../validation/validate";

/** A synthesized stack: its Terraform JSON as text (for cdktf matchers) and parsed. */
export interface SynthesizedStack {
  readonly text: string;
  readonly json: TerraformJson;
}

/** The parts of Terraform JSON the tests read. */
export interface TerraformJson {
  readonly provider: { readonly aws: ReadonlyArray<Record<string, unknown>> };
  /** Absent in a stack with no resources (an account that requests no peering). */
  readonly resource?: Record<string, Record<string, Record<string, unknown>>>;
  readonly terraform: Record<string, unknown>;
}

/** Validates a config and synthesizes every stack, by stack name (as `Testing.synth`: sorted, no metadata). */
export function synthConfig(config: PeeringConfig, roles: RoleMode = "deploy"): Record<string, SynthesizedStack> {
  const { network } = validateConfig(config, { source: "test config" });
  const app = Testing.app();
  const stacks = addPeeringStacks(app, network, { outdir: "/project/cdktf.out", projectDir: "/project", roles });
  return Object.fromEntries(
    stacks.map((stack) => {
      const text = Testing.synth(stack);
      return [stack.node.id, { text, json: JSON.parse(text) as TerraformJson }];
    }),
  );
}

/** The resources of one type in a stack, by name. */
export function resourcesOf(stack: SynthesizedStack, type: string): Record<string, Record<string, unknown>> {
  return stack.json.resource?.[type] ?? {};
}

/** Every address (`type.name`) in a stack. */
export function addressesOf(stack: SynthesizedStack): string[] {
  return Object.entries(stack.json.resource ?? {}).flatMap(([type, byName]) =>
    Object.keys(byName).map((name) => `${type}.${name}`),
  );
}

/** A deep copy of a config, to change in one test without touching others. */
export function copyOf<T>(value: T): T {
  return structuredClone(value);
}
