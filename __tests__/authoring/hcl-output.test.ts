import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { unquoteProviderReferences } from "../../output/hcl-provider-references";
import { runInProject } from "../support/synth-process";

describe("GIVEN the HCL cdktf writes", () => {
  it("THEN provider references, depends_on and ignore_changes entries are written bare, other strings untouched", () => {
    const hcl = [
      'resource "aws_route" "r" {',
      'provider = "aws.shared-us-east-1"',
      "depends_on = [",
      '"aws_vpc_peering_connection_accepter.shared-to-app_accepter",',
      "]",
      'description = "aws.not-a-reference"',
      "lifecycle {",
      "ignore_changes = [",
      '"auto_accept",',
      "]",
      "}",
      'tags = { Name = "auto_accept" }',
      "}",
    ].join("\n");
    expect(unquoteProviderReferences(hcl)).toBe(
      [
        'resource "aws_route" "r" {',
        "provider = aws.shared-us-east-1",
        "depends_on = [",
        "aws_vpc_peering_connection_accepter.shared-to-app_accepter,",
        "]",
        'description = "aws.not-a-reference"',
        "lifecycle {",
        "ignore_changes = [",
        "auto_accept,",
        "]",
        "}",
        'tags = { Name = "auto_accept" }',
        "}",
      ].join("\n"),
    );
  });
});

describe("GIVEN npm run synth:hcl on the example", () => {
  const work = mkdtempSync(join(tmpdir(), "peering-hcl-clean-"));
  afterAll(() => rmSync(work, { recursive: true, force: true }));
  const result = runInProject(["node", "scripts/synth-hcl.js"], { HCL_OUTDIR: work });

  it('THEN no stack quotes a reference: no provider = "..." and no quoted depends_on or ignore_changes entry', () => {
    expect(result.status).toBe(0);
    for (const stack of ["peering-shared", "peering-app", "peering-data"]) {
      const hcl = readFileSync(join(work, "stacks", stack, "cdk.tf"), "utf8");
      expect(hcl).not.toMatch(/^\s*provider\s*=\s*"/m);
      expect(hcl).not.toMatch(/depends_on\s*=\s*\[\s*"/);
      expect(hcl).not.toMatch(/ignore_changes\s*=\s*\[\s*"/);
    }
    expect(readFileSync(join(work, "stacks", "peering-shared", "cdk.tf"), "utf8")).toMatch(
      /^\s*provider\s*=\s*aws\.shared-us-east-1$/m,
    );
    expect(readFileSync(join(work, "stacks", "peering-app", "cdk.tf"), "utf8")).toMatch(
      /ignore_changes = \[\n\s*auto_accept,\n\s*\]/,
    );
  });

  it("THEN each peering's check block is written too (cdktf's HCL leaves raw overrides out), with a bare condition", () => {
    const hcl = readFileSync(join(work, "stacks", "peering-app", "cdk.tf"), "utf8");
    expect(hcl).toContain('check "peering_app_to_data" {');
    expect(hcl).toContain(
      '    condition     = data.aws_vpc_peering_connection.peering_app_to_data.status == "active"\n',
    );
  });
});
