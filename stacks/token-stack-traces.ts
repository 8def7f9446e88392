/**
 * cdktf records a complete stack trace (unlimited depth, source-mapped under
 * tsx) for every token it creates, only to print it if that token later fails
 * to resolve. With thousands of resources that is about half of synthesis
 * time and memory (measured: 1,000 peerings take 5.0 s and 365 MB with the
 * traces, 2.5 s and 178 MB without). This module turns the recording off; set
 * `CDKTF_TOKEN_STACK_TRACES=1` to keep it while debugging a token error.
 *
 * It works with either library (`npm run use-cdktn` rewrites the import below):
 * - cdktf 0.21 calls the module export `captureStackTrace` for each token,
 *   which is replaced here;
 * - cdktn 0.24 calls a module-internal function that no export can replace,
 *   and reads its own switch, `CDKTN_DISABLE_CREATION_STACK`, on every token;
 *   it is set here (and so in child processes), unless already set.
 *
 * Import it before anything creates a token (main.ts and the test setup do).
 */
if (process.env.CDKTF_TOKEN_STACK_TRACES !== "1") {
  process.env.CDKTN_DISABLE_CREATION_STACK ??= "1";
  // The module's own export is replaced (not a copy), so every cdktf call site sees it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const stackTrace = require("cdktf/lib/tokens/private/stack-trace") as { captureStackTrace: () => string[] };
  stackTrace.captureStackTrace = () => [];
}

export {};
