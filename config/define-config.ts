import type { PeeringConfig } from "./schema";

/**
 * Declares the config of `config/config.ts`: `export const config = defineConfig({ ... })`.
 * It returns its argument unchanged; it exists so that the editor checks the
 * config as it is typed and completes its fields.
 */
export function defineConfig<const T extends PeeringConfig>(config: T): T {
  return config;
}
