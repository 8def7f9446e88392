import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { DEPLOY_ENVIRONMENT } from "../iam/ci-identities";

/** The parts of a GitHub Actions workflow these tests read. */
interface Step {
  readonly name?: string;
  readonly uses?: string;
  readonly run?: string;
  readonly if?: string;
  readonly with?: Record<string, unknown>;
  readonly env?: Record<string, string>;
}
interface Job {
  readonly needs?: string | string[];
  readonly if?: string;
  readonly environment?: string;
  readonly permissions?: Record<string, string>;
  readonly strategy?: { matrix?: { include?: string | Array<Record<string, unknown>> }; "max-parallel"?: number };
  readonly defaults?: { run?: { "working-directory"?: string } };
  readonly outputs?: Record<string, string>;
  readonly "timeout-minutes"?: number;
  readonly steps: Step[];
}
interface Workflow {
  readonly on: Record<string, unknown>;
  readonly permissions: Record<string, string>;
  readonly jobs: Record<string, Job>;
}

const workflowsDir = join(__dirname, "..", ".github", "workflows");
const load = (file: string) => parse(readFileSync(join(workflowsDir, file), "utf8")) as Workflow;
/** Whether jq can be run here (GitHub's runners have it). */
const hasJq = spawnSync("jq", ["--version"], { encoding: "utf8" }).error === undefined;
const runs = (job: Job) => job.steps.map((s) => s.run ?? "").join("\n");
const uses = (job: Job, action: string) => job.steps.find((s) => s.uses?.startsWith(`${action}@`));

describe.each(["ci.yml", "plan.yml", "deploy.yml"])("GIVEN the workflow %s", (file) => {
  const workflow = load(file);

  it("THEN it grants only read access to contents at the top level", () => {
    expect(workflow.permissions).toEqual({ contents: "read" });
  });

  it("THEN every action is pinned to a full version", () => {
    for (const job of Object.values(workflow.jobs)) {
      for (const step of job.steps.filter((s) => s.uses))
        expect(step.uses).toMatch(/^[\w.-]+\/[\w.-]+@v\d+\.\d+\.\d+$/);
    }
  });

  it("THEN every job has a time limit", () => {
    for (const job of Object.values(workflow.jobs)) expect(job["timeout-minutes"]).toBeGreaterThan(0);
  });
});

describe("GIVEN the CI workflow", () => {
  const workflow = load("ci.yml");
  const { test, "cdktn-variant": variant, terraform } = workflow.jobs;

  it("THEN it runs on every push to main and every pull request", () => {
    expect(workflow.on).toEqual({ push: { branches: ["main"] }, pull_request: null });
  });

  it("THEN the suite runs on Node.js 22 with cdktf and on Node.js 24 with cdktn (cdktf-cli 0.21 does not run on 24)", () => {
    expect(test.strategy?.matrix?.include).toEqual([
      { node: 22, library: "cdktf" },
      { node: 24, library: "cdktn" },
    ]);
    expect(uses(test, "actions/setup-node")?.with?.["node-version"]).toBe("${{ matrix.node }}");
    expect(test.steps.find((s) => s.run === "npm run use-cdktn")?.if).toBe("matrix.library == 'cdktn'");
  });

  it("THEN it installs from the lockfile, switches the library where the matrix says so, type-checks, lints, tests and synthesizes, in that order", () => {
    const commands = test.steps.filter((s) => s.run).map((s) => (s.if ? `${s.if}: ${s.run}` : s.run));
    expect(commands).toEqual([
      "matrix.library == 'cdktf': npm ci",
      "matrix.library == 'cdktn': npm ci --ignore-scripts",
      "matrix.library == 'cdktn': npm run use-cdktn",
      "npm run typecheck",
      "npm run lint",
      "npm test",
      "npm run synth",
    ]);
  });

  it("THEN it uploads cdktf.out as an artifact per matrix entry", () => {
    expect(uses(test, "actions/upload-artifact")?.with).toMatchObject({
      path: "cdktf.out",
      name: "cdktf.out-node${{ matrix.node }}-${{ matrix.library }}",
    });
  });

  it("THEN every job runs on Node.js 22 or newer", () => {
    for (const file of ["ci.yml", "plan.yml", "deploy.yml"]) {
      for (const job of Object.values(load(file).jobs)) {
        const version = uses(job, "actions/setup-node")?.with?.["node-version"];
        if (version === undefined) continue; // a job without Node.js (terraform plan or apply only)
        expect(version === "${{ matrix.node }}" || Number(version) >= 22).toBe(true);
      }
    }
  });

  it("THEN the cdktn variant runs in its own job on Node.js 22", () => {
    expect(uses(variant, "actions/setup-node")?.with?.["node-version"]).toBe(22);
    expect(runs(variant)).toContain("bash scripts/cdktn-variant.sh");
  });

  it("THEN Terraform comes from hashicorp/setup-terraform and validate runs against AWS 5.100.0 and the registry's latest 6.x, with no skipping", () => {
    expect(uses(terraform, "hashicorp/setup-terraform")?.with).toMatchObject({ terraform_wrapper: false });
    const floor = terraform.steps.find((s) => s.env?.TF_PROVIDER_MIRROR);
    expect(floor?.run).toContain("npm run validate");
    expect(runs(terraform)).toContain('"version":"5.100.0"');
    const latest = terraform.steps.find((s) => s.env?.TF_PROVIDER_INSTALL === "registry");
    expect(latest?.run).toContain("npm run validate");
    expect(latest?.run).toContain("AWS provider 6\\.");
    expect(JSON.stringify(workflow)).not.toMatch(/"CI":\s*"?(false|0)/);
  });
});

describe("GIVEN the plan workflow", () => {
  const workflow = load("plan.yml");
  const { synth, plan, comment } = workflow.jobs;
  const vanished = workflow.jobs["vanished-stacks"];

  it("THEN it runs on pull requests", () => {
    expect(Object.keys(workflow.on)).toEqual(["pull_request"]);
  });

  it("THEN it synthesizes with the read-only plan roles", () => {
    expect(synth.steps.find((s) => s.run === "npm run synth")?.env).toEqual({ PEERING_ROLES: "plan" });
  });

  it("THEN the stack matrix comes from cdktf.out/manifest.json", () => {
    expect(runs(synth)).toContain("cdktf.out/manifest.json");
    expect(synth.outputs?.matrix).toBe("${{ steps.matrix.outputs.matrix }}");
    expect(plan.strategy?.matrix?.include).toBe("${{ fromJSON(needs.synth.outputs.matrix) }}");
  });

  // jq runs the workflow's own expression. Without jq the test is skipped, and says so in its name;
  // in CI (GitHub's runners have jq) it runs, and fails if jq is missing.
  const inCi = Boolean(process.env.CI);
  const withJq = hasJq || inCi ? it : it.skip;
  withJq(
    `THEN the matrix expression turns the manifest into one entry per peering stack (not bootstrap stacks) with its account variable suffix${hasJq || inCi ? "" : " (skipped: jq is not installed)"}`,
    () => {
      const jq = runs(synth).match(/jq -c '([^']+)'/)?.[1];
      expect(jq).toBeDefined();
      const manifest = JSON.stringify({
        stacks: { "peering-shared": {}, "peering-data-lake": {}, "bootstrap-shared": {} },
      });
      const result = spawnSync("jq", ["-c", jq ?? ""], { input: manifest, encoding: "utf8" });
      expect(result.error).toBeUndefined();
      expect(JSON.parse(result.stdout)).toEqual([
        { stack: "peering-data-lake", account: "DATA_LAKE" },
        { stack: "peering-shared", account: "SHARED" },
      ]);
    },
  );

  it("THEN each stack is initialized, validated and planned in its own folder with OIDC credentials of the CI plan identity", () => {
    expect(plan.permissions).toEqual({ contents: "read", "id-token": "write" });
    expect(plan.defaults?.run?.["working-directory"]).toBe("cdktf.out/stacks/${{ matrix.stack }}");
    expect(uses(plan, "aws-actions/configure-aws-credentials")?.with?.["role-to-assume"]).toBe(
      "${{ vars.CI_PLAN_ROLE_ARN }}",
    );
    const commands = runs(plan);
    expect(commands).toContain("terraform init -input=false -no-color");
    expect(commands).toContain("terraform validate -no-color");
    expect(commands).toMatch(/terraform plan .*-no-color/);
  });

  it("THEN every job that may ask for AWS credentials runs as the CI plan identity, and nothing in it names a deploy role", () => {
    for (const [name, job] of Object.entries(workflow.jobs)) {
      const credentials = uses(job, "aws-actions/configure-aws-credentials");
      if (job.permissions?.["id-token"] === "write")
        expect({ name, role: credentials?.with?.["role-to-assume"] }).toEqual({
          name,
          role: "${{ vars.CI_PLAN_ROLE_ARN }}",
        });
      else expect({ name, credentials }).toEqual({ name, credentials: undefined });
    }
    expect(readFileSync(join(workflowsDir, "plan.yml"), "utf8")).not.toMatch(/DEPLOY_ROLE/);
  });

  it("THEN a stack of the base branch that would vanish while its state holds resources fails the check, read with the CI plan identity", () => {
    expect(vanished.needs).toBe("synth");
    expect(vanished.permissions).toEqual({ contents: "read", "id-token": "write" });
    expect(uses(vanished, "actions/checkout")?.with).toEqual({ "fetch-depth": 0 });
    expect(uses(vanished, "actions/download-artifact")?.with).toEqual({ name: "cdktf-out", path: "cdktf.out" });
    const base = vanished.steps.find((s) => s.name === "Synthesize the base branch");
    expect(base?.env).toEqual({ BASE_REF: "${{ github.base_ref }}" });
    expect(base?.run).toContain('git worktree add --detach "$RUNNER_TEMP/base" "origin/$BASE_REF"');
    expect(base?.run).toContain('cd "$RUNNER_TEMP/base" && npm ci && npm run synth');
    expect(uses(vanished, "aws-actions/configure-aws-credentials")?.with?.["role-to-assume"]).toBe(
      "${{ vars.CI_PLAN_ROLE_ARN }}",
    );
    const steps = vanished.steps.map((s) => s.uses?.split("@")[0] ?? s.run ?? "");
    const check = steps.indexOf('npm run check:vanished -- --base "$RUNNER_TEMP/base/cdktf.out" --head cdktf.out');
    expect(check).toBeGreaterThan(steps.indexOf("aws-actions/configure-aws-credentials"));
    expect(steps.indexOf("aws-actions/configure-aws-credentials")).toBeGreaterThan(
      steps.indexOf("hashicorp/setup-terraform"),
    );
    const scripts = (
      JSON.parse(readFileSync(join(__dirname, "..", "package.json"), "utf8")) as { scripts: Record<string, string> }
    ).scripts;
    expect(scripts["check:vanished"]).toContain("scripts/check-vanished-stacks.ts");
  });

  it("THEN one comment holds the peering report and each plan collapsed, updated in place", () => {
    expect(comment.permissions).toEqual({ contents: "read", "pull-requests": "write" });
    expect(comment.if).toContain("always()");
    const body = runs(comment);
    expect(body).toContain("cat cdktf.out/peering-report.md");
    expect(body).toContain("<details>");
    const script = String(uses(comment, "actions/github-script")?.with?.script);
    expect(script).toContain("updateComment");
    expect(script).toContain("createComment");
    expect(script).toContain("<!-- vpc-peering-plan -->");
  });
});

describe("GIVEN the deploy workflow", () => {
  const workflow = load("deploy.yml");
  const { plan, apply } = workflow.jobs;

  it("THEN it runs on merge to main or by hand", () => {
    expect(workflow.on).toEqual({ push: { branches: ["main"] }, workflow_dispatch: null });
  });

  it("THEN the apply waits for the reviewers of a protected environment and applies exactly the saved plan, one stack at a time", () => {
    expect(apply.environment).toBe("production");
    expect(apply.needs).toEqual(["synth", "plan"]);
    expect(apply.strategy?.["max-parallel"]).toBe(1);
    expect(runs(plan)).toContain("terraform plan -input=false -no-color -out=plan.tfplan");
    expect(runs(apply)).toContain("terraform apply -input=false -no-color plan.tfplan");
  });

  it("THEN plan and apply run as the CI deploy identity, in the environment its OIDC trust pins, and never as the plan identity", () => {
    for (const job of [plan, apply]) {
      expect(uses(job, "aws-actions/configure-aws-credentials")?.with?.["role-to-assume"]).toBe(
        "${{ vars.CI_DEPLOY_ROLE_ARN }}",
      );
    }
    for (const [name, job] of Object.entries(workflow.jobs)) {
      if (job.permissions?.["id-token"] === "write")
        expect({ name, environment: job.environment }).toEqual({ name, environment: DEPLOY_ENVIRONMENT });
    }
    expect(readFileSync(join(workflowsDir, "deploy.yml"), "utf8")).not.toMatch(/PLAN_ROLE/);
  });
});
