/** `npm run schema`: writes config/schema.json from the zod schema (a test fails when it is out of date). */
import { writeFileSync } from "node:fs";
import { renderJsonSchema } from "../config/json-schema";

writeFileSync("config/schema.json", renderJsonSchema());
console.log("wrote config/schema.json");
