import type { RoleMode } from "../config/role-mode";
import { peeringConfigSchema } from "../config/schema";
import { ConfigValidationError, type Finding } from "../core/finding";
import type { Network } from "../model/network";
import { resolveNetwork } from "../model/resolve";
import { resolvablePart } from "./resolvable-part";
import { COMPLETE, type RuleContext } from "./rule";
import { CONFIG_RULES, NETWORK_RULES, PLAN_MODE_RULES, REFERENCE_RULES, unmatchedAcknowledgements } from "./rules";
import { schemaFindings } from "./schema-findings";
import { parsedPart } from "./set-aside";

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
 * Runs every check on a config and collects all findings, so that one run
 * reports everything: the schema; then the rules on config entries and the
 * rules on the resolved network (with `roles: "plan"`, the plan-mode rules
 * too), run on every part of the config that parsed and resolves. An entry
 * the schema refuses (a VPC with a region typo) is set aside, with everything
 * that depends on it; the rest is still checked.
 */
export function checkConfig(input: unknown, roles: RoleMode = "deploy"): ConfigCheck {
  const parsed = peeringConfigSchema.safeParse(input, { reportInput: true });
  const schema = parsed.success ? [] : schemaFindings(parsed.error).map((f) => ({ ...f, rule: "schema" }));
  const part = parsed.success ? { config: parsed.data, setAside: COMPLETE.setAside } : parsedPart(input);
  if (!part) return { findings: schema, strict: false };
  const { config, setAside } = part;
  const context: RuleContext = { setAside, complete: parsed.success };
  const schemaPaths = new Set(schema.map((f) => f.path));
  const referenceFindings = REFERENCE_RULES.flatMap((rule) => stamped(rule, rule.check(config, context))).filter(
    (f) => !schemaPaths.has(f.path),
  );
  const configFindings = CONFIG_RULES.flatMap((rule) => stamped(rule, rule.check(config, context)));
  const resolvable = resolvablePart(config);
  const network = resolveNetwork(resolvable.config);
  const networkContext: RuleContext = { setAside, complete: context.complete && resolvable.complete };
  const rules = roles === "plan" ? [...NETWORK_RULES, ...PLAN_MODE_RULES] : NETWORK_RULES;
  const networkFindings = rules.flatMap((rule) => stamped(rule, rule.check(network, networkContext)));
  const acknowledged = unmatchedAcknowledgements.apply(
    config.acknowledge,
    [...schema, ...referenceFindings, ...configFindings, ...networkFindings],
    networkContext.complete,
  );
  return {
    findings: [...acknowledged.findings, ...stamped(unmatchedAcknowledgements, acknowledged.problems)],
    ...(networkContext.complete ? { network } : {}),
    strict: config.strict,
  };
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
  const blocking = findings.filter((f) => f.severity === "error" || (strict && f.acknowledged === undefined));
  const others = findings.filter((f) => !blocking.includes(f));
  if (blocking.length > 0 || !network) throw new ConfigValidationError(blocking, options.source, others);
  return { network, warnings: findings.filter((f) => f.severity === "warning") };
}
