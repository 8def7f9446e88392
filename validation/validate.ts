import { peeringConfigSchema } from "../config/schema";
import type { Network } from "../model/network";
import { resolveNetwork } from "../model/resolve";
import { ConfigValidationError, type Finding } from "./finding";
import { CONFIG_RULES, NETWORK_RULES } from "./rules";
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
}

/** A valid config, resolved, with the warnings it raised. */
export interface ValidatedConfig {
  readonly network: Network;
  readonly warnings: readonly Finding[];
}

/**
 * Checks a config completely before anything is synthesized: the schema, then
 * the reference rules, then the network rules. Every problem found at a stage
 * is reported at once (a later stage runs only when the earlier ones passed,
 * since it needs what they guarantee).
 *
 * @throws ConfigValidationError listing every error (and, in strict mode, every warning)
 */
export function validateConfig(input: unknown, options: ValidateOptions): ValidatedConfig {
  const parsed = peeringConfigSchema.safeParse(input, { reportInput: true });
  if (!parsed.success) throw new ConfigValidationError(schemaFindings(parsed.error), options.source);
  const config = parsed.data;

  const referenceFindings = CONFIG_RULES.flatMap((rule) => rule.check(config));
  const referenceErrors = referenceFindings.filter((f) => f.severity === "error");
  if (referenceErrors.length > 0) throw new ConfigValidationError(referenceErrors, options.source);

  const network = resolveNetwork(config);
  const findings = [...referenceFindings, ...NETWORK_RULES.flatMap((rule) => rule.check(network))];
  const strict = options.strict === true || config.strict;
  const blocking = findings.filter((f) => strict || f.severity === "error");
  if (blocking.length > 0) throw new ConfigValidationError(blocking, options.source);
  return { network, warnings: findings.filter((f) => f.severity === "warning") };
}
