/**
 * What `npm run validate` does when it cannot check: a local run may skip,
 * with one `terraform checks SKIPPED: <why>` line and exit code 0; a CI run
 * (`CI` set to anything but `false` or `0`, as GitHub Actions and .ci/run
 * set it) fails, so that no CI run passes with its Terraform checks skipped.
 */

/** The line to print, where to print it, and the exit code. */
export interface CannotCheck {
  readonly line: string;
  readonly stream: "stdout" | "stderr";
  readonly exitCode: number;
}

/** Whether the environment is a CI run. */
export function isCi(env: NodeJS.ProcessEnv = process.env): boolean {
  const value = env.CI?.trim().toLowerCase();
  return value !== undefined && value !== "" && value !== "false" && value !== "0";
}

/** The outcome of a check that cannot run, for `reason` (one line, no trailing period). */
export function cannotCheck(reason: string, env: NodeJS.ProcessEnv = process.env): CannotCheck {
  return isCi(env)
    ? {
        line: `terraform checks FAILED: ${reason}; CI=${env.CI} does not allow skipping them`,
        stream: "stderr",
        exitCode: 1,
      }
    : { line: `terraform checks SKIPPED: ${reason}`, stream: "stdout", exitCode: 0 };
}
