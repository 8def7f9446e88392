import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import type { PeeringConfig } from "../config/schema";
import { literal } from "../constructs/terraform-literal";
import { findProviderMirror, writeMirrorCliConfig } from "../scripts/terraform/provider-mirror";
import { AWS_PROVIDER_VERSION } from "../stacks/provider-requirements";
import { resourcesOf, synthConfig } from "./support/synth";
import { compliantConfig } from "./validation/fixture";

// Issue 10, "Terraform template injection through tags and descriptions".

/** Strings that Terraform would read as templates if written as they are, and ones that are already escapes. */
const HOSTILE = [
  '${file("/etc/hostname")}',
  "${env.HOME}",
  "%{ if true }yes%{ endif }",
  "Costs ${team}",
  "$${already}",
  "$$${tripled}",
  "%%{kept}",
  "${",
  "%{",
  "\\${x}",
  "a}b{c$d%e",
];

/** Printable text with plenty of template characters (fixed seed: the same samples on every run). */
const arbitraryText = fc.string({
  maxLength: 40,
  unit: fc.oneof(
    fc.constantFrom("$", "%", "{", "}", "\\", '"', "${", "%{", "$${", "%%{", "\n"),
    fc.string({ unit: "grapheme", minLength: 1, maxLength: 1 }),
  ),
});
const SAMPLED = fc.sample(arbitraryText, { numRuns: 30, seed: 20261125 });

function hostileConfig() {
  const config = compliantConfig() as ReturnType<typeof compliantConfig> & {
    peerings: Record<string, { tags?: Record<string, string> }>;
  };
  const tags: Record<string, string> = { "k${key}": "key with a template", "k%{key}": "key with a directive" };
  [...HOSTILE, ...SAMPLED].forEach((value, i) => {
    tags[`t${i}`] = value;
  });
  config.peerings["hub-to-spoke"].tags = tags;
  const rule = config.peerings["hub-to-spoke"].ingress?.accepter?.[0];
  if (!rule) throw new Error("the fixture's hub-to-spoke peering has an accepter ingress rule");
  rule.description = "HTTPS from hub; Costs ${team} and $${escaped} {braces}";
  return { config, tags, description: rule.description };
}

describe("GIVEN a config whose tags and descriptions hold Terraform template syntax", () => {
  const { config, tags, description } = hostileConfig();
  const hub = synthConfig(config as unknown as PeeringConfig)["peering-hub"];
  const connection = resourcesOf(hub, "aws_vpc_peering_connection")["hub-to-spoke_connection"] as {
    tags: Record<string, string>;
  };
  const rules = Object.values(resourcesOf(hub, "aws_vpc_security_group_ingress_rule")) as Array<{
    description: string;
  }>;

  it("THEN every ${ and %{ of config text is written escaped as $${ and %%{", () => {
    expect(connection.tags["k$${key}"]).toBe("key with a template");
    expect(connection.tags['$${file("/etc/hostname")}']).toBeUndefined();
    expect(connection.tags.t0).toBe('$${file("/etc/hostname")}');
    expect(connection.tags.t2).toBe("%%{ if true }yes%%{ endif }");
    expect(connection.tags.t4).toBe("$$${already}");
    expect(rules.map((r) => r.description)).toContain("HTTPS from hub; Costs $${team} and $$${escaped} {braces}");
  });

  it("THEN the only template expressions left in the stack are the ones the template itself writes", () => {
    const expressions = [...hub.text.matchAll(/(?<![$%])[$%]\{[^}]*\}/g)].map((m) => m[0]);
    // References to ids, the outputs' accept status, and each check block's reads of its own data source.
    const written = [
      /^\$\{aws_[a-z_]+\.[A-Za-z0-9_-]+\.(id|accept_status)\}$/,
      /^\$\{data\.aws_vpc_peering_connection\.peering_[a-z0-9_]+\.(id|status|status == \\"active\\")\}$/,
    ];
    expect(expressions.filter((e) => !written.some((pattern) => pattern.test(e)))).toEqual([]);
  });

  it("THEN literal() is the identity once Terraform reads it: a string without template openers is unchanged", () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const hasOpener = /[$%]\{/.test(text);
        expect(literal(text) === text).toBe(!hasOpener);
      }),
    );
  });

  describe("WHEN Terraform validates the stack and evaluates it against a mocked AWS", () => {
    const mirror = findProviderMirror(AWS_PROVIDER_VERSION);
    const terraform = spawnSync("terraform", ["version"], { encoding: "utf8" });
    const missing =
      terraform.status !== 0 ? "terraform is not on the PATH" : "missing" in mirror ? mirror.missing : undefined;
    if (missing && process.env.CI === "true") throw new Error(`CI needs terraform and the provider mirror: ${missing}`);
    const terraformIt = missing ? it.skip : it;
    if (missing) process.stdout.write(`SKIPPED: Terraform evaluation of literal config text (${missing})\n`);

    terraformIt(
      "THEN Terraform sees exactly the text the config held, in every tag key, tag value and description",
      () => {
        const dir = mkdtempSync(join(tmpdir(), "peering-literal-"));
        try {
          const json = JSON.parse(hub.text) as {
            terraform: Record<string, unknown>;
            provider: { aws: Array<{ alias?: string }> };
          };
          delete json.terraform.backend;
          writeFileSync(join(dir, "cdk.tf.json"), JSON.stringify(json));
          writeFileSync(
            join(dir, "expected-tags.json"),
            JSON.stringify({ ...tags, Name: "hub-to-spoke", Side: "Requester" }),
          );
          writeFileSync(join(dir, "expected-description.json"), JSON.stringify(description));
          const aliases = json.provider.aws.flatMap((p) => (p.alias ? [p.alias] : []));
          const ruleAddress = Object.entries(resourcesOf(hub, "aws_vpc_security_group_ingress_rule")).find(([, r]) =>
            String(r.description).startsWith("HTTPS from hub;"),
          )?.[0];
          writeFileSync(
            join(dir, "literal.tftest.hcl"),
            [
              'mock_provider "aws" {}',
              ...aliases.map((alias) => `mock_provider "aws" {\n  alias = "${alias}"\n}`),
              'run "literal" {',
              "  command = plan",
              // The check blocks read connections this plan creates: their assertions are known only after apply.
              "  expect_failures = [check.peering_hub_to_far, check.peering_hub_to_spoke]",
              "  assert {",
              '    condition     = aws_vpc_peering_connection.hub-to-spoke_connection.tags == tomap(jsondecode(file("expected-tags.json")))',
              '    error_message = "tags that differ from the config: ${jsonencode({ for k, v in aws_vpc_peering_connection.hub-to-spoke_connection.tags : k => v if lookup(jsondecode(file("expected-tags.json")), k, null) != v })}"',
              "  }",
              "  assert {",
              `    condition     = aws_vpc_security_group_ingress_rule.${ruleAddress}.description == jsondecode(file("expected-description.json"))`,
              "    error_message = \"the rule's description is not the config's text\"",
              "  }",
              "}",
              "",
            ].join("\n"),
          );
          const cliConfig = join(dir, "terraform.rc");
          writeMirrorCliConfig(cliConfig, (mirror as { path: string }).path);
          const env = { ...process.env, TF_CLI_CONFIG_FILE: cliConfig, CHECKPOINT_DISABLE: "1", TF_IN_AUTOMATION: "1" };
          for (const args of [
            ["init", "-backend=false", "-input=false", "-no-color"],
            ["validate", "-no-color"],
            ["test", "-no-color"],
          ]) {
            const run = spawnSync("terraform", args, { cwd: dir, env, encoding: "utf8" });
            expect({
              command: `terraform ${args[0]}`,
              status: run.status,
              output: run.status === 0 ? "" : `${run.stdout}${run.stderr}`,
            }).toEqual({
              command: `terraform ${args[0]}`,
              status: 0,
              output: "",
            });
          }
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      },
      120_000,
    );
  });
});
