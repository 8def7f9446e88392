import { groups, needsOwnRoot, runningModule, suiteOutcome } from "../scripts/terraform/test-suite";

/** Lines of `terraform test -json` as Terraform 1.11.4 wrote them (trimmed to the fields read). */
const line = (fields: Record<string, unknown>) => JSON.stringify(fields);
const fileStatus = (path: string, status: string) =>
  line({ "@testfile": path, type: "test_file", test_file: { path, progress: "complete", status } });
const diagnostic = (severity: string, summary: string, filename: string, testfile?: string) =>
  line({
    ...(testfile ? { "@testfile": testfile } : {}),
    type: "diagnostic",
    diagnostic: { severity, summary, detail: "first line\nsecond line", range: { filename } },
  });

describe("GIVEN a stack's mocked test", () => {
  const test = ['mock_provider "aws" {}', "", 'run "mocked_plan" {', "  command = plan", "}", ""].join("\n");

  it("WHEN it is put into the suite THEN its run block executes the stack's module", () => {
    expect(runningModule(test, "./hcl/peering-app")).toBe(
      [
        'mock_provider "aws" {}',
        "",
        'run "mocked_plan" {',
        "  module {",
        '    source = "./hcl/peering-app"',
        "  }",
        "  command = plan",
        "}",
        "",
      ].join("\n"),
    );
  });
});

describe("GIVEN the output of terraform test -json for the suite", () => {
  it("WHEN a stack's HCL has a deprecation warning THEN the warning is the HCL module's, and the backend warning the suite causes is ignored", () => {
    const outcome = suiteOutcome(
      [
        diagnostic("warning", "Backend configuration ignored", "hcl/peering-app/cdk.tf"),
        diagnostic("warning", "Quoted references are deprecated", "hcl/peering-app/cdk.tf"),
        fileStatus("tests/hcl-peering-app.tftest.hcl", "pass"),
      ].join("\n"),
    );
    expect(outcome.files.get("tests/hcl-peering-app.tftest.hcl")).toBe("pass");
    expect(outcome.problems.get("hcl/peering-app")).toEqual(["warning: Quoted references are deprecated: first line"]);
    expect(outcome.problems.size).toBe(1);
  });

  it("WHEN an assertion fails THEN the error belongs to its test file and the file's status is fail", () => {
    const outcome = suiteOutcome(
      [
        diagnostic(
          "error",
          "Test assertion failed",
          "tests/json-peering-app.tftest.hcl",
          "tests/json-peering-app.tftest.hcl",
        ),
        fileStatus("tests/json-peering-app.tftest.hcl", "fail"),
        fileStatus("tests/json-peering-data.tftest.hcl", "pass"),
      ].join("\n"),
    );
    expect(Object.fromEntries(outcome.files)).toEqual({
      "tests/json-peering-app.tftest.hcl": "fail",
      "tests/json-peering-data.tftest.hcl": "pass",
    });
    expect(outcome.problems.get("tests/json-peering-app.tftest.hcl")).toEqual([
      "error: Test assertion failed: first line",
    ]);
  });

  it("WHEN a problem names no file of the suite THEN it is kept as unplaced, and text that is not JSON is skipped", () => {
    const outcome = suiteOutcome(
      [
        "There are some problems with the CLI configuration:",
        line({ type: "diagnostic", diagnostic: { severity: "error", summary: "Failed to load plugin schemas" } }),
      ].join("\n"),
    );
    expect(outcome.unplaced).toEqual(["error: Failed to load plugin schemas"]);
    expect(outcome.files.size).toBe(0);
  });
});

describe("GIVEN test files shared among terraform processes", () => {
  it("THEN each core gets a near-equal share, and never an empty one", () => {
    expect(groups(["a", "b", "c", "d", "e"], 2)).toEqual([
      ["a", "c", "e"],
      ["b", "d"],
    ]);
    expect(groups(["a"], 4)).toEqual([["a"]]);
  });
});

describe("GIVEN a stack that adopts resources with import blocks", () => {
  it("THEN it is tested as a root module of its own, and a stack without them runs in the suite", () => {
    expect(needsOwnRoot({ import: [{ to: "aws_vpc_peering_connection.x_connection", id: "pcx-1" }] })).toBe(true);
    expect(needsOwnRoot({})).toBe(false);
  });
});
