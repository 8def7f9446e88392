import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { checkVanishedStacks, type StateListing } from "../scripts/stacks/vanished-stacks";
import { terraformSetup } from "./support/terraform";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "peering-vanished-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A synthesized output folder with these stacks in its manifest, as cdktf writes it. */
function outdir(name: string, stacks: string[]): string {
  const out = join(dir, name);
  mkdirSync(out, { recursive: true });
  const manifest = { stacks: Object.fromEntries(stacks.map((s) => [s, { name: s, workingDirectory: `stacks/${s}` }])) };
  writeFileSync(join(out, "manifest.json"), JSON.stringify(manifest));
  return out;
}

describe("GIVEN the base branch's output and the head's", () => {
  it("WHEN no stack vanishes THEN the check passes without reading any state", () => {
    const asked: string[] = [];
    const result = checkVanishedStacks(
      outdir("base", ["peering-a"]),
      outdir("head", ["peering-a", "peering-b"]),
      (d) => {
        asked.push(d);
        return { resources: [] };
      },
    );
    expect(result).toEqual({ lines: ["no stack vanishes"], failed: false });
    expect(asked).toEqual([]);
  });

  it("WHEN a stack vanishes while its state holds resources THEN the check fails naming the stack, its resources and what to do", () => {
    const base = outdir("base", ["peering-a", "peering-data", "peering-tools"]);
    const states: Record<string, StateListing> = {
      [join(base, "stacks", "peering-data")]: {
        resources: ["aws_route.x", "aws_vpc_peering_connection.a-to-data_connection"],
      },
      [join(base, "stacks", "peering-tools")]: { resources: [] },
    };
    const result = checkVanishedStacks(base, outdir("head", ["peering-a"]), (d) => states[d]);
    expect(result.failed).toBe(true);
    expect(result.lines).toEqual([
      expect.stringMatching(
        /^FAIL peering-data vanishes while its state still holds 2 resources \(aws_route\.x, aws_vpc_peering_connection\.a-to-data_connection\); .*keep the stack until an applied plan of it has destroyed them, then remove it$/,
      ),
      "ok   peering-tools vanishes; its state holds no resources",
    ]);
  });

  it("WHEN only empty stacks vanish THEN the check passes", () => {
    const result = checkVanishedStacks(
      outdir("base", ["peering-a", "peering-b"]),
      outdir("head", ["peering-a"]),
      () => ({ resources: [] }),
    );
    expect(result).toEqual({ lines: ["ok   peering-b vanishes; its state holds no resources"], failed: false });
  });

  it("WHEN the state of a vanishing stack cannot be read THEN the check fails: nothing shows it is empty", () => {
    const result = checkVanishedStacks(outdir("base", ["peering-b"]), outdir("head", []), () => ({
      problem: "AccessDenied",
    }));
    expect(result.failed).toBe(true);
    expect(result.lines).toEqual([
      "FAIL peering-b vanishes and its state could not be read (AccessDenied); nothing shows that it holds no resources",
    ]);
  });

  it("WHEN an output folder was never synthesized THEN the check says so", () => {
    expect(() => checkVanishedStacks(join(dir, "nowhere"), outdir("head", []), () => ({ resources: [] }))).toThrow(
      "manifest.json does not exist; synthesize first",
    );
  });
});

describe("GIVEN npm run check:vanished with terraform", () => {
  const setupDir = mkdtempSync(join(tmpdir(), "peering-vanished-tf-"));
  afterAll(() => rmSync(setupDir, { recursive: true, force: true }));
  const tf = terraformSetup(join(setupDir, "terraform.rc"));
  const withTerraform = "skipped" in tf ? it.skip : it;

  withTerraform(
    "WHEN the vanished stack's local state lists a resource THEN it exits 1 naming the stack; with no state file it passes",
    () => {
      const base = outdir("base", ["peering-a", "peering-gone"]);
      const head = outdir("head", ["peering-a"]);
      const stackDir = join(base, "stacks", "peering-gone");
      mkdirSync(stackDir, { recursive: true });
      const config = { terraform: { backend: { local: { path: "../../../terraform.peering-gone.tfstate" } } } };
      writeFileSync(join(stackDir, "cdk.tf.json"), JSON.stringify(config));
      const run = () =>
        spawnSync(
          process.execPath,
          [
            resolve(__dirname, "..", "scripts", "run-ts.js"),
            "scripts/check-vanished-stacks.ts",
            "--base",
            base,
            "--head",
            head,
          ],
          {
            cwd: dir,
            env: "env" in tf ? tf.env : process.env,
            encoding: "utf8",
          },
        );
      const empty = run();
      expect(empty.stdout).toBe("ok   peering-gone vanishes; its state holds no resources\n");
      expect(empty.status).toBe(0);

      const resource = {
        mode: "managed",
        type: "terraform_data",
        name: "kept",
        provider: 'provider["terraform.io/builtin/terraform"]',
        instances: [{ schema_version: 0, attributes: { id: "x" } }],
      };
      writeFileSync(
        join(dir, "terraform.peering-gone.tfstate"),
        JSON.stringify({
          version: 4,
          terraform_version: "1.11.4",
          serial: 1,
          lineage: "5b0e2c1d-0000-4000-8000-00000000000a",
          outputs: {},
          resources: [resource],
        }),
      );
      const held = run();
      expect(held.stdout).toContain(
        "FAIL peering-gone vanishes while its state still holds 1 resource (terraform_data.kept)",
      );
      expect(held.status).toBe(1);
    },
    60_000,
  );
});
