import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { isCidr, parseCidr } from "../core/cidr";
import { ConfigValidationError, type Finding } from "../core/finding";
import { renderTopologyDiagram } from "../report/topology-diagram";
import { loadConfig } from "../validation/load";
import { checkConfig, validateConfig } from "../validation/validate";
import { cliSynth, npmSynth, runInProject } from "./support/synth-process";
import { compliantConfig, type MutableConfig } from "./validation/fixture";

// Issue 10, "hostile and careless input": one case per reproduction that is about the config.

const work = mkdtempSync(join(tmpdir(), "peering-hostile-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const path = join(work, name);
  writeFileSync(path, text);
  return path;
}

/** The one-line problems a config file raises when loaded. */
function problemsOf(path: string, env: Record<string, string> = {}): string[] {
  try {
    loadConfig({ PEERING_CONFIG: path, ...env });
  } catch (cause) {
    if (cause instanceof ConfigValidationError) return cause.findings.map((f) => `${f.path}: ${f.message}`);
    throw cause;
  }
  return [];
}

const findingsOf = (config: unknown): Finding[] => [...checkConfig(config).findings];
const messagesOf = (config: unknown) => findingsOf(config).map((f) => `${f.severity} ${f.path}: ${f.message}`);

describe("GIVEN CIDRs with leading zeros or in other non-canonical forms", () => {
  it("THEN 010.1.0.0/16 is refused with the decimal block, never read as octal 8.1.0.0/16", () => {
    expect(parseCidr("010.1.0.0/16")).toEqual({
      problem: "CIDR 010.1.0.0/16 has leading zeros, which some parsers read as octal (8.1.0.0); write 10.1.0.0/16",
    });
    const config = compliantConfig();
    config.vpcs.spoke.cidrBlocks = ["010.1.0.0/16"];
    expect(messagesOf(config)).toEqual([
      expect.stringContaining("vpcs.spoke.cidrBlocks[0]: CIDR 010.1.0.0/16 has leading zeros"),
    ]);
  });

  it("THEN uppercase or uncompressed IPv6 is refused with its canonical text", () => {
    expect(parseCidr("2600:1F18::/56")).toEqual({
      problem:
        "CIDR 2600:1F18::/56 is not in canonical form; write 2600:1f18::/56 (it is compared and written as text)",
    });
    expect(parseCidr("2600:1f18:0:0::/56")).toEqual({ problem: expect.stringContaining("write 2600:1f18::/56") });
  });

  it("THEN every string is either accepted as exactly the text written, or refused with a problem that names the fix", () => {
    const octet = fc.oneof(fc.integer({ min: 0, max: 255 }).map(String), fc.stringMatching(/^0[0-9]{1,2}$/));
    const ipv4 = fc
      .tuple(octet, octet, octet, octet, fc.integer({ min: 0, max: 40 }))
      .map(([a, b, c, d, p]) => `${a}.${b}.${c}.${d}/${p}`);
    const ipv6 = fc.tuple(fc.ipV6(), fc.integer({ min: 0, max: 128 })).map(([a, p]) => `${a}/${p}`);
    fc.assert(
      fc.property(fc.oneof(ipv4, ipv6, fc.string()), (text) => {
        const parsed = parseCidr(text);
        if (isCidr(parsed)) expect(parsed.text).toBe(text);
        else expect(parsed.problem).toMatch(/write|did you mean|e\.g\. 10\.1\.0\.0\/16|VPCs use/);
      }),
      { numRuns: 2000 },
    );
  });

  it("THEN the JSON Schema refuses a leading zero too", () => {
    const schema = require("../config/schema.json") as { $defs?: unknown };
    const text = JSON.stringify(schema);
    const pattern = /"pattern":"(\^\(\(25\[0-5\][^"]+)"/.exec(text)?.[1];
    expect(pattern).toBeDefined();
    const regex = new RegExp(JSON.parse(`"${pattern}"`));
    expect(regex.test("10.1.0.0/16")).toBe(true);
    expect(regex.test("010.1.0.0/16")).toBe(false);
    expect(regex.test("not-a-cidr")).toBe(false);
  });
});

describe("GIVEN names that JavaScript gives a meaning of its own", () => {
  it.each(["__proto__", "constructor", "prototype"])(
    "WHEN a JSON config names a peering %s THEN it is refused, never silently dropped",
    (name) => {
      const config = compliantConfig() as unknown as { peerings: Record<string, unknown> };
      const text = JSON.stringify(config).replace('"hub-to-far":', `"${name}":`);
      expect(problemsOf(file(`${name}.json`, text))).toEqual([
        `peerings.${name}: "${name}" is reserved in JavaScript and cannot be a name or a field; rename it`,
      ]);
    },
  );

  it("WHEN a YAML config names an account __proto__ THEN it is refused", () => {
    const yaml = file(
      "proto.yaml",
      "project: p\naccounts:\n  __proto__: { accountId: '111111111111' }\nvpcs: {}\npeerings: {}\n",
    );
    expect(problemsOf(yaml)).toEqual([
      'accounts.__proto__: "__proto__" is reserved in JavaScript and cannot be a name or a field; rename it',
    ]);
  });

  it("WHEN a peering refers to a VPC named constructor that does not exist THEN the reference check reports it", () => {
    const config = compliantConfig();
    config.peerings["hub-to-far"].accepter = "constructor";
    expect(messagesOf(config)).toEqual([expect.stringMatching(/^error peerings\.hub-to-far\.accepter: .*constructor/)]);
  });
});

describe("GIVEN a config with thousands of problems, written to a pipe", () => {
  const config = compliantConfig() as MutableConfig;
  for (let i = 0; i < 3000; i++) {
    config.vpcs[`v${i}`] = {
      account: "nobody",
      region: "us-east-1",
      vpcId: "vpc-00000009",
      cidrBlocks: ["10.9.0.0/16"],
    };
  }
  const path = file("many.json", JSON.stringify(config));

  it("THEN the whole message arrives: the first 200 problems and a count of the rest by rule, ending in a full line", () => {
    const result = runInProject(npmSynth, { PEERING_CONFIG: path, CDKTF_OUTDIR: join(work, "many.out") });
    expect(result.status).toBe(1);
    const lines = result.stderr.trimEnd().split("\n");
    expect(lines[0]).toMatch(/has \d+ problems; nothing was synthesized:$/);
    expect(lines).toHaveLength(202);
    expect(lines[201]).toMatch(/^ {2}\.\.\. and \d+ more \(known-references: \d+(, unique-vpc-ids: \d+)?\)$/);
  });
});

describe("GIVEN large and repetitive input", () => {
  it("THEN a duplicate at the end of a 20,000-key YAML map is found by the one-pass check that replaced uniqueKeys", () => {
    const lines = ["project: big", "peerings:"];
    for (let i = 0; i < 20000; i++) lines.push(`  p${i}: { requester: a, accepter: b }`);
    lines.push("  p7: { requester: c, accepter: d }");
    expect(problemsOf(file("big.yaml", lines.join("\n")))).toEqual([
      '(file): line 20003, column 3: key "p7" is given twice in one map; keep one',
    ]);
  });

  it("THEN a file over 16 MiB is refused with its size", () => {
    const path = file("huge.json", `{"project":"${"x".repeat(17 * 1024 * 1024)}"}`);
    expect(problemsOf(path)).toEqual([
      expect.stringMatching(/^PEERING_CONFIG: ".*huge\.json" is 17\.0 MiB; a config may be at most 16 MiB$/),
    ]);
  });

  it("THEN a key given twice in JSON is refused like in YAML, instead of the last silently winning", () => {
    const json = file("dup.json", '{\n"project": "a",\n"project": "b"\n}');
    expect(problemsOf(json)).toEqual([
      '(file): line 3: key "project" is given twice in one map; keep one (JSON would silently keep the last)',
    ]);
    const yaml = file("dup.yaml", "project: a\nproject: b\n");
    expect(problemsOf(yaml)).toEqual(['(file): line 2, column 1: key "project" is given twice in one map; keep one']);
  });

  it("THEN a YAML alias bomb and JSON nested 100,000 deep are findings, not stack traces", () => {
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (const [name, prev] of [
      ["b", "a"],
      ["c", "b"],
      ["d", "c"],
      ["e", "d"],
      ["f", "e"],
      ["g", "f"],
      ["h", "g"],
    ]) {
      bomb.push(`${name}: &${name} [*${prev},*${prev},*${prev},*${prev},*${prev},*${prev},*${prev},*${prev},*${prev}]`);
    }
    expect(problemsOf(file("bomb.yaml", bomb.join("\n")))).toEqual([
      expect.stringMatching(/^\(file\): YAML aliases expand too far/),
    ]);
    expect(problemsOf(file("deep.json", `${"[".repeat(100000)}${"]".repeat(100000)}`))).toEqual([
      "(file): nested more than 64 levels deep at line 1; a peering config never is",
    ]);
  });
});

describe("GIVEN odd files and odd text", () => {
  it("THEN a JSON file with a byte order mark loads", () => {
    const path = file("bom.json", `\uFEFF${JSON.stringify(compliantConfig())}`);
    expect(problemsOf(path)).toEqual([]);
  });

  it("THEN YAML merge keys and unknown tags say so", () => {
    expect(problemsOf(file("merge.yaml", "base: &b { x: 1 }\nproject: p\nother:\n  <<: *b\n"))).toEqual([
      "(file): line 4, column 3: YAML merge keys (<<) are not supported; write the fields out",
    ]);
    expect(problemsOf(file("tag.yaml", "project: !secret p\n"))).toEqual([
      expect.stringMatching(/^\(file\): .*!secret.*; tags are not supported, write plain values$/),
    ]);
  });

  it("THEN a wrong-type value is echoed short, and a right-to-left override is escaped", () => {
    const config = compliantConfig() as unknown as Record<string, unknown>;
    config.project = ["x".repeat(1_000_000)];
    const [message] = messagesOf(config);
    expect(message.length).toBeLessThan(200);
    const rtl = compliantConfig() as unknown as Record<string, unknown>;
    rtl.project = "evil\u202Egnp.exe";
    expect(messagesOf(rtl)).toEqual([expect.stringContaining('project "evil\\u202egnp.exe" must be')]);
  });

  it("THEN a FIFO given as the config is refused at once instead of hanging", () => {
    const fifo = join(work, "pipe.json");
    execFileSync("mkfifo", [fifo]);
    expect(problemsOf(fifo)).toEqual([expect.stringContaining("is not a regular file")]);
  });

  it.each(["yes", "TRUE", "on"])("THEN PEERING_STRICT=%s is refused instead of silently ignored", (value) => {
    expect(
      problemsOf(file(`strict-${value}.json`, JSON.stringify(compliantConfig())), { PEERING_STRICT: value }),
    ).toEqual([expect.stringContaining(`PEERING_STRICT: "${value}" is not a setting`)]);
  });
});

describe("GIVEN peerings and roles across AWS partitions", () => {
  it("THEN a peering between us-east-1 and cn-north-1 is refused, naming both partitions", () => {
    const config = compliantConfig();
    config.vpcs.far.region = "cn-north-1";
    expect(messagesOf(config)).toContainEqual(
      expect.stringContaining(
        "error peerings.hub-to-far: hub is in us-east-1 (partition aws) and far in cn-north-1 (partition aws-cn)",
      ),
    );
  });

  it("THEN a role ARN of another partition is refused", () => {
    const config = compliantConfig();
    config.accounts.spoke.roleArn = "arn:aws-cn:iam::222222222222:role/peering-accepter";
    expect(messagesOf(config)).toContainEqual(
      expect.stringContaining(
        "error accounts.spoke.roleArn: role arn:aws-cn:iam::222222222222:role/peering-accepter is in partition aws-cn",
      ),
    );
  });
});

describe("GIVEN an empty network", () => {
  it("THEN a config without accounts is an error", () => {
    expect(messagesOf({ project: "p", accounts: {}, vpcs: {}, peerings: {} })).toEqual([
      "error accounts: no account is configured, so there is no stack to synthesize; add the accounts that own your VPCs",
    ]);
  });

  it("THEN a config without peerings warns, and both entry points write every account's stack, empty", () => {
    const config = compliantConfig();
    config.peerings = {};
    const path = file("no-peerings.json", JSON.stringify(config));
    const npm = runInProject(npmSynth, { PEERING_CONFIG: path, CDKTF_OUTDIR: join(work, "empty.out") });
    expect(npm.status).toBe(0);
    expect(npm.stderr).toContain("warning: peerings: no peering is configured");
    expect(npm.stdout).toContain("3 stacks in");
    const cli = runInProject(cliSynth(join(work, "empty-cli.out")), { PEERING_CONFIG: path });
    expect(cli.status).toBe(0);
    expect(readdirSync(join(work, "empty-cli.out", "stacks")).sort()).toEqual([
      "peering-far",
      "peering-hub",
      "peering-spoke",
    ]);
  }, 120_000);
});

describe("GIVEN the remaining validation gaps of the probe", () => {
  const cases: Array<[string, (c: MutableConfig) => void, string]> = [
    [
      "an IPv4 VPC block wider than /16",
      (c) => (c.vpcs.far.cidrBlocks = ["10.0.0.0/8"]),
      "vpcs.far.cidrBlocks[0]: VPC block 10.0.0.0/8 is a /8; AWS allows IPv4 VPC blocks from /16 to /28",
    ],
    [
      "an IPv4 VPC block narrower than /28",
      (c) => (c.vpcs.far.cidrBlocks = ["10.2.0.0/29"]),
      "VPC block 10.2.0.0/29 is a /29",
    ],
    [
      "an IPv6 VPC block of /128",
      (c) => (c.vpcs.hub.ipv6CidrBlocks = ["2600:1f18:1:100::/128"]),
      "VPC block 2600:1f18:1:100::/128 is a /128",
    ],
    [
      "an IPv4-mapped IPv6 block",
      (c) => (c.vpcs.hub.ipv6CidrBlocks = ["::ffff:10.0.0.0/104"]),
      "is an IPv4-mapped IPv6 block",
    ],
    [
      "a tag key starting AWS: in capitals",
      (c) => ((c as unknown as { tags: Record<string, string> }).tags = { "AWS:x": "y" }),
      'tag keys must not start with "aws:" in any case',
    ],
    [
      "a user Name tag",
      (c) => ((c as unknown as { tags: Record<string, string> }).tags = { Name: "mine" }),
      'tag key "Name" is set by the template',
    ],
    [
      "more than 47 tags",
      (c) =>
        ((c as unknown as { tags: Record<string, string> }).tags = Object.fromEntries(
          Array.from({ length: 48 }, (_, i) => [`k${i}`, "v"]),
        )),
      "at most 47 tags",
    ],
    [
      "two peerings with the same previousName",
      (c) => {
        c.peerings["hub-to-far"].previousName = "old";
        c.peerings["hub-to-spoke"].previousName = "old";
      },
      'peerings.hub-to-far.previousName: "old" is already the previousName of peering hub-to-spoke',
    ],
  ];
  it.each(cases)("WHEN a config has %s THEN it is refused with the field and the fix", (_, change, message) => {
    const config = compliantConfig();
    change(config);
    expect(messagesOf(config)).toContainEqual(expect.stringContaining(message));
  });

  it("WHEN an account is named external-<id> of an external VPC THEN the diagram keeps the two boxes apart", () => {
    const config = compliantConfig() as MutableConfig & { vpcs: Record<string, unknown> };
    config.accounts["external-444444444444"] = {
      accountId: "555555555555",
      roleArn: "arn:aws:iam::555555555555:role/peering-accepter",
      externalId: "fixture-external",
    };
    (config.vpcs as Record<string, unknown>).vendor = {
      external: { accountId: "444444444444", region: "us-east-1", vpcId: "vpc-00000044", cidrBlocks: ["10.44.0.0/16"] },
    };
    config.vpcs.mine = {
      account: "external-444444444444",
      region: "us-east-1",
      vpcId: "vpc-00000055",
      cidrBlocks: ["10.55.0.0/16"],
    };
    config.peerings["hub-to-vendor"] = { requester: "hub", accepter: "vendor" };
    config.peerings["hub-to-mine"] = { requester: "hub", accepter: "mine" };
    const { network } = validateConfig(config, { source: "fixture" });
    const subgraphs = renderTopologyDiagram(network)
      .split("\n")
      .filter((line) => line.includes("subgraph"));
    expect(subgraphs).toContain('  subgraph external_444444444444["external account 444444444444"]');
    expect(subgraphs).toContain(
      '  subgraph account_external_444444444444["account external-444444444444 (555555555555)"]',
    );
  });
});
