/**
 * `npm run bench [-- --quick]`: synthesis speed and memory against the stock
 * CDKTF toolchain (bench/stock: a `cdktf init`-style app with ts-node, the
 * provider imported from the package root, ts-jest, and its own package.json
 * and lockfile, installed there on first use), measured as whole processes in
 * one run on one machine, the two programs alternating, medians reported.
 *
 * Full: N = 1, 10, 100, 1,000 peerings (1,000 over 50 accounts), 5 runs each
 * after a warm-up; the stock app at N = 1 and 100; the real CLI against its
 * own floor; the test suites with cold caches. `--quick`: N = 1 and 100,
 * 3 runs, synthesis only, no warm-up run of the stock app. Prints a table and writes
 * bench/.results/<quick|full>.json (ignored by git; bench/results.json is the run the README quotes).
 */

import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { join } from "node:path";
import { manyPeeringsConfig } from "../config/examples/many-peerings";
import { currentLibrary } from "../scripts/cdk-library";
import { type Measurement, measure, median, type Summary, summarize } from "./measure";

/** The project folder: npm runs scripts there. */
const projectDir = process.cwd();
const workDir = join(projectDir, "bench", ".work");
const stockDir = join(projectDir, "bench", "stock");
const resultsDir = join(projectDir, "bench", ".results");

const quick = process.argv.includes("--quick");
const sizes = quick ? [1, 100] : [1, 10, 100, 1000];
const runs = quick ? 3 : 5;
const pairedSizes = new Set([1, 100]);
const accountsFor = (n: number) => (n >= 1000 ? 50 : Math.min(10, n));
/** Our entry point, exactly as `npm run synth` runs it. */
const synthCommand = (
  JSON.parse(readFileSync(join(projectDir, "package.json"), "utf8")) as { scripts: { synth: string } }
).scripts.synth.split(" ");
const log = (line: string) => process.stderr.write(`${line}\n`);

/** Installs the stock app in bench/stock from its own lockfile: on first use, and again when the lockfile changes. */
function prepareStock(): void {
  const lock = readFileSync(join(stockDir, "package-lock.json"), "utf8");
  const installed = join(stockDir, "node_modules", ".package-lock.json");
  const marker = join(stockDir, "node_modules", ".bench-installed-lock");
  if (existsSync(installed) && existsSync(marker) && readFileSync(marker, "utf8") === lock) return;
  log("installing the stock app in bench/stock (npm ci; the first run only) ...");
  const install = spawnSync("npm", ["ci", "--no-audit", "--no-fund"], { cwd: stockDir, stdio: "inherit" });
  if (install.status !== 0) throw new Error("npm ci of the stock app in bench/stock failed");
  writeFileSync(marker, lock);
}

/** Counts the resources in every cdk.tf.json below an output folder. */
function countResources(outdir: string): number {
  let count = 0;
  for (const stack of readdirSync(join(outdir, "stacks"))) {
    const json = JSON.parse(readFileSync(join(outdir, "stacks", stack, "cdk.tf.json"), "utf8")) as {
      resource?: Record<string, Record<string, unknown>>;
    };
    for (const byName of Object.values(json.resource ?? {})) count += Object.keys(byName).length;
  }
  return count;
}

function runOurs(n: number): { m: Measurement; resources: number } {
  const outdir = join(workDir, `ours-${n}`);
  const m = measure(synthCommand, {
    cwd: projectDir,
    env: { PEERING_CONFIG: join(workDir, `config-${n}.json`), CDKTF_OUTDIR: outdir },
  });
  return { m, resources: countResources(outdir) };
}

function runStock(n: number): { m: Measurement; resources: number } {
  const outdir = join(workDir, `stock-${n}`);
  const m = measure(["npx", "ts-node", "main.ts"], {
    cwd: stockDir,
    env: { PEERINGS: String(n), CDKTF_OUTDIR: outdir },
  });
  return { m, resources: countResources(outdir) };
}

/** A row of the results: one workload, ours and (where paired) stock. */
interface Row {
  readonly label: string;
  readonly resources?: number;
  readonly ours: { seconds: Summary; peakMb: Summary };
  readonly stock?: { seconds: Summary; peakMb: Summary; resources?: number };
  /** Medians of the per-pair ratios ours/stock. */
  readonly ratio?: { seconds: number; peakMb: number };
}

function row(
  label: string,
  ours: Measurement[],
  stock?: Measurement[],
  resources?: number,
  stockResources?: number,
): Row {
  const stats = (ms: Measurement[]) => ({
    seconds: summarize(ms.map((m) => m.seconds)),
    peakMb: summarize(ms.map((m) => m.peakMb)),
  });
  return {
    label,
    resources,
    ours: stats(ours),
    ...(stock
      ? {
          stock: { ...stats(stock), resources: stockResources },
          ratio: {
            seconds: median(ours.map((m, i) => m.seconds / stock[i].seconds)),
            peakMb: median(ours.map((m, i) => m.peakMb / stock[i].peakMb)),
          },
        }
      : {}),
  };
}

/** Runs `a` and `b` alternately, `count` times each. */
function paired(count: number, a: () => Measurement, b: () => Measurement): [Measurement[], Measurement[]] {
  const first: Measurement[] = [];
  const second: Measurement[] = [];
  for (let i = 0; i < count; i++) {
    first.push(a());
    second.push(b());
  }
  return [first, second];
}

function benchSynthesis(): Row[] {
  for (const n of sizes)
    writeFileSync(join(workDir, `config-${n}.json`), JSON.stringify(manyPeeringsConfig(n, accountsFor(n))));
  // The stock app's warm-up costs a whole run (15-20 s); --quick skips it to stay
  // under two minutes, and the median of its three runs absorbs one cold start.
  log(quick ? "warm-up: one run of ours" : "warm-up: one run of each program");
  runOurs(1);
  if (!quick) runStock(1);
  const rows: Row[] = [];
  for (const n of sizes) {
    log(`N = ${n}: ${runs} runs${pairedSizes.has(n) ? ", alternating with the stock app" : ""}`);
    let resources = 0;
    let stockResources = 0;
    const ours = () => {
      const r = runOurs(n);
      resources = r.resources;
      return r.m;
    };
    if (pairedSizes.has(n)) {
      const stock = () => {
        const r = runStock(n);
        stockResources = r.resources;
        return r.m;
      };
      const [o, s] = paired(runs, ours, stock);
      rows.push(row(`synth N=${n}`, o, s, resources, stockResources));
    } else {
      rows.push(row(`synth N=${n}`, Array.from({ length: runs }, ours), undefined, resources));
    }
  }
  return rows;
}

/** `npx cdktf synth` of the example against the CLI's floor: the same CLI over an app that synthesizes one empty stack. */
function benchCli(): Row {
  const floorDir = join(workDir, "cli-floor");
  mkdirSync(floorDir, { recursive: true });
  writeFileSync(
    join(floorDir, "main.js"),
    'const { App, TerraformStack } = require("cdktf");\nconst app = new App();\nnew TerraformStack(app, "empty");\napp.synth();\n',
  );
  writeFileSync(
    join(floorDir, "cdktf.json"),
    JSON.stringify({ language: "typescript", app: "node main.js", sendCrashReports: "false" }),
  );
  const env = { CHECKPOINT_DISABLE: "1", TF_CLI_CONFIG_FILE: "/dev/null", CDKTF_DISABLE_PLUGIN_CACHE_ENV: "1" };
  const bin = currentLibrary().cli.bin;
  const cli = (cwd: string, out: string) => () => measure(["npx", bin, "synth", "--output", out], { cwd, env });
  log(`real CLI: npx ${bin} synth of the example vs the empty-stack floor, ${runs} runs`);
  cli(floorDir, join(workDir, "cli-floor-out"))();
  const [ours, floor] = paired(
    runs,
    cli(projectDir, join(workDir, "cli-ours-out")),
    cli(floorDir, join(workDir, "cli-floor-out")),
  );
  return row("npx cdktf synth (example) vs CLI floor", ours, floor);
}

/** The whole test suite with a cold cache against the stock app's one snapshot test under ts-jest. */
function benchTests(): Row {
  const count = 2;
  log(`test suites, cold cache: ours (npm test) vs the stock app's snapshot test, ${count} runs`);
  const jest = (cwd: string) => () => measure(["npx", "jest", "--no-cache", "--ci"], { cwd, env: { CI: "true" } });
  const [ours, stock] = paired(count, jest(projectDir), jest(stockDir));
  return row("test suite, cold cache", ours, stock);
}

function fmt(s: Summary, digits: number): string {
  return `${s.median.toFixed(digits)} (${s.min.toFixed(digits)}–${s.max.toFixed(digits)})`;
}

function renderTable(rows: readonly Row[]): string {
  const lines = [
    "| workload | resources | ours: wall s | ours: peak MB | stock: wall s | stock: peak MB | ours/stock wall | ours/stock memory |",
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
  ];
  for (const r of rows) {
    lines.push(
      `| ${r.label} | ${r.resources ?? ""} | ${fmt(r.ours.seconds, 2)} | ${fmt(r.ours.peakMb, 0)} | ${r.stock ? fmt(r.stock.seconds, 2) : "–"} | ${r.stock ? fmt(r.stock.peakMb, 0) : "–"} | ${r.ratio ? r.ratio.seconds.toFixed(3) : "–"} | ${r.ratio ? r.ratio.peakMb.toFixed(3) : "–"} |`,
    );
  }
  return lines.join("\n");
}

/** The targets, checked against this run. */
function targets(rows: readonly Row[]): Array<{ target: string; value: string; met: boolean }> {
  const find = (label: string) => rows.find((r) => r.label === label);
  const out: Array<{ target: string; value: string; met: boolean }> = [];
  const n100 = find("synth N=100");
  if (n100?.ratio) {
    out.push({
      target: "N=100 wall <= 0.05x stock",
      value: n100.ratio.seconds.toFixed(3),
      met: n100.ratio.seconds <= 0.05,
    });
    out.push({
      target: "N=100 peak memory <= 0.1x stock",
      value: n100.ratio.peakMb.toFixed(3),
      met: n100.ratio.peakMb <= 0.1,
    });
  }
  const n1000 = find("synth N=1000");
  if (n1000) {
    out.push({
      target: "N=1000 wall <= 3 s",
      value: n1000.ours.seconds.median.toFixed(2),
      met: n1000.ours.seconds.median <= 3,
    });
    out.push({
      target: "N=1000 peak <= 300 MB",
      value: n1000.ours.peakMb.median.toFixed(0),
      met: n1000.ours.peakMb.median <= 300,
    });
    if (n100) {
      const growth = n1000.ours.seconds.median / n100.ours.seconds.median;
      out.push({ target: "t(1000)/t(100) <= 12", value: growth.toFixed(2), met: growth <= 12 });
    }
  }
  const cli = find("npx cdktf synth (example) vs CLI floor");
  if (cli?.ratio)
    out.push({
      target: "CLI synth <= 1.3x CLI floor",
      value: cli.ratio.seconds.toFixed(2),
      met: cli.ratio.seconds <= 1.3,
    });
  const tests = find("test suite, cold cache");
  if (tests?.ratio)
    out.push({
      target: "test suite <= stock snapshot test",
      value: tests.ratio.seconds.toFixed(2),
      met: tests.ratio.seconds <= 1,
    });
  return out;
}

function main(): void {
  const started = Date.now();
  rmSync(workDir, { recursive: true, force: true });
  mkdirSync(workDir, { recursive: true });
  prepareStock();
  const installSeconds = Math.round((Date.now() - started) / 1000);
  const measuring = Date.now();
  const rows = benchSynthesis();
  if (!quick) rows.push(benchCli(), benchTests());
  const checked = targets(rows);
  const table = renderTable(rows);
  const machine = `${cpus().length} cores, ${cpus()[0]?.model ?? "unknown CPU"}, Node ${process.version}`;
  console.log(`\n${table}\n`);
  for (const t of checked) console.log(`${t.met ? "met   " : "MISSED"} ${t.target}: ${t.value}`);
  const results = {
    date: new Date().toISOString(),
    mode: quick ? "quick" : "full",
    machine,
    runsPerWorkload: runs,
    /** Seconds spent measuring, and before that installing the stock app (0 once it is installed). */
    seconds: Math.round((Date.now() - measuring) / 1000),
    installSeconds,
    rows,
    targets: checked,
    table,
  };
  mkdirSync(resultsDir, { recursive: true });
  const file = join(resultsDir, `${results.mode}.json`);
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  const install = installSeconds > 1 ? ` (plus ${installSeconds} s installing the stock app)` : "";
  console.log(`\n${machine}; ${results.seconds} s measuring${install}; written to bench/.results/${results.mode}.json`);
}

main();
