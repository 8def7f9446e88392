import fc from "fast-check";
import { type Cidr, cidr, cidrContains } from "../../core/cidr";
import type { Peering, PeeringRoute } from "../../model/network";
import { deliveriesOf, deliveryText } from "../../reachability/longest-prefix";
import type { TableRoute } from "../../reachability/route-tables";

/** A route of one table to a named peering; only the name and the destination matter here. */
const routeTo = (peering: string, destination: string): TableRoute => ({
  peering: { name: peering } as Peering,
  route: {
    side: "requester",
    routeTableId: "rtb-00000001",
    destination: cidr(destination),
    path: peering,
  } as PeeringRoute,
});

const ipv4Block = fc
  .record({ address: fc.nat({ max: 2 ** 32 - 1 }), prefix: fc.integer({ min: 8, max: 32 }) })
  .map(({ address, prefix }) => {
    const size = 2 ** (32 - prefix);
    const start = Math.floor(address / size) * size;
    return `${[24, 16, 8, 0].map((shift) => Math.floor(start / 2 ** shift) % 256).join(".")}/${prefix}`;
  });

/** The address a number stands for, as a one-address block. */
const host = (n: number): Cidr =>
  cidr(`${[24, 16, 8, 0].map((shift) => Math.floor(n / 2 ** shift) % 256).join(".")}/32`);
const startOf = (block: Cidr) => block.address.toByteArray().reduce((n, byte) => n * 256 + byte, 0);

describe("GIVEN any IPv4 route table and any block of addresses", () => {
  it("THEN each address of the block is in exactly one delivery, whose route is the longest prefix match found by scanning every route", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom("p1", "p2", "p3"), ipv4Block), { maxLength: 12 }),
        ipv4Block.filter((b) => Number(b.split("/")[1]) >= 16),
        fc.array(fc.nat(), { minLength: 1, maxLength: 8 }),
        (entries, targetText, picks) => {
          const routes = entries.map(([p, d]) => routeTo(p, d));
          const target = cidr(targetText);
          const deliveries = deliveriesOf(routes, target);
          for (const pick of picks) {
            const address = host(startOf(target) + (pick % 2 ** (32 - target.prefixLength)));
            const matching = routes.filter((r) => cidrContains(r.route.destination, address));
            const longest = Math.max(-1, ...matching.map((r) => r.route.destination.prefixLength));
            const expected = matching.find((r) => r.route.destination.prefixLength === longest);
            const holding = deliveries.filter(
              (d) => cidrContains(d.block, address) && !d.except.some((e) => cidrContains(e, address)),
            );
            expect(holding).toHaveLength(1);
            expect(holding[0].route?.route.destination.text).toBe(expected?.route.destination.text);
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe("GIVEN an IPv6 table with a /56 to one peering and a more specific /64 to another", () => {
  it("THEN the /64 goes to its peering and the rest of the /56 to the other, and IPv4 routes never match", () => {
    const routes = [
      routeTo("wide", "2600:1f18:1:100::/56"),
      routeTo("narrow", "2600:1f18:1:142::/64"),
      routeTo("v4", "10.0.0.0/8"),
    ];
    expect(
      deliveriesOf(routes, cidr("2600:1f18:1:100::/56")).map((d) => [deliveryText(d), d.route?.peering.name]),
    ).toEqual([
      ["2600:1f18:1:100::/56 outside 2600:1f18:1:142::/64", "wide"],
      ["2600:1f18:1:142::/64", "narrow"],
    ]);
  });

  it("THEN a block no route covers is one delivery without a route", () => {
    expect(deliveriesOf([routeTo("v4", "10.0.0.0/8")], cidr("2600:1f18:2::/56"))).toEqual([
      { block: cidr("2600:1f18:2::/56"), except: [] },
    ]);
  });
});
