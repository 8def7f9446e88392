import { exampleConfig } from "../../config/example";
import { renderReachabilitySection } from "../../report/reachability-section";
import { checkConfig } from "../../validation/validate";
import { guideBrokenDesign, guideFixedBySpecificRoute } from "./guide-configs";

const sectionOf = (config: unknown): string[] => {
  const { network } = checkConfig(config);
  if (!network) throw new Error("the config does not resolve");
  return renderReachabilitySection(network);
};

describe("GIVEN the VPC Peering Guide's broken response routing", () => {
  let section: string[];
  beforeAll(() => {
    section = sectionOf(guideBrokenDesign());
  });

  it("THEN b → a shows who sg-0aaa0001 admits on which port, routed there, and the replies going to c by the named route", () => {
    const start = section.indexOf("**b → a**");
    expect(section.slice(start, start + 5)).toEqual([
      "**b → a**",
      "",
      "| security group | admits | ports | routed there | replies routed back |",
      "| --- | --- | --- | --- | --- |",
      "| sg-0aaa0001 | 10.0.1.0/24 | tcp 389 | ✅ rtb-0bbb0001 | ❌ rtb-0aaa0001 (VPC's route tables: the peering routes nothing on this side): 10.0.1.0/24 → peerings.a-to-c, to c (route 10.0.0.0/16, peerings.a-to-c.routes.requester) |",
    ]);
  });

  it("THEN a direction without a rule of the config says so", () => {
    expect(section).toContain("**a → b**: no ingress rule of the config on b's side.");
  });
});

describe("GIVEN the guide's fix by a more specific route", () => {
  it("THEN the replies are routed back", () => {
    expect(sectionOf(guideFixedBySpecificRoute())).toContain(
      "| sg-0aaa0001 | 10.0.1.0/24 | tcp 389 | ✅ rtb-0bbb0001 | ✅ rtb-0aaa0001 |",
    );
  });
});

describe("GIVEN the example config", () => {
  let section: string[];
  beforeAll(() => {
    section = sectionOf(exampleConfig);
  });

  it("THEN the section has a heading per peering, direction rows, and says it is static analysis of the config", () => {
    expect(section[0]).toBe("## Reachability");
    expect(section[2]).toMatch(/^Static analysis of the config, not of AWS/);
    expect(section.filter((line) => line.endsWith("(reachability)"))).toEqual([
      "### app-to-data (reachability)",
      "### shared-to-app (reachability)",
      "### shared-to-data (reachability)",
      "### shared-to-tools (reachability)",
    ]);
  });

  it("THEN a security group reachable through only part of the peer's routes is marked ⚠️ with the part routed elsewhere", () => {
    expect(section).toContain(
      "| sg-0c1d2e3f4a5b60001 | 10.0.0.0/16 | tcp 443 | ⚠️ rtb-0a1b2c3d4e5f60001: 10.20.0.0/16 → no route of the config (the table's other routes decide) | ✅ rtb-0c1d2e3f4a5b60001 |",
    );
  });
});
