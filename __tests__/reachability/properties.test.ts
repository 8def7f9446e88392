import fc from "fast-check";
import type { PeeringConfig } from "../../config/schema";
import { checkConfig } from "../../validation/validate";

/**
 * Networks by construction with full default routes: VPC i owns 10.i.0.0/16
 * (and, when it has IPv6, an IPv6 /56 of its own), one to three route tables
 * that every peering of the VPC routes in (no `routes`: every table to every
 * block of the peer), and `{ peerVpc: true }` ingress on one side or both.
 */
const fullDefaultRoutes = fc
  .record({
    vpcCount: fc.integer({ min: 2, max: 10 }),
    ipv6: fc.array(fc.boolean(), { minLength: 10, maxLength: 10 }),
    tables: fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 10, maxLength: 10 }),
    pairs: fc.uniqueArray(fc.tuple(fc.nat({ max: 9 }), fc.nat({ max: 9 })), {
      maxLength: 20,
      selector: ([a, b]) => [Math.min(a, b), Math.max(a, b)].join("-"),
    }),
    sides: fc.array(fc.constantFrom("requester", "accepter", "both"), { minLength: 20, maxLength: 20 }),
    protocols: fc.array(fc.constantFrom("tcp", "udp", "icmp", "all"), { minLength: 20, maxLength: 20 }),
  })
  .map(({ vpcCount, ipv6, tables, pairs, sides, protocols }): PeeringConfig => {
    const hex = (i: number) => i.toString(16).padStart(8, "0");
    const vpcs = Object.fromEntries(
      Array.from({ length: vpcCount }, (_, i) => [
        `vpc${i}`,
        {
          account: "net",
          region: "us-east-1" as const,
          vpcId: `vpc-${hex(i)}`,
          cidrBlocks: [`10.${i}.0.0/16`],
          ...(ipv6[i] ? { ipv6CidrBlocks: [`2600:1f18:${i.toString(16)}:100::/56`] } : {}),
          routeTableIds: Array.from({ length: tables[i] }, (_, t) => `rtb-${hex(i * 16 + t)}`),
        },
      ]),
    );
    const rule = (n: number, from: number) => {
      const protocol = protocols[n] as "tcp" | "udp" | "icmp" | "all";
      return {
        securityGroupId: `sg-${hex(1000 + n)}`,
        source: { peerVpc: true as const },
        protocol,
        ...(protocol === "tcp" || protocol === "udp" ? { ports: 443 } : {}),
        description: `from vpc${from}`,
      };
    };
    const peerings = Object.fromEntries(
      pairs
        .filter(([a, b]) => a !== b && a < vpcCount && b < vpcCount)
        .map(([a, b], n) => [
          `p${a}-${b}`,
          {
            requester: `vpc${a}`,
            accepter: `vpc${b}`,
            ingress: {
              ...(sides[n] !== "accepter" ? { requester: [rule(n, b)] } : {}),
              ...(sides[n] !== "requester" ? { accepter: [rule(n, a)] } : {}),
            },
          },
        ]),
    );
    return { project: "prop", accounts: { net: { accountId: "111111111111" } }, vpcs, peerings };
  });

describe("GIVEN any network with full default routes and peerVpc ingress rules", () => {
  it("THEN response-routing never warns: every table sends every admitted address back through its own peering", () => {
    fc.assert(
      fc.property(fullDefaultRoutes, (config) => {
        const findings = checkConfig(config).findings;
        expect(findings.filter((f) => f.rule === "response-routing")).toEqual([]);
        expect(findings.filter((f) => f.severity === "error")).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});

describe("GIVEN any such network where one peering's side routes only half of the peer", () => {
  it("THEN response-routing warns on exactly the rules of that side, naming the unrouted half", () => {
    fc.assert(
      fc.property(
        fullDefaultRoutes.filter((c) => Object.values(c.peerings).some((p) => (p.ingress?.requester ?? []).length > 0)),
        (config) => {
          const [name, peering] = Object.entries(config.peerings).find(
            ([, p]) => (p.ingress?.requester ?? []).length > 0,
          )!;
          const accepterIndex = Number(peering.accepter.slice(3));
          // IPv6 still routed in full, when the peering carries it: only the IPv4 half is missing
          const ipv6Of = (vpc: string) => (config.vpcs[vpc] as { ipv6CidrBlocks?: string[] }).ipv6CidrBlocks ?? [];
          const both = ipv6Of(peering.requester).length > 0 && ipv6Of(peering.accepter).length > 0;
          const ipv6 = both ? ipv6Of(peering.accepter) : [];
          peering.routes = { requester: { destinations: [`10.${accepterIndex}.0.0/17`, ...ipv6] } };
          const warned = checkConfig(config).findings.filter((f) => f.rule === "response-routing");
          expect(warned.length).toBeGreaterThan(0);
          for (const finding of warned) {
            expect(finding.path).toBe(`peerings.${name}.ingress.requester[0]`);
            expect(finding.message).toContain(`10.${accepterIndex}.0.0/16 outside 10.${accepterIndex}.0.0/17`);
          }
        },
      ),
      { numRuns: 100 },
    );
  });
});
