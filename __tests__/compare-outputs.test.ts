import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { compare } = require("../scripts/compare-outputs") as {
  compare: (expected: string, actual: string) => { problems: string[]; files: number; stacks: number };
};

const stack = (version: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify(
    {
      "//": { metadata: { stackName: "peering-a", version } },
      resource: { aws_route: { r: { route_table_id: "rtb-1", ...extra } } },
    },
    null,
    2,
  );

describe("GIVEN a cdktf output and a cdktn output", () => {
  const work = mkdtempSync(join(tmpdir(), "peering-compare-"));
  afterAll(() => rmSync(work, { recursive: true, force: true }));
  const write = (dir: string, files: Record<string, string>) => {
    for (const [file, text] of Object.entries(files)) {
      mkdirSync(dirname(join(work, dir, file)), { recursive: true });
      writeFileSync(join(work, dir, file), text);
    }
    return join(work, dir);
  };
  const cdktf = write("cdktf", {
    "stacks/peering-a/cdk.tf.json": stack("0.21.0"),
    "hcl/peering-a/metadata.json": stack("0.21.0"),
    "manifest.json": JSON.stringify({ version: "0.21.0", stacks: {} }),
    "peering-report.md": "# report\n",
  });

  it("WHEN they differ only in the library version of the metadata THEN they are the same", () => {
    const cdktn = write("same", {
      "stacks/peering-a/cdk.tf.json": stack("0.24.0"),
      "hcl/peering-a/metadata.json": stack("0.24.0"),
      "manifest.json": JSON.stringify({ version: "0.24.0", stacks: {} }),
      "peering-report.md": "# report\n",
    });
    expect(compare(cdktf, cdktn)).toEqual({ problems: [], files: 4, stacks: 1 });
  });

  it("WHEN a resource, a file's presence or another file differs THEN each difference is named", () => {
    const cdktn = write("different", {
      "stacks/peering-a/cdk.tf.json": stack("0.24.0", { provider: "aws.b" }),
      "hcl/peering-a/metadata.json": stack("0.24.0"),
      "manifest.json": JSON.stringify({ version: "0.24.0", stacks: {} }),
      "extra.txt": "",
    });
    expect(compare(cdktf, cdktn).problems).toEqual([
      "peering-report.md: missing",
      "extra.txt: not in the expected output",
      'stacks/peering-a/cdk.tf.json: differs, line 10: expected "        \\"route_table_id\\": \\"rtb-1\\"", got "        \\"route_table_id\\": \\"rtb-1\\","',
    ]);
  });
});
