import { readFileSync } from "node:fs";
import { join } from "node:path";
import { renderJsonSchema } from "../../config/json-schema";
import { ConfigValidationError } from "../../core/finding";
import { validateConfig } from "../../validation/validate";
import { rejection } from "../support/rejection";
import { compliantConfig, farRule, spokeRule } from "./fixture";

describe("GIVEN a config with problems in several places", () => {
  const config = compliantConfig();
  config.vpcs.spoke.cidrBlocks = ["10.1.0.0/16", "10.0.128.0/17"]; // overlap (network rule)
  spokeRule(config).description = "Managed by Terraform"; // entry rule
  farRule(config).source = { securityGroupId: "sg-00000001" }; // cross-region reference (network rule)

  it("THEN every problem is reported at once, one line each, and the error says nothing was synthesized", () => {
    const error = rejection(() => validateConfig(config, { source: "fixture.yaml" }));
    expect(error.findings.map((f) => f.path)).toEqual(
      expect.arrayContaining([
        "peerings.hub-to-spoke",
        "peerings.hub-to-spoke.ingress.accepter[0].description",
        "peerings.hub-to-far.ingress.accepter[0].source",
      ]),
    );
    expect(error.message.split("\n")[0]).toBe(
      `fixture.yaml has ${error.findings.length} problems; nothing was synthesized:`,
    );
    expect(error.message.split("\n")).toHaveLength(error.findings.length + 1);
  });
});

describe("GIVEN a config with an unknown name and an entry problem", () => {
  const config = compliantConfig();
  config.peerings["hub-to-far"].accepter = "nowhere";
  spokeRule(config).ports = [9000, 8000];

  it("THEN both are reported, although the network cannot be resolved", () => {
    const error = rejection(() => validateConfig(config, { source: "fixture" }));
    expect(error.findings.map((f) => f.path)).toEqual([
      "peerings.hub-to-far.accepter",
      "peerings.hub-to-spoke.ingress.accepter[0].ports",
    ]);
  });
});

describe("GIVEN a config whose only finding is a warning", () => {
  const config = compliantConfig();
  delete config.accounts.far.externalId;

  it("THEN it validates, returning the warning", () => {
    const { warnings } = validateConfig(config, { source: "fixture" });
    expect(warnings).toEqual([expect.objectContaining({ severity: "warning", path: "accounts.far.externalId" })]);
  });

  it("THEN strict: true in the config turns the warning into an error", () => {
    const error = rejection(() => validateConfig({ ...config, strict: true }, { source: "fixture" }));
    expect(error.message).toContain("accounts.far.externalId");
    expect(error.message).toContain("(warning; strict mode)");
  });

  it("THEN the strict option (PEERING_STRICT=1) does the same", () => {
    expect(() => validateConfig(config, { source: "fixture", strict: true })).toThrow(ConfigValidationError);
  });
});

describe("GIVEN the JSON Schema in config/schema.json", () => {
  it("THEN it is what the zod schema exports today (run `npm run schema` when this fails)", () => {
    const committed = readFileSync(join(__dirname, "..", "..", "config", "schema.json"), "utf8");
    expect(committed).toBe(renderJsonSchema());
  });

  it("THEN it names every top-level field and forbids unknown ones", () => {
    const schema = JSON.parse(renderJsonSchema()) as {
      properties: Record<string, unknown>;
      required: string[];
      additionalProperties: boolean;
    };
    expect(Object.keys(schema.properties)).toEqual(
      expect.arrayContaining(["project", "tags", "strict", "quotas", "accounts", "vpcs", "peerings"]),
    );
    expect(schema.required).toEqual(expect.arrayContaining(["project", "accounts", "vpcs", "peerings"]));
    expect(schema.additionalProperties).toBe(false);
  });
});
