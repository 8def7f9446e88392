import { readFileSync } from "node:fs";
import { join } from "node:path";
import { projectDir } from "../support/synth-process";

type Node = { [key: string]: unknown };

/** Every subschema of the JSON Schema whose description starts with `prefix`. */
function schemasDescribed(node: unknown, prefix: string, found: Node[] = []): Node[] {
  if (Array.isArray(node)) for (const item of node) schemasDescribed(item, prefix, found);
  else if (typeof node === "object" && node !== null) {
    const object = node as Node;
    if (typeof object.description === "string" && object.description.startsWith(prefix)) found.push(object);
    for (const value of Object.values(object)) schemasDescribed(value, prefix, found);
  }
  return found;
}

/** Evaluates the subset of JSON Schema conditionals the ingress rule uses: if { properties.protocol.enum }, then/else { required | not.required }. */
function conditionalAccepts(schema: Node, rule: Record<string, unknown>): boolean {
  const condition = schema.if as { properties: { protocol: { enum: string[] } } };
  const branch = (condition.properties.protocol.enum.includes(String(rule.protocol)) ? schema.then : schema.else) as {
    required?: string[];
    not?: { required: string[] };
  };
  if (branch.required) return branch.required.every((key) => key in rule);
  if (branch.not) return !branch.not.required.every((key) => key in rule);
  return true;
}

describe("GIVEN config/schema.json, which YAML and JSON editors check against", () => {
  const schema = JSON.parse(readFileSync(join(projectDir, "config", "schema.json"), "utf8")) as unknown;
  const ingressRules = schemasDescribed(schema, "An inbound security group rule");

  it("THEN a tcp or udp ingress rule without ports is refused, and an icmp rule with ports too", () => {
    expect(ingressRules.length).toBeGreaterThan(0);
    const base = { securityGroupId: "sg-00000001", source: { peerVpc: true }, description: "HTTPS from hub" };
    for (const rule of ingressRules) {
      expect(conditionalAccepts(rule, { ...base, protocol: "tcp" })).toBe(false);
      expect(conditionalAccepts(rule, { ...base, protocol: "udp" })).toBe(false);
      expect(conditionalAccepts(rule, { ...base, protocol: "tcp", ports: 443 })).toBe(true);
      expect(conditionalAccepts(rule, { ...base, protocol: "icmp" })).toBe(true);
      expect(conditionalAccepts(rule, { ...base, protocol: "icmp", ports: 443 })).toBe(false);
    }
  });

  it("THEN a VPC's CIDR blocks must match the CIDR pattern, so not-a-cidr is refused", () => {
    const cidrs = schemasDescribed(schema, "An IPv4 CIDR block in canonical form");
    expect(cidrs.length).toBeGreaterThan(0);
    for (const cidr of cidrs) {
      const pattern = new RegExp(String(cidr.pattern));
      expect(pattern.test("not-a-cidr")).toBe(false);
      expect(pattern.test("10.1.0.0/16")).toBe(true);
    }
  });
});
