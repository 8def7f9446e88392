import { ConfigValidationError } from "../core/finding";
import { OutputFolderError } from "./output-error";

/** A class of errors a command reports as a message: constructed with a message, an `Error`. */
export type ExpectedError = abstract new (...args: never[]) => Error;

/**
 * The body of a command: returns nothing (the exit code stays 0), an exit code, or a
 * promise of either.
 */
// biome-ignore lint/suspicious/noConfusingVoidType: a command body that returns nothing is a `() => void` function
export type CommandBody = () => void | number | Promise<void | number>;

/**
 * Runs a command-line entry point: a config or output problem (or one of the
 * `expected` error classes the command adds) is printed on stderr as the lines
 * it already is, never with a stack trace, and the exit code is set without
 * `process.exit`, so that a long list written to a pipe (every CI log) is
 * never cut short. Anything else is a bug and is rethrown (from a promise, as
 * an unhandled rejection, which Node reports with its stack and exit code 1).
 *
 * @param body the command; a number it returns (or resolves to) becomes the exit code
 * @param expected further error classes that are the user's to fix, not bugs
 */
export function runCommand(body: CommandBody, expected: readonly ExpectedError[] = []): void {
  const known = [ConfigValidationError, OutputFolderError, ...expected];
  const fail = (cause: unknown): void => {
    if (!known.some((type) => cause instanceof type)) throw cause;
    process.stderr.write(`${(cause as Error).message}\n`);
    process.exitCode = 1;
  };
  const finish = (code: unknown): void => {
    if (typeof code === "number") process.exitCode = code;
  };
  let result: unknown;
  try {
    result = body();
  } catch (cause) {
    fail(cause);
    return;
  }
  if (result instanceof Promise) result.then(finish, fail);
  else finish(result);
}
