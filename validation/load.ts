import { type ConfigEnvironment, readConfigInput } from "../config/read-input";
import type { RoleMode } from "../config/role-mode";
import { type ValidatedConfig, validateConfig } from "./validate";

/** A validated config and where it came from. */
export interface LoadedConfig extends ValidatedConfig {
  /** `config/config.ts` or the PEERING_CONFIG path. */
  readonly source: string;
  /** Which roles the providers assume (PEERING_ROLES). */
  readonly roles: RoleMode;
}

/**
 * Loads and validates the config: reads it (see {@link readConfigInput}), then
 * runs the validation and resolution pipeline on it.
 *
 * @throws ConfigValidationError when the file cannot be read or parsed, or the config is invalid
 */
export function loadConfig(env: ConfigEnvironment = process.env): LoadedConfig {
  const { input, source, strict, roles } = readConfigInput(env);
  return { ...validateConfig(input, { source, strict, roles }), source, roles };
}
