import { peeringConfigSchema } from "../config/schema";
import type { Network } from "../model/network";
import type { RoleMode } from "../config/role-mode";
import { resolveNetwork } from "../model/resolve";
import { ConfigValidationError, type Finding } from "../core/finding";
import { CONFIG_RULES, NETWORK_RULES, PLAN_MODE_RULES, REFERENCE_RULES } from "./rules";
import { schemaFindings } from "./schema-findings";

/** Options of {@link validateConfig}. */
export interface ValidateOptions {
  /** Where the config came from, for the error message, e.g. `config/config.ts`. */
  readonly source: string;
  /**
   * Treat warnings as errors, whatever the config's own `strict` says.
   * @default false
   */
  readonly strict?: boolean;
  /**
   * Which roles the stacks will assume; `plan` also runs the plan-mode rules
   * (every account acted in through a role has a read-only planRoleArn).
   * @default "deploy"
   */
  readonly roles?: RoleMode;
}

/** A valid config, resolved, with the warnings it raised. */
export interface ValidatedConfig {
  readonly network: Network;
  readonly warnings: readonly Finding[];
}

/** Everything the checks found, and the network when the config could be resolved. */
export interface ConfigCheck {
  readonly findings: readonly Finding[];
  readonly network?: Network;
  /** The config's own `strict` setting, when it parsed. */
  readonly strict: boolean;
}

/**
 * Runs every check on a config and collects all findings: the schema first,
 * then the rules on config entries, then (when every name resolves) the rules
 * on the resolved network (with `roles: "plan"`, the plan-mode rules too). Only a stage's prerequisites stop later stages, so
 * one run reports as much as can be known.
 */
export function checkConfig(input: unknown, roles: RoleMode = "deploy"): ConfigCheck {
  const parsed = peeringConfigSchema.safeParse(input, { reportInput: true });
  if (!parsed.success) return { findings: schemaFindings(parsed.error).map((f) => ({ ...f, rule: "schema" })), strict: false };
  const config = parsed.data;
  const referenceFindings = REFERENCE_RULES.flatMap((rule) => stamped(rule, rule.check(config)));
  const configFindings = CONFIG_RULES.flatMap((rule) => stamped(rule, rule.check(config)));
  if (referenceFindings.some((f) => f.severity === "error")) {
    return { findings: [...referenceFindings, ...configFindings], strict: config.strict };
  }
  const network = resolveNetwork(config);
  const rules = roles === "plan" ? [...NETWORK_RULES, ...PLAN_MODE_RULES] : NETWORK_RULES;
  const networkFindings = rules.flatMap((rule) => stamped(rule, rule.check(network)));
  return { findings: [...referenceFindings, ...configFindings, ...networkFindings], network, strict: config.strict };
}

/** The findings of a rule, each marked with the rule's id. */
function stamped(rule: { readonly id: string }, findings: readonly Finding[]): Finding[] {
  return findings.map((finding) => ({ ...finding, rule: rule.id }));
}

/**
 * Checks a config completely before anything is synthesized.
 *
 * @returns the resolved network and the warnings, when nothing blocks synthesis
 * @throws ConfigValidationError listing every error (and, in strict mode, every warning)
 */
export function validateConfig(input: unknown, options: ValidateOptions): ValidatedConfig {
  const { findings, network, strict: configStrict } = checkConfig(input, options.roles);
  const strict = options.strict === true || configStrict;
  const blocking = findings.filter((f) => strict || f.severity === "error");
  if (blocking.length > 0 || !network) throw new ConfigValidationError(blocking, options.source);
  return { network, warnings: findings.filter((f) => f.severity === "warning") };
}
