import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { exampleConfig } from "../config/example";
import type { RoleMode } from "../config/role-mode";
import { peeringReportInMemory } from "../output/report-in-memory";
import { REPORT_FILE, synthesizeNetwork } from "../output/synthesize-network";
import { validateConfig } from "../validation/validate";
import { compliantConfig } from "./validation/fixture";

const withWarning = () => {
  const config = compliantConfig();
  delete config.accounts.far.externalId;
  return config as unknown;
};

describe("GIVEN a config, synthesized to a folder", () => {
  let work: string;
  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), "peering-report-memory-"));
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it.each<[string, RoleMode, () => unknown]>([
    ["the example config", "deploy", () => exampleConfig],
    ["the example config", "plan", () => exampleConfig],
    ["the validation fixture with a warning", "deploy", withWarning],
  ])(
    "WHEN the report of %s is rendered in memory with the %s roles THEN it is the report the synth wrote, byte for byte",
    (_, roles, configOf) => {
      const { network, warnings } = validateConfig(configOf(), { source: "test" });
      const outdir = join(work, `out-${roles}-${readdirSync(work).length}`);
      synthesizeNetwork(network, outdir, { roles, warnings, projectDir: work });
      expect(peeringReportInMemory(network, { roles, warnings })).toBe(readFileSync(join(outdir, REPORT_FILE), "utf8"));
    },
  );
});

describe("GIVEN a config and an empty working folder", () => {
  let work: string;
  const cwd = process.cwd();
  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), "peering-report-memory-"));
    process.chdir(work);
  });
  afterAll(() => {
    process.chdir(cwd);
    rmSync(work, { recursive: true, force: true });
  });

  it("WHEN the report is rendered in memory THEN nothing is written", () => {
    const { network } = validateConfig(exampleConfig, { source: "test" });
    expect(peeringReportInMemory(network)).toContain("# VPC peering report: acme-net");
    expect(readdirSync(work)).toEqual([]);
  });
});
