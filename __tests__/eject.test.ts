import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { DataResource, LocalBackend, TerraformStack, Testing } from "cdktf";
import { exampleConfig } from "../config/example";
import type { PeeringConfig } from "../config/schema";
import { EJECT_MARKER, type EjectFormat, EjectTargetError, ejectStacks } from "../scripts/eject/eject-stacks";
import { addPeeringStacks } from "../stacks/synthesize";
import { validateConfig } from "../validation/validate";
import { terraformSetup } from "./support/terraform";

type StackJson = { terraform: { backend: Record<string, Record<string, unknown>> } } & Record<string, unknown>;

/** The example's stacks as `npm run synth` makes them for `<project>/cdktf.out`. */
function stacksOf(config: PeeringConfig, project: string): TerraformStack[] {
  const { network } = validateConfig(config, { source: "test" });
  return addPeeringStacks(Testing.app(), network, { outdir: join(project, "cdktf.out"), projectDir: project });
}

const readJson = (file: string) => JSON.parse(readFileSync(file, "utf8")) as StackJson;

let dir: string;
let project: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "peering-eject-"));
  project = join(dir, "project");
  mkdirSync(project);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("GIVEN the example's stacks with local state", () => {
  it("WHEN ejected as JSON THEN each stack is the synthesized one, its local backend path rewritten to reach the same state file", () => {
    const target = join(dir, "terraform");
    const ejected = ejectStacks({
      stacks: stacksOf(exampleConfig, project),
      outdir: join(project, "cdktf.out"),
      target,
      format: "json",
    });
    const originals = stacksOf(exampleConfig, project);
    expect(ejected.map((e) => e.name).sort()).toEqual(originals.map((s) => s.node.id).sort());
    for (const original of originals) {
      const name = original.node.id;
      const json = readJson(join(target, name, "cdk.tf.json"));
      const path = json.terraform.backend.local.path as string;
      expect(resolve(target, name, path)).toBe(join(project, `terraform.${name}.tfstate`));
      const expected = original.toTerraform() as StackJson;
      expected.terraform.backend.local.path = path;
      expect(json).toEqual(JSON.parse(JSON.stringify(expected)));
    }
    expect(readdirSync(target).sort()).toEqual([EJECT_MARKER, ...originals.map((s) => s.node.id)].sort());
    expect(readdirSync(dir).sort()).toEqual(["project", "terraform"]);
  });

  it("WHEN ejected as HCL THEN each stack is a cdk.tf whose local backend reaches the same state file", () => {
    const target = join(dir, "terraform");
    ejectStacks({
      stacks: stacksOf(exampleConfig, project),
      outdir: join(project, "cdktf.out"),
      target,
      format: "hcl",
    });
    const hcl = readFileSync(join(target, "peering-shared", "cdk.tf"), "utf8");
    expect(readdirSync(join(target, "peering-shared"))).toEqual(["cdk.tf"]);
    const path = hcl.match(/backend "local" \{\s*path\s*=\s*"([^"]+)"/)?.[1];
    expect(path && resolve(target, "peering-shared", path)).toBe(join(project, "terraform.peering-shared.tfstate"));
    expect(hcl).toContain('resource "aws_vpc_peering_connection" "shared-to-app_connection"');
    // provider references are bare, as Terraform wants them (cdktf quotes them, which Terraform deprecates)
    expect(hcl).toMatch(/^\s*provider\s*=\s*aws\.app-us-east-1$/m);
    expect(hcl).not.toMatch(/^\s*provider\s*=\s*"/m);
    // the check blocks, which cdktf's own HCL leaves out, are there too
    expect(hcl).toContain(
      'check "peering_shared_to_app" {\n  data "aws_vpc_peering_connection" "peering_shared_to_app" {\n    provider = aws.shared-us-east-1\n    id = aws_vpc_peering_connection.shared-to-app_connection.id\n  }',
    );
  });

  it("WHEN the state is in S3 THEN the backend is left exactly as synthesized", () => {
    const config = {
      ...exampleConfig,
      backend: { type: "s3", bucket: "acme-state", region: "us-east-1", keyPrefix: "net" },
    } as PeeringConfig;
    const target = join(dir, "terraform");
    const ejected = ejectStacks({
      stacks: stacksOf(config, project),
      outdir: join(project, "cdktf.out"),
      target,
      format: "json",
    });
    expect(ejected.find((e) => e.name === "peering-shared")?.state).toEqual({ backend: "s3" });
    const original = stacksOf(config, project).find((s) => s.node.id === "peering-shared")!;
    expect(readJson(join(target, "peering-shared", "cdk.tf.json"))).toEqual(
      JSON.parse(JSON.stringify(original.toTerraform())),
    );
  });

  it("WHEN the folder holds other files and is no earlier eject THEN eject refuses it in one line and writes nothing", () => {
    const target = join(dir, "mine");
    mkdirSync(target);
    writeFileSync(join(target, "notes.md"), "mine");
    const attempt = () =>
      ejectStacks({
        stacks: stacksOf(exampleConfig, project),
        outdir: join(project, "cdktf.out"),
        target,
        format: "json",
      });
    expect(attempt).toThrow(EjectTargetError);
    expect(attempt).toThrow(
      `${target} is not empty and not an earlier eject (no ${EJECT_MARKER}); eject into a new or empty folder`,
    );
    expect(readdirSync(target)).toEqual(["notes.md"]);
    expect(readdirSync(dir).sort()).toEqual(["mine", "project"]);
  });

  it("WHEN the folder is inside the output folder that synth replaces THEN eject refuses it", () => {
    const target = join(project, "cdktf.out", "ejected");
    expect(() =>
      ejectStacks({
        stacks: stacksOf(exampleConfig, project),
        outdir: join(project, "cdktf.out"),
        target,
        format: "json",
      }),
    ).toThrow("which every synth replaces; eject into a folder outside it");
    expect(existsSync(target)).toBe(false);
  });

  it("WHEN ejected again into an earlier eject THEN the stack files are replaced and what Terraform and you added is kept", () => {
    const target = join(dir, "terraform");
    const eject = (format: EjectFormat) =>
      ejectStacks({ stacks: stacksOf(exampleConfig, project), outdir: join(project, "cdktf.out"), target, format });
    eject("json");
    writeFileSync(join(target, "peering-shared", ".terraform.lock.hcl"), "lock");
    mkdirSync(join(target, "peering-shared", ".terraform"));
    writeFileSync(join(target, "README.md"), "ours");
    mkdirSync(join(target, "peering-retired"));
    eject("hcl");
    expect(readdirSync(join(target, "peering-shared")).sort()).toEqual([".terraform", ".terraform.lock.hcl", "cdk.tf"]);
    expect(readFileSync(join(target, "peering-shared", ".terraform.lock.hcl"), "utf8")).toBe("lock");
    expect(readFileSync(join(target, "README.md"), "utf8")).toBe("ours");
    expect(existsSync(join(target, "peering-retired"))).toBe(true);
    expect(JSON.parse(readFileSync(join(target, EJECT_MARKER), "utf8")).format).toBe("hcl");
  });
});

describe("GIVEN npm run eject", () => {
  const repo = resolve(__dirname, "..");
  const eject = (args: string[]) =>
    spawnSync(process.execPath, [join(repo, "scripts", "run-ts.js"), "scripts/eject.ts", ...args], {
      cwd: project,
      encoding: "utf8",
    });

  it("WHEN the folder is someone else's THEN it exits 1 with one line naming the folder and the fix, and writes nothing", () => {
    writeFileSync(join(project, "main.tf"), "");
    const result = eject([project]);
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(
      `${project} is not empty and not an earlier eject (no ${EJECT_MARKER}); eject into a new or empty folder\n`,
    );
    expect(readdirSync(project)).toEqual(["main.tf"]);
  });

  it("WHEN PEERING_ROLES=plan is set THEN it refuses in one line: ejected stacks are applied, with the deploy roles", () => {
    const result = spawnSync(
      process.execPath,
      [join(repo, "scripts", "run-ts.js"), "scripts/eject.ts", join(dir, "out")],
      {
        cwd: project,
        encoding: "utf8",
        env: { ...process.env, PEERING_ROLES: "plan" },
      },
    );
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(
      "PEERING_ROLES=plan: eject writes the stacks you will apply, which assume the deploy roles; run it without PEERING_ROLES\n",
    );
    expect(existsSync(join(dir, "out"))).toBe(false);
  });

  it("WHEN no folder is named THEN it prints the usage and exits 2", () => {
    const result = eject([]);
    expect(result.status).toBe(2);
    expect(result.stderr).toBe("name one folder to eject into; usage: npm run eject -- <folder> [--hcl]\n");
  });
});

describe("GIVEN terraform and the provider mirror", () => {
  const setupDir = mkdtempSync(join(tmpdir(), "peering-eject-tf-"));
  afterAll(() => rmSync(setupDir, { recursive: true, force: true }));
  const tf = terraformSetup(join(setupDir, "terraform.rc"));
  const withTerraform = "skipped" in tf ? it.skip : it;
  const run = (cwd: string, args: string[]) => {
    if ("skipped" in tf) throw new Error(tf.skipped);
    const result = tf.run(cwd, args);
    return { status: result.status, out: `${result.stdout}${result.stderr}` };
  };
  const stateList = (cwd: string) => {
    const init = run(cwd, ["init", "-input=false", "-no-color"]);
    expect(init).toMatchObject({ status: 0 });
    const list = run(cwd, ["state", "list"]);
    expect(list).toMatchObject({ status: 0 });
    return list.out
      .split("\n")
      .filter((l) => l !== "")
      .sort();
  };

  withTerraform(
    "WHEN npm run eject writes the synthesized example THEN terraform state list in the ejected stack lists the same resources as in cdktf.out",
    () => {
      const repo = resolve(__dirname, "..");
      const env = {
        ...process.env,
        ...("env" in tf ? tf.env : {}),
        PEERING_CONFIG: join(repo, "config", "examples", "adopt-and-one-sided.yaml"),
      };
      const node = (args: string[]) =>
        spawnSync(process.execPath, [join(repo, "scripts", "run-ts.js"), ...args], {
          cwd: project,
          env,
          encoding: "utf8",
        });
      expect(node(["main.ts"]).status).toBe(0);
      const stackDir = join(project, "cdktf.out", "stacks", "peering-shared");
      // A state with every resource of the stack, as an apply would leave it (only what `state list` reads).
      const json = readJson(join(stackDir, "cdk.tf.json")) as StackJson & {
        resource: Record<string, Record<string, unknown>>;
      };
      const resources = Object.entries(json.resource).flatMap(([type, byName]) =>
        Object.keys(byName).map((name) => ({
          mode: "managed",
          type,
          name,
          provider: 'provider["registry.terraform.io/hashicorp/aws"]',
          instances: [{ schema_version: 0, attributes: { id: `${name}-id` } }],
        })),
      );
      writeFileSync(
        join(project, "terraform.peering-shared.tfstate"),
        JSON.stringify({
          version: 4,
          terraform_version: "1.11.4",
          serial: 1,
          lineage: "0d9c1a4e-1111-4222-8333-444455556666",
          outputs: {},
          resources,
        }),
      );
      const before = stateList(stackDir);
      expect(before.length).toBe(resources.length);

      const ejected = node(["scripts/eject.ts", join(dir, "ejected")]);
      expect(ejected.status).toBe(0);
      expect(ejected.stdout).toContain("ejected peering-shared -> ");
      expect(stateList(join(dir, "ejected", "peering-shared"))).toEqual(before);
      // the same as HCL: the same state, and Terraform reads it without a warning
      expect(node(["scripts/eject.ts", join(dir, "ejected-hcl"), "--hcl"]).status).toBe(0);
      const hclDir = join(dir, "ejected-hcl", "peering-shared");
      expect(stateList(hclDir)).toEqual(before);
      const validate = run(hclDir, ["validate", "-no-color"]);
      expect(validate.out.trim()).toBe("Success! The configuration is valid.");
      // the usual copy, as the README used to say, loses the state: this is what eject fixes
      const copied = join(dir, "copied", "peering-shared");
      mkdirSync(copied, { recursive: true });
      writeFileSync(join(copied, "cdk.tf.json"), readFileSync(join(stackDir, "cdk.tf.json")));
      expect(run(copied, ["init", "-input=false", "-no-color"]).status).toBe(0);
      expect(run(copied, ["state", "list"]).out).toContain("No state file was found");
    },
    120_000,
  );

  withTerraform.each(["json", "hcl"] as const)(
    "WHEN a stack applied from cdktf.out is ejected as %s THEN the same state is listed and terraform plan shows no changes",
    (format) => {
      const outdir = join(project, "cdktf.out");
      const makeStack = () => {
        const app = Testing.app({ outdir });
        const stack = new TerraformStack(app, "peering-demo");
        new LocalBackend(stack, {
          path: relative(join(outdir, "stacks", "peering-demo"), join(project, "terraform.peering-demo.tfstate")),
        });
        const marker = new DataResource(stack, "marker");
        new DataResource(stack, "other", { dependsOn: [marker] });
        return { app, stack };
      };
      // apply from cdktf.out, as cdktf deploy would, with the built-in provider only
      const stackDir = join(outdir, "stacks", "peering-demo");
      mkdirSync(stackDir, { recursive: true });
      writeFileSync(join(stackDir, "cdk.tf.json"), JSON.stringify(makeStack().stack.toTerraform(), null, 2));
      expect(run(stackDir, ["init", "-input=false", "-no-color"]).status).toBe(0);
      expect(run(stackDir, ["apply", "-auto-approve", "-input=false", "-no-color"])).toMatchObject({ status: 0 });
      const before = stateList(stackDir);
      expect(before).toEqual(["terraform_data.marker", "terraform_data.other"]);

      const target = join(dir, "ejected");
      ejectStacks({ stacks: [makeStack().stack], outdir, target, format });
      const ejectedDir = join(target, "peering-demo");
      expect(readdirSync(ejectedDir)).toEqual([format === "hcl" ? "cdk.tf" : "cdk.tf.json"]);
      expect(stateList(ejectedDir)).toEqual(before);
      const plan = run(ejectedDir, ["plan", "-detailed-exitcode", "-input=false", "-no-color"]);
      expect(plan.out).toContain("No changes.");
      expect(plan.status).toBe(0);
    },
    120_000,
  );
});
