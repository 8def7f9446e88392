import { ConfigValidationError } from "../core/finding";
import { OutputFolderError } from "./output-error";

/**
 * Runs a command-line entry point: a config or output problem is printed on
 * stderr as the lines it already is, never with a stack trace, and the exit
 * code is set without `process.exit`, so that a long list written to a pipe
 * (every CI log) is never cut short. Anything else is a bug and is rethrown.
 */
export function runCommand(body: () => void): void {
  try {
    body();
  } catch (cause) {
    if (!(cause instanceof ConfigValidationError || cause instanceof OutputFolderError)) throw cause;
    process.stderr.write(`${cause.message}\n`);
    process.exitCode = 1;
  }
}
