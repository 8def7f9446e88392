import { config as example } from "./example";
import type { PeeringConfig } from "./schema";

/**
 * Your network. This is the file to edit: start from the example
 * (`cp config/example.ts config/config.ts`, or write your own with
 * `export const config = defineConfig({ ... })`), keep the names stable (they
 * are Terraform addresses), and run `npm run synth`.
 *
 * A JSON or YAML file of the same shape can be used instead:
 * `PEERING_CONFIG=path/to/network.yaml npm run synth` (see config/schema.json).
 */
export const config: PeeringConfig = example;
