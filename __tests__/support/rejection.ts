import { ConfigValidationError } from "../../core/finding";

/** The ConfigValidationError that `run` throws; fails the test if it throws nothing or something else. */
export function rejection(run: () => unknown): ConfigValidationError {
  try {
    run();
  } catch (cause) {
    if (cause instanceof ConfigValidationError) return cause;
    throw cause;
  }
  throw new Error("expected a ConfigValidationError");
}
