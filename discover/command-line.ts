import { parseArgs } from "node:util";
import { DiscoverError } from "./discover-error";

/** The usage line of `npm run discover`, printed on its own line after a command-line error. */
export const USAGE =
  "usage: npm run discover -- --accounts <names or 12-digit ids, comma-separated> [--regions us-east-1,...] [--config <existing .yaml/.json>] [--out config/discovered.yaml] [--check] [--json] [--project <name>] [--endpoint-url <url>]";

/** The options of `npm run discover`, as given. */
export type DiscoverArgs = ReturnType<typeof parse>["values"];

function parse(args: string[]) {
  return parseArgs({
    args,
    options: {
      accounts: { type: "string" },
      regions: { type: "string" },
      config: { type: "string" },
      out: { type: "string" },
      check: { type: "boolean" },
      json: { type: "boolean" },
      project: { type: "string" },
      "endpoint-url": { type: "string" },
      help: { type: "boolean" },
    },
    strict: true,
    allowPositionals: false,
  });
}

/**
 * Parses the command line of `npm run discover`.
 *
 * @throws DiscoverError with Node's one-line message for an unknown option, a missing value or a positional
 *   (the caller prints {@link USAGE} after it, on a line of its own)
 */
export function parseDiscoverArgs(args: readonly string[]): DiscoverArgs {
  try {
    return parse([...args]).values;
  } catch (cause) {
    throw new DiscoverError((cause as Error).message);
  }
}
