import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stringify } from "yaml";
import { exampleConfig } from "../config/example";
import { ConfigValidationError } from "../core/finding";
import { loadConfig } from "../validation/load";
import { copyOf } from "./support/synth";

const dir = mkdtempSync(join(tmpdir(), "peering-config-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function writeConfig(name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

/** The message of the ConfigValidationError that loading throws. */
function loadError(file: string): string {
  try {
    loadConfig({ PEERING_CONFIG: file });
  } catch (cause) {
    if (cause instanceof ConfigValidationError) return cause.message;
    throw cause;
  }
  throw new Error(`expected ${file} to be rejected`);
}

describe("GIVEN the example config written as YAML and as JSON", () => {
  const fromTypeScript = loadConfig({});
  it.each([
    ["YAML", writeConfig("example.yaml", stringify(exampleConfig))],
    ["JSON", writeConfig("example.json", JSON.stringify(exampleConfig, null, 2))],
  ])(
    "WHEN %s is loaded through PEERING_CONFIG THEN it resolves to the same network as the TypeScript config",
    (_, file) => {
      const loaded = loadConfig({ PEERING_CONFIG: file });
      expect(loaded.source).toBe(file);
      expect(loaded.network).toEqual(fromTypeScript.network);
    },
  );
});

describe("GIVEN a config that names a VPC that does not exist", () => {
  const config = copyOf(exampleConfig) as { peerings: Record<string, { accepter: string }> };
  config.peerings["shared-to-app"].accepter = "app-usw2";
  const file = writeConfig("unknown-vpc.json", JSON.stringify(config));

  it("THEN loading fails naming the field path and the closest VPC", () => {
    expect(loadError(file)).toContain(
      'peerings.shared-to-app.accepter: no VPC named "app-usw2"; did you mean "app-use1"?',
    );
  });
});

describe("GIVEN a VPC that names an account that does not exist", () => {
  const config = copyOf(exampleConfig) as { vpcs: Record<string, { account: string }> };
  config.vpcs["data-euw1"].account = "dta";
  const file = writeConfig("unknown-account.json", JSON.stringify(config));

  it("THEN loading fails naming the field path and the closest account", () => {
    expect(loadError(file)).toContain('vpcs.data-euw1.account: no account named "dta"; did you mean "data"?');
  });
});

describe("GIVEN config files that do not parse", () => {
  it("THEN broken YAML is reported with the file and the YAML problem", () => {
    const file = writeConfig("broken.yaml", "project: acme\naccounts: [\n");
    const message = loadError(file);
    expect(message).toContain(file);
    expect(message).toMatch(/not valid YAML/);
  });

  it("THEN broken JSON is reported with the file and the JSON problem", () => {
    const file = writeConfig("broken.json", '{ "project": ');
    expect(loadError(file)).toMatch(/not valid JSON/);
  });

  it("THEN a file of another kind is refused, naming the kinds that work", () => {
    expect(loadError(writeConfig("network.toml", ""))).toContain("must end in .json, .yaml or .yml");
  });

  it("THEN a missing file is reported as such", () => {
    expect(loadError(join(dir, "missing.yaml"))).toContain("cannot read");
  });
});

describe("GIVEN YAML with an unquoted account id and a misspelt field", () => {
  const file = writeConfig(
    "typos.yaml",
    [
      "project: acme",
      "accounts:",
      "  shared: { accountId: 111111111111 }",
      "vpcs:",
      "  a: { account: shared, region: us-east-1, vpcId: vpc-11111111, cidrBlocks: [10.0.0.0/16], routeTables: [rtb-11111111] }",
      "peerings: {}",
    ].join("\n"),
  );

  it("THEN every problem is reported at once, each with its path and the fix", () => {
    const message = loadError(file);
    expect(message).toContain(
      "accounts.shared.accountId: account id 111111111111 must be exactly 12 digits, written as a string",
    );
    expect(message).toContain('vpcs.a: unknown field "routeTables"; did you mean "routeTableIds"?');
    expect(message).toContain("2 problems");
  });
});
