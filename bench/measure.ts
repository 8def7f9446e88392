import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** One measured process: wall time and peak resident memory. */
export interface Measurement {
  readonly seconds: number;
  /** Peak resident set size of the largest process in the tree, in MB. */
  readonly peakMb: number;
}

/** Runs a whole process under GNU time (`/usr/bin/time`) and returns its wall time and peak memory. */
export function measure(command: readonly string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): Measurement {
  if (!existsSync("/usr/bin/time"))
    throw new Error("the benchmark needs GNU time at /usr/bin/time (Debian package: time)");
  const dir = mkdtempSync(join(tmpdir(), "bench-time-"));
  const report = join(dir, "time.txt");
  const result = spawnSync("/usr/bin/time", ["-f", "%e %M", "-o", report, ...command], {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) {
    throw new Error(`${command.join(" ")} failed (exit ${result.status}):\n${result.stdout}\n${result.stderr}`);
  }
  const [seconds, kilobytes] = readFileSync(report, "utf8").trim().split(/\s+/).slice(-2).map(Number);
  rmSync(dir, { recursive: true, force: true });
  return { seconds, peakMb: kilobytes / 1024 };
}

/** The median of some numbers. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Median, min and max of a series. */
export interface Summary {
  readonly median: number;
  readonly min: number;
  readonly max: number;
}

/** Summarizes a series. */
export function summarize(values: readonly number[]): Summary {
  return { median: median(values), min: Math.min(...values), max: Math.max(...values) };
}
