import { exampleConfig } from "../../config/example";
import type { PeeringConfig } from "../../config/schema";
import { copyOf, synthConfig } from "../support/synth";

type Resources = Record<string, Record<string, unknown>>;

/** Every resource of a stack, by `<type>.<name>`. */
function resourcesByAddress(json: { resource?: Record<string, Resources> }): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(json.resource ?? {}).flatMap(([type, resources]) =>
      Object.entries(resources).map(([name, body]) => [`${type}.${name}`, body]),
    ),
  );
}

describe("GIVEN the example, synthesized", () => {
  const before = synthConfig(exampleConfig);

  describe("WHEN a requester VPC is added in a region that sorts before every other (af-south-1), with a peering of its own", () => {
    const config = copyOf(exampleConfig) as unknown as PeeringConfig & {
      vpcs: Record<string, unknown>;
      peerings: Record<string, unknown>;
    };
    config.vpcs["shared-afs1"] = {
      account: "shared",
      region: "af-south-1",
      vpcId: "vpc-0a1b2c3d4e5f6bbbb",
      cidrBlocks: ["10.9.0.0/16"],
      routeTableIds: ["rtb-0a1b2c3d4e5f6bbb1"],
    };
    config.peerings["shared-afs1-to-app"] = { requester: "shared-afs1", accepter: "app-use1" };
    const after = synthConfig(config);

    it.each(["peering-shared", "peering-app", "peering-data"])(
      "THEN no existing resource of %s changes, not even its provider",
      (stack) => {
        const old = resourcesByAddress(before[stack].json as never);
        const now = resourcesByAddress(after[stack].json as never);
        for (const [address, body] of Object.entries(old))
          expect({ address, body: now[address] }).toEqual({ address, body });
      },
    );

    it("THEN every resource names its provider by alias, and no provider is unaliased", () => {
      for (const [name, stack] of Object.entries(after).filter(([name]) => name.startsWith("peering-"))) {
        expect(name).toMatch(/^peering-/);
        const json = stack.json as unknown as {
          provider: { aws: Array<{ alias?: string }> };
          resource?: Record<string, Resources>;
        };
        expect(json.provider.aws.filter((p) => p.alias === undefined)).toEqual([]);
        for (const body of Object.values(resourcesByAddress(json)))
          expect((body as { provider: string }).provider).toMatch(/^aws\.[a-z0-9-]+$/);
      }
    });
  });
});
