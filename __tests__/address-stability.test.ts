import { exampleConfig } from "../config/example";
import type { PeeringConfig } from "../config/schema";
import { peeringAddress } from "../constructs/address";
import { SIDES } from "../model/network";
import { planStacks } from "../model/stacks";
import { validateConfig } from "../validation/validate";
import { addressesOf, copyOf, synthConfig } from "./support/synth";

/** Reverses the order of every map and list in a config, except port ranges whose order is meaningful. */
function reversedDeep(value: unknown, key = ""): unknown {
  if (Array.isArray(value)) {
    const items = value.map((item) => reversedDeep(item));
    return key === "ports" ? items : items.reverse();
  }
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value)
        .reverse()
        .map(([k, v]) => [k, reversedDeep(v, k)]),
    );
  }
  return value;
}

/** Every resource of every stack, by `stack/type.name`, with its body. */
function resourceBodies(config: PeeringConfig): Map<string, unknown> {
  const bodies = new Map<string, unknown>();
  for (const [stackName, stack] of Object.entries(synthConfig(config))) {
    for (const [type, byName] of Object.entries(stack.json.resource ?? {})) {
      for (const [name, body] of Object.entries(byName)) bodies.set(`${stackName}/${type}.${name}`, body);
    }
    bodies.set(
      `${stackName}/providers`,
      [...stack.json.provider.aws].sort((a, b) => String(a.alias).localeCompare(String(b.alias))),
    );
  }
  return bodies;
}

describe("GIVEN the example config", () => {
  const before = resourceBodies(exampleConfig);

  describe("WHEN every map and list is reversed", () => {
    const after = resourceBodies(reversedDeep(copyOf(exampleConfig)) as PeeringConfig);

    it("THEN every resource of every stack, IAM policies included, keeps its address and its body", () => {
      expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
      for (const [address, body] of before) expect({ address, body: after.get(address) }).toEqual({ address, body });
    });
  });

  describe("WHEN every map and list is reversed and a peering is added", () => {
    const changed = reversedDeep(copyOf(exampleConfig)) as PeeringConfig;
    (changed.peerings as Record<string, unknown>)["tools-to-app"] = {
      requester: "tools-use1",
      accepter: "app-use1",
    };
    const after = resourceBodies(changed);

    it("THEN every peering resource that existed keeps its address and its body", () => {
      for (const [address, body] of before) {
        if (address.startsWith("peering-")) expect({ address, body: after.get(address) }).toEqual({ address, body });
      }
    });

    it("THEN every bootstrap resource keeps its address (its policy grows to allow the new peering)", () => {
      expect([...before.keys()].filter((address) => address.startsWith("bootstrap-") && !after.has(address))).toEqual(
        [],
      );
    });

    it("THEN the new peering only adds resources", () => {
      const added = [...after.keys()].filter((address) => !before.has(address));
      expect(added.length).toBeGreaterThan(0);
      expect(added.filter((address) => !address.includes("tools-to-app_"))).toEqual([]);
    });
  });
});

describe("GIVEN the addresses the constructs document", () => {
  it("THEN they are exactly the addresses synthesized for the example, so tools that name resources never drift", () => {
    const { network } = validateConfig(exampleConfig, { source: "example" });
    const expected = planStacks(network).flatMap((plan) =>
      plan.peerings.flatMap((peering) => [
        peeringAddress.connection(peering),
        ...(peering.needsAccepter ? [peeringAddress.accepter(peering)] : []),
        ...(peering.dnsResolution ? SIDES.map((side) => peeringAddress.dnsOptions(peering, side)) : []),
        ...SIDES.flatMap((side) => peering.routes[side].map((route) => peeringAddress.route(peering, route))),
        ...SIDES.flatMap((side) => peering.ingress[side].map((rule) => peeringAddress.ingressRule(peering, rule))),
        ...peering.zoneShares.flatMap((share) => [
          ...(share.crossAccount ? [peeringAddress.zoneAuthorization(peering, share)] : []),
          peeringAddress.zoneAssociation(peering, share),
        ]),
      ]),
    );
    const synthesized = Object.entries(synthConfig(exampleConfig))
      .filter(([name]) => name.startsWith("peering-"))
      .flatMap(([, stack]) => addressesOf(stack));
    expect([...synthesized].sort()).toEqual([...expected].sort());
  });
});
