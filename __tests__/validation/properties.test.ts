import fc from "fast-check";
import * as ipaddr from "ipaddr.js";
import type { PeeringConfig } from "../../config/schema";
import { type Cidr, cidr, cidrsOverlap, nestedCidrs } from "../../core/cidr";
import { checkConfig } from "../../validation/validate";

/** An IPv4 block as numbers: the brute-force model the CIDR library is checked against. */
interface Range {
  readonly start: number;
  readonly end: number;
}

const ipv4Block = fc
  .record({ address: fc.nat({ max: 2 ** 32 - 1 }), prefix: fc.integer({ min: 0, max: 32 }) })
  .map(({ address, prefix }) => {
    const size = 2 ** (32 - prefix);
    const start = Math.floor(address / size) * size;
    const text = `${[24, 16, 8, 0].map((shift) => Math.floor(start / 2 ** shift) % 256).join(".")}/${prefix}`;
    return { text, range: { start, end: start + size - 1 } as Range };
  });

describe("GIVEN any two IPv4 blocks", () => {
  it("THEN cidrsOverlap agrees with comparing their address ranges", () => {
    fc.assert(
      fc.property(ipv4Block, ipv4Block, (a, b) => {
        const bruteForce = a.range.start <= b.range.end && b.range.start <= a.range.end;
        expect(cidrsOverlap(cidr(a.text), cidr(b.text))).toBe(bruteForce);
      }),
      { numRuns: 2000 },
    );
  });
});

describe("GIVEN any list of IPv4 blocks", () => {
  it("THEN nestedCidrs pairs each block with the narrowest strictly wider block around it, as comparing all ranges finds", () => {
    fc.assert(
      fc.property(fc.array(ipv4Block, { maxLength: 40 }), (blocks) => {
        const strictlyInside = (inner: Range, outer: Range) =>
          outer.start <= inner.start && inner.end <= outer.end && outer.end - outer.start > inner.end - inner.start;
        const bruteForce = blocks.flatMap((inner) => {
          const around = blocks.filter((outer) => strictlyInside(inner.range, outer.range));
          if (around.length === 0) return [];
          const narrowest = around.reduce((a, b) =>
            b.range.end - b.range.start < a.range.end - a.range.start ? b : a,
          );
          return [`${inner.text} in ${narrowest.text}`];
        });
        const found = nestedCidrs(blocks, (b) => cidr(b.text)).map(
          ({ inner, outer }) => `${inner.text} in ${outer.text}`,
        );
        expect(found.sort()).toEqual(bruteForce.sort());
      }),
      { numRuns: 1000 },
    );
  });
});

describe("GIVEN any two IPv6 blocks built from a shared prefix", () => {
  it("THEN cidrsOverlap is symmetric and true exactly when one block contains the other's network address", () => {
    const block = fc
      .record({ group: fc.integer({ min: 0, max: 0xffff }), prefix: fc.integer({ min: 16, max: 64 }) })
      .map(({ group, prefix }) => {
        const mask = prefix >= 32 ? 0xffff : 0xffff - (2 ** (32 - prefix) - 1);
        // Canonical text (what validation accepts): 2600:0::/16 is written 2600::/16.
        return {
          text: `${ipaddr.parse(`2600:${(group & mask).toString(16)}::`).toString()}/${prefix}`,
          group: group & mask,
          prefix,
        };
      });
    fc.assert(
      fc.property(block, block, (a, b) => {
        const [x, y]: Cidr[] = [cidr(a.text), cidr(b.text)];
        const shorter = Math.min(a.prefix, b.prefix);
        const bits = Math.max(0, Math.min(16, shorter - 16));
        const sameHead = bits === 0 || a.group >> (16 - bits) === b.group >> (16 - bits);
        expect(cidrsOverlap(x, y)).toBe(cidrsOverlap(y, x));
        expect(cidrsOverlap(x, y)).toBe(sameHead);
      }),
      { numRuns: 1000 },
    );
  });
});

/**
 * Valid networks by construction: VPC i owns 10.i.0.0/16 (and an IPv6 /56 of
 * its own when it has IPv6), its own route table, and peerings join distinct
 * pairs once. Security group references only within a region.
 */
const validConfig = fc
  .record({
    vpcCount: fc.integer({ min: 2, max: 12 }),
    regions: fc.array(fc.constantFrom("us-east-1", "eu-west-1", "ap-south-1"), { minLength: 12, maxLength: 12 }),
    accounts: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 12, maxLength: 12 }),
    ipv6: fc.array(fc.boolean(), { minLength: 12, maxLength: 12 }),
    pairs: fc.uniqueArray(fc.tuple(fc.nat({ max: 11 }), fc.nat({ max: 11 })), {
      maxLength: 20,
      selector: ([a, b]) => [Math.min(a, b), Math.max(a, b)].join("-"),
    }),
    ports: fc.array(fc.integer({ min: 1, max: 65535 }), { minLength: 20, maxLength: 20 }),
  })
  .map(({ vpcCount, regions, accounts, ipv6, pairs, ports }): PeeringConfig => {
    const hex = (i: number) => i.toString(16).padStart(8, "0");
    const vpcs = Object.fromEntries(
      Array.from({ length: vpcCount }, (_, i) => [
        `vpc${i}`,
        {
          account: `acct${accounts[i]}`,
          region: regions[i],
          vpcId: `vpc-${hex(i)}`,
          cidrBlocks: [`10.${i}.0.0/16`],
          ...(ipv6[i] ? { ipv6CidrBlocks: [`2600:1f18:${i.toString(16)}:100::/56`] } : {}),
          routeTableIds: [`rtb-${hex(i)}`],
        },
      ]),
    );
    const peerings = Object.fromEntries(
      pairs
        .filter(([a, b]) => a !== b && a < vpcCount && b < vpcCount)
        .map(([a, b], n) => [
          `p${a}-${b}`,
          {
            requester: `vpc${a}`,
            accepter: `vpc${b}`,
            ingress: {
              accepter: [
                {
                  securityGroupId: `sg-${hex(1000 + n)}`,
                  source: regions[a] === regions[b] ? { securityGroupId: `sg-${hex(a)}` } : { peerVpc: true as const },
                  protocol: "tcp" as const,
                  ports: [443, 8443, 9000][ports[n] % 3],
                  description: `from vpc${a}`,
                },
              ],
            },
          },
        ]),
    );
    const accountsMap = Object.fromEntries(
      [0, 1, 2, 3].map((a) => [
        `acct${a}`,
        {
          accountId: String(100000000000 + a),
          roleArn: `arn:aws:iam::${100000000000 + a}:role/peering`,
          externalId: `ext-${a}`,
        },
      ]),
    );
    return { project: "prop", accounts: accountsMap, vpcs, peerings };
  });

describe("GIVEN any valid network", () => {
  it("THEN validation raises no error", () => {
    fc.assert(
      fc.property(validConfig, (config) => {
        const errors = checkConfig(config).findings.filter((f) => f.severity === "error");
        expect(errors).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});
