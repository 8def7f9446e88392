import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stringify } from "yaml";
import { ESTATE, estateAccountsConfig, handMadeEstate } from "../../rehearsal/hand-made-estate";
import { BASE_ACCESS_KEY } from "../../rehearsal/seed";
import { type LocalAws, startLocalAws } from "../../rehearsal/server";

/**
 * `npm run discover` as a user runs it: the real script (scripts/discover.ts
 * through scripts/run-ts.js) against the local AWS, with credentials from the
 * environment. The child runs asynchronously, so the local AWS in this
 * process keeps answering.
 */

const CHILD_TIMEOUT = 180_000;
let aws: LocalAws;
let dir: string;

beforeAll(async () => {
  aws = await startLocalAws(handMadeEstate());
  dir = mkdtempSync(join(tmpdir(), "discover-cli-"));
  writeFileSync(join(dir, "accounts.yaml"), stringify(estateAccountsConfig()));
});

afterAll(async () => {
  await aws.close();
  rmSync(dir, { recursive: true, force: true });
});

function discover(args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["scripts/run-ts.js", "scripts/discover.ts", ...args], {
      cwd: join(__dirname, "..", ".."),
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        TMPDIR: process.env.TMPDIR,
        AWS_ACCESS_KEY_ID: BASE_ACCESS_KEY,
        AWS_SECRET_ACCESS_KEY: "x",
        AWS_CONFIG_FILE: "/dev/null",
        AWS_SHARED_CREDENTIALS_FILE: "/dev/null",
        AWS_EC2_METADATA_DISABLED: "true",
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
      },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr.on("data", (d: Buffer) => {
      stderr += d.toString();
    });
    child.on("error", reject);
    child.on("close", (status) => resolve({ status: status ?? 1, stdout, stderr }));
  });
}

const common = () => ["--config", join(dir, "accounts.yaml"), "--regions", "us-east-1", "--endpoint-url", aws.url];

describe("GIVEN the hand-made estate on the local AWS", () => {
  it(
    "WHEN discover runs with --json THEN it writes the file, prints the result as JSON on stdout and nothing on stderr",
    async () => {
      const out = join(dir, "discovered.yaml");
      const run = await discover([...common(), "--accounts", "shared,app,222222222222,data", "--out", out, "--json"]);
      expect(run.stderr).toBe("");
      expect(run.status).toBe(0);
      const result = JSON.parse(run.stdout);
      expect(result.written).toBe(out);
      expect(Object.keys(result.config.peerings)).toEqual([
        "app-to-data",
        "partner-reports",
        "shared-to-app",
        "vendor-saas",
      ]);
      expect(result.inactivePeerings).toEqual([
        expect.stringContaining(`${ESTATE.pcx.toolsToApp}: pending-acceptance`),
      ]);
      expect(readFileSync(out, "utf8")).toContain(`peeringConnectionId: ${ESTATE.pcx.sharedToApp}`);
    },
    CHILD_TIMEOUT,
  );

  it(
    "WHEN --check finds the config and AWS apart THEN it prints the difference and exits 1, writing nothing",
    async () => {
      const config = join(dir, "drifted.yaml");
      writeFileSync(
        config,
        readFileSync(join(dir, "discovered.yaml"), "utf8").replace("dnsResolution: true", "dnsResolution: false"),
      );
      const run = await discover([
        ...common().slice(2),
        "--config",
        config,
        "--check",
        "--out",
        join(dir, "never.yaml"),
      ]);
      expect(run.status).toBe(1);
      expect(run.stdout).toContain(
        `1 difference between ${config} and AWS (- only in the config, + only in AWS, ~ different):`,
      );
      expect(run.stdout).toContain("  ~ peerings.partner-reports.dnsResolution: the config has false, AWS has true\n");
      expect(existsSync(join(dir, "never.yaml"))).toBe(false);
    },
    CHILD_TIMEOUT,
  );

  it(
    "WHEN an account name is unknown THEN it fails with one line naming it and the accounts there are, writing nothing",
    async () => {
      const out = join(dir, "unknown.yaml");
      const run = await discover([...common(), "--accounts", "shared,nope", "--out", out]);
      expect(run.status).toBe(1);
      expect(run.stderr.trim()).toBe(
        `--accounts: "nope" is neither a 12-digit account id nor an account of ${join(dir, "accounts.yaml")} (shared, app, data)`,
      );
      expect(existsSync(out)).toBe(false);
    },
    CHILD_TIMEOUT,
  );
});
