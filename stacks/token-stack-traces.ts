/**
 * cdktf records a complete stack trace (unlimited depth, source-mapped under
 * tsx) for every token it creates, only to print it if that token later fails
 * to resolve. With thousands of resources that is about half of synthesis
 * time and memory (measured: 1,000 peerings take 5.0 s and 365 MB with the
 * traces, 2.5 s and 178 MB without). This module turns the recording off; set
 * `CDKTF_TOKEN_STACK_TRACES=1` to keep it while debugging a token error.
 *
 * Import it before anything creates a token (main.ts and the test setup do).
 */
if (process.env.CDKTF_TOKEN_STACK_TRACES !== "1") {
  // The module's own export is replaced (not a copy), so every cdktf call site sees it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const stackTrace = require("cdktf/lib/tokens/private/stack-trace") as { captureStackTrace: () => string[] };
  stackTrace.captureStackTrace = () => [];
}

export {};
