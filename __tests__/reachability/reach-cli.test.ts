import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stringify } from "yaml";
import { parseReachArguments } from "../../reachability/reach-arguments";
import { checkConfig } from "../../validation/validate";
import { runInProject } from "../support/synth-process";
import { guideBrokenDesign, guideFixedBySpecificRoute } from "./guide-configs";

/** `npm run reach`'s command, run directly. */
const reach = (configPath: string, ...args: string[]) =>
  runInProject(["node", "scripts/run-ts.js", "scripts/reach.ts", ...args], { PEERING_CONFIG: configPath });

/** The first run bundles the script; on a loaded machine that takes a while. */
const CHILD_PROCESS_TIMEOUT = 120_000;

describe("GIVEN the arguments of npm run reach, read against the guide's network", () => {
  const { network } = checkConfig(guideBrokenDesign());
  const problem = (...args: string[]) => parseReachArguments(network!, args);

  it.each([
    [
      ["b", "sg-0aaa0001"],
      "expected 3 arguments, got 2; usage: npm run reach -- <from VPC or CIDR> <to security group or VPC> <port>, e.g. npm run reach -- app-use1 sg-0a1b2c3d4e5f60002 8080",
    ],
    [
      ["d", "sg-0aaa0001", "389"],
      'from: "d" is neither a VPC of the config (a, b, c) nor a CIDR; write a VPC name, a CIDR such as 10.1.0.0/24, or <CIDR>@<VPC>',
    ],
    [["10.0.1.66", "sg-0aaa0001", "389"], "from: 10.0.1.66/32 lies in 2 VPCs (b, c); say which, e.g. 10.0.1.66/32@b"],
    [["10.0.1.1/16", "a", "389"], "from: CIDR 10.0.1.1/16 has host bits set; did you mean 10.0.0.0/16?"],
    [
      ["192.168.0.0/24", "a", "389"],
      "from: 192.168.0.0/24 lies in no VPC of the config; name an address of one of a, b, c",
    ],
    [["172.16.0.0/24@b", "a", "389"], "from: 172.16.0.0/24 is not inside b's CIDRs (10.0.0.0/16); name a block of b"],
    [
      ["b", "sg-0bbb0009", "389"],
      'to: "sg-0bbb0009" gets no ingress rule in the config; name a security group that an ingress rule opens (peerings.<name>.ingress.<side>[].securityGroupId), or a VPC',
    ],
    [
      ["b", "ldap", "389"],
      'to: "ldap" is neither a security group (sg-…) nor a VPC of the config (a, b, c); name one of them',
    ],
    [["b", "a", "ldap"], 'port: "ldap" is not a port; write a number 0-65535 (tcp), or <port>/udp, e.g. 443 or 53/udp'],
    [
      ["b", "a", "70000"],
      'port: "70000" is not a port; write a number 0-65535 (tcp), or <port>/udp, e.g. 443 or 53/udp',
    ],
    [
      ["b", "b", "389"],
      "to: b is in b, where the traffic starts: its local route carries it, no peering; name a security group or VPC on the other side of a peering",
    ],
  ])("WHEN given %j THEN the one-line problem names the argument and the fix", (args, expected) => {
    expect(problem(...args)).toBe(expected);
  });

  it("WHEN given <CIDR>@<VPC>, a bare address and a udp port THEN they are read as the block in that VPC and the port", () => {
    const question = problem("10.0.1.66@b", "sg-0aaa0001", "53/udp");
    expect(typeof question).toBe("object");
    if (typeof question === "string") throw new Error(question);
    expect([question.from.vpc.name, question.from.block?.text, question.to.vpc.name, question.port]).toEqual([
      "b",
      "10.0.1.66/32",
      "a",
      { protocol: "udp", port: 53 },
    ]);
  });
});

describe("GIVEN npm run reach on the guide's designs", () => {
  let work: string;
  let broken: string;
  let fixed: string;
  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), "peering-reach-"));
    broken = join(work, "broken.yaml");
    fixed = join(work, "fixed.yaml");
    writeFileSync(broken, stringify(guideBrokenDesign()));
    writeFileSync(fixed, stringify(guideFixedBySpecificRoute()));
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it(
    "WHEN the replies to b go to c (broken design) THEN it exits 1 and explains each hop, naming the route that takes the replies",
    () => {
      const run = reach(broken, "10.0.1.66@b", "sg-0aaa0001", "389");
      expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 1, stderr: "" });
      expect(run.stdout.split("\n")).toEqual([
        "from 10.0.1.66/32 in b to security group sg-0aaa0001 in a, tcp 389 (static analysis of the config, not of AWS):",
        "1. routed there through peerings.a-to-b: ✓ b's route tables toward 172.16.0.0/16",
        "   rtb-0bbb0001: ✓ 172.16.0.0/16 → peerings.a-to-b, to a (route 172.16.0.0/16, peerings.a-to-b.routes.accepter)",
        "   (which addresses the members of sg-0aaa0001 have is not in the config: every block of a is checked)",
        "2. admitted on tcp 389: ✓",
        "   ✓ sg-0aaa0001 admits 10.0.1.0/24 on tcp 389 (peerings.a-to-b.ingress.requester[0])",
        "3. replies routed back through peerings.a-to-b: ✗ a's route tables toward 10.0.1.66/32",
        "   rtb-0aaa0001 (peerings.a-to-b routes nothing on a's side: its VPC route tables): ✗ 10.0.1.66/32 → peerings.a-to-c, to c (route 10.0.0.0/16, peerings.a-to-c.routes.requester)",
        "NOT REACHABLE: replies not routed back",
        "",
      ]);
    },
    CHILD_PROCESS_TIMEOUT,
  );

  it(
    "WHEN the more specific route sends them back (fixed design) THEN it exits 0 with every hop ✓",
    () => {
      const run = reach(fixed, "10.0.1.66@b", "sg-0aaa0001", "389");
      expect(run.status).toBe(0);
      expect(run.stdout).toContain(
        "   rtb-0aaa0001: ✓ 10.0.1.66/32 → peerings.a-to-b, to b (route 10.0.1.0/24, peerings.a-to-b.routes.requester.destinations[0])",
      );
      expect(run.stdout.trimEnd().split("\n").at(-1)).toBe("REACHABLE");
    },
    CHILD_PROCESS_TIMEOUT,
  );

  it(
    "WHEN the port is closed THEN it exits 1 and says no rule admits it",
    () => {
      const run = reach(fixed, "10.0.1.66@b", "sg-0aaa0001", "636");
      expect(run.status).toBe(1);
      expect(run.stdout).toContain("   ✗ no ingress rule of the config admits 10.0.1.66/32 on tcp 636 there");
      expect(run.stdout).toContain("NOT REACHABLE: not admitted");
    },
    CHILD_PROCESS_TIMEOUT,
  );

  it(
    "WHEN an argument is bad THEN it exits 2 with one line on stderr and nothing on stdout",
    () => {
      const run = reach(broken, "10.0.1.66", "sg-0aaa0001", "389");
      expect({ status: run.status, stdout: run.stdout, stderr: run.stderr }).toEqual({
        status: 2,
        stdout: "",
        stderr: "from: 10.0.1.66/32 lies in 2 VPCs (b, c); say which, e.g. 10.0.1.66/32@b\n",
      });
    },
    CHILD_PROCESS_TIMEOUT,
  );

  it(
    "WHEN the VPCs have no peering THEN it exits 1 saying peering is not transitive",
    () => {
      const run = reach(broken, "b", "c", "389");
      expect(run.status).toBe(1);
      expect(run.stdout).toContain(
        "✗ no peering of the config joins b and c; peering is not transitive, so traffic never crosses through a third VPC",
      );
    },
    CHILD_PROCESS_TIMEOUT,
  );
});
