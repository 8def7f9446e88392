import { ConfigValidationError, error } from "../core/finding";
import * as userConfig from "./config";
import { toPlainData } from "./plain-data";
import { readConfigFile } from "./read-config-file";
import type { RoleMode } from "./role-mode";

/** The environment variables that choose and tune the config. */
export interface ConfigEnvironment {
  /** Path of a JSON or YAML config to use instead of `config/config.ts`. */
  readonly PEERING_CONFIG?: string;
  /** `1` or `true`: warnings are errors; `0`, `false` or empty: the config's own `strict` decides. */
  readonly PEERING_STRICT?: string;
  /** `plan`: providers assume each account's read-only planRoleArn (pull-request plans; an account with a roleArn and no planRoleArn is an error); `deploy` (default): roleArn. */
  readonly PEERING_ROLES?: string;
}

/** The config as plain data, not yet checked, with where it came from and the settings that tune checking. */
export interface ConfigInput {
  /** Plain data (objects, arrays, strings, numbers, booleans, null) to check against the schema. */
  readonly input: unknown;
  /** `config/config.ts` or the PEERING_CONFIG path. */
  readonly source: string;
  /** Whether PEERING_STRICT makes warnings errors (the config's own `strict` may too). */
  readonly strict: boolean;
  /** Which roles the providers assume (PEERING_ROLES). */
  readonly roles: RoleMode;
}

/**
 * Reads the config without checking it: the file named by `PEERING_CONFIG`
 * (`.json`, `.yaml` or `.yml`), else the TypeScript config in
 * `config/config.ts`, as plain data; and the settings from the environment.
 *
 * @throws ConfigValidationError when a setting is unknown or the file cannot be read or parsed
 */
export function readConfigInput(env: ConfigEnvironment = process.env): ConfigInput {
  const strict = strictFrom(env.PEERING_STRICT);
  const roles = rolesFrom(env.PEERING_ROLES);
  const file = env.PEERING_CONFIG;
  if (file) return { input: readConfigFile(file), source: file, strict, roles };
  const source = "config/config.ts";
  const plain = toPlainData(exportedConfig(userConfig, source));
  if ("problems" in plain)
    throw new ConfigValidationError(
      plain.problems.map((p) => error(p.path, p.message)),
      source,
    );
  return { input: plain.data, source, strict, roles };
}

function strictFrom(value: string | undefined): boolean {
  if (value === undefined || value === "" || value === "0" || value === "false") return false;
  if (value === "1" || value === "true") return true;
  throw new ConfigValidationError(
    [
      error(
        "PEERING_STRICT",
        `${JSON.stringify(value)} is not a setting; use "1" or "true" (warnings are errors) or "0", "false" or nothing (the config's own strict)`,
      ),
    ],
    "the PEERING_STRICT setting",
  );
}

function rolesFrom(value: string | undefined): RoleMode {
  if (value === undefined || value === "" || value === "deploy") return "deploy";
  if (value === "plan") return "plan";
  throw new ConfigValidationError(
    [
      error(
        "PEERING_ROLES",
        `"${value}" is not a role mode; use "plan" (read-only planRoleArn) or "deploy" (roleArn, the default)`,
      ),
    ],
    "the PEERING_ROLES setting",
  );
}

/**
 * The config a TypeScript config module exports: `config` (as the example and
 * the generated file do) or its default export.
 */
export function exportedConfig(module: object, source: string): unknown {
  const exports = module as Record<string, unknown>;
  const found = exports.config ?? exports.default;
  if (found !== undefined) return found;
  const names = Object.keys(exports);
  throw new ConfigValidationError(
    [
      error(
        "",
        `exports no config${names.length > 0 ? ` (it exports ${names.join(", ")})` : ""}; write \`export const config = defineConfig({ ... })\` (see config/example.ts)`,
      ),
    ],
    source,
  );
}
