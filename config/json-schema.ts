import { z } from "zod";
import { peeringConfigSchema } from "./schema";

/**
 * The JSON Schema of the config file format, derived from the zod schema, as
 * written to `config/schema.json` (for editors: autocomplete and checks in
 * YAML and JSON configs). Rules that relate fields to each other are not
 * expressible here; `npm run synth` checks them.
 */
export function renderJsonSchema(): string {
  const schema = z.toJSONSchema(peeringConfigSchema, { io: "input", target: "draft-2020-12", unrepresentable: "any" });
  return `${JSON.stringify(schema, null, 2)}\n`;
}
