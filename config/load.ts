import { readFileSync } from "node:fs";
import { extname } from "node:path";
import { parseDocument } from "yaml";
import type { RoleMode } from "../model/network";
import { config } from "./config";
import { ConfigValidationError, error } from "../validation/finding";
import { validateConfig, type ValidatedConfig } from "../validation/validate";

/** A validated config and where it came from. */
export interface LoadedConfig extends ValidatedConfig {
  /** `config/config.ts` or the PEERING_CONFIG path. */
  readonly source: string;
  /** Which roles the providers assume (PEERING_ROLES). */
  readonly roles: RoleMode;
}

/** The environment variables that choose and tune the config. */
export interface ConfigEnvironment {
  /** Path of a JSON or YAML config to use instead of `config/config.ts`. */
  readonly PEERING_CONFIG?: string;
  /** `1` or `true`: warnings are errors. */
  readonly PEERING_STRICT?: string;
  /** `plan`: providers assume each account's read-only planRoleArn (pull-request plans; an account with a roleArn and no planRoleArn is an error); `deploy` (default): roleArn. */
  readonly PEERING_ROLES?: string;
}

/**
 * Loads and validates the config: the file named by `PEERING_CONFIG` (`.json`,
 * `.yaml` or `.yml`), else the TypeScript config in `config/config.ts`.
 *
 * @throws ConfigValidationError when the file cannot be read or parsed, or the config is invalid
 */
export function loadConfig(env: ConfigEnvironment = process.env): LoadedConfig {
  const strict = env.PEERING_STRICT === "1" || env.PEERING_STRICT === "true";
  const roles = rolesFrom(env.PEERING_ROLES);
  const file = env.PEERING_CONFIG;
  if (file) {
    const input = readConfigFile(file);
    return { ...validateConfig(input, { source: file, strict, roles }), source: file, roles };
  }
  const source = "config/config.ts";
  return { ...validateConfig(config, { source, strict, roles }), source, roles };
}

function rolesFrom(value: string | undefined): RoleMode {
  if (value === undefined || value === "" || value === "deploy") return "deploy";
  if (value === "plan") return "plan";
  throw new ConfigValidationError(
    [error("PEERING_ROLES", `"${value}" is not a role mode; use "plan" (read-only planRoleArn) or "deploy" (roleArn, the default)`)],
    "the PEERING_ROLES setting",
  );
}

/** Reads a JSON or YAML config file; parse errors name the file, line and column. */
export function readConfigFile(file: string): unknown {
  const extension = extname(file).toLowerCase();
  if (![".json", ".yaml", ".yml"].includes(extension)) {
    throw new ConfigValidationError(
      [error("PEERING_CONFIG", `"${file}" must end in .json, .yaml or .yml`)],
      "the PEERING_CONFIG setting",
    );
  }
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (cause) {
    throw new ConfigValidationError(
      [error("PEERING_CONFIG", `cannot read "${file}": ${(cause as Error).message}`)],
      "the PEERING_CONFIG setting",
    );
  }
  if (extension === ".json") {
    try {
      return JSON.parse(text);
    } catch (cause) {
      throw new ConfigValidationError([error("(file)", `not valid JSON: ${(cause as Error).message}`)], file);
    }
  }
  const document = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (document.errors.length > 0) {
    throw new ConfigValidationError(
      document.errors.map((e) => error("(file)", `not valid YAML: ${e.message.split("\n")[0]}`)),
      file,
    );
  }
  return document.toJS();
}
