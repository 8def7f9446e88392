/**
 * A problem with where synth writes, told in one line: the path and why.
 * The entry points print its message alone, never a stack trace.
 */
export class OutputFolderError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "OutputFolderError";
  }
}

/** Turns a file system error into one line that names the path and what went wrong. */
export function outputErrorFrom(cause: unknown, path: string): OutputFolderError {
  const code = (cause as NodeJS.ErrnoException | undefined)?.code;
  const why: Record<string, string> = {
    EACCES: "permission denied",
    EPERM: "operation not permitted",
    EROFS: "the file system is read-only",
    ENOSPC: "no space left on the device",
    ENOTDIR: "a part of the path is a file, not a folder",
    EEXIST: "a part of the path is a file, not a folder",
  };
  const reason = (code && why[code]) ?? (cause instanceof Error ? cause.message.split("\n")[0] : String(cause));
  return new OutputFolderError(
    `cannot write the output folder ${path}: ${reason}; choose a folder you can write (CDKTF_OUTDIR or --output)`,
  );
}
