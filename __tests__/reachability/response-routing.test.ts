import { findingsOf } from "../validation/fixture";
import { guideBrokenDesign, guideFixedByRoutePerSubnet, guideFixedBySpecificRoute } from "./guide-configs";

const GUIDE = 'AWS VPC Peering Guide, "Routing for response traffic"';

const responseRouting = (config: unknown) => findingsOf(config).filter((f) => f.rule === "response-routing");

describe("GIVEN the VPC Peering Guide's broken response routing: a peers with b and c (both 10.0.0.0/16) and routes all of 10.0.0.0/16 to c", () => {
  it("WHEN validated THEN the only finding is a response-routing warning naming the rule, the route table and the route that takes the replies", () => {
    expect(findingsOf(guideBrokenDesign())).toEqual([
      {
        severity: "warning",
        rule: "response-routing",
        path: "peerings.a-to-b.ingress.requester[0]",
        message: `sg-0aaa0001 admits 10.0.1.0/24 (tcp 389) through peerings.a-to-b, but rtb-0aaa0001 (peerings.a-to-b.routes.requester routes nothing, so vpcs.a.routeTableIds decide) sends the replies to 10.0.1.0/24 to peerings.a-to-c by its route to 10.0.0.0/16 (peerings.a-to-c.routes.requester): they reach c, not b (${GUIDE}). Route 10.0.1.0/24 to peerings.a-to-b in rtb-0aaa0001, or narrow the rule's source to the addresses rtb-0aaa0001 sends back through it`,
      },
    ]);
  });

  it("WHEN a's route table routes 10.0.0.0/16 to b and a more specific 10.0.1.0/24 to c THEN the more specific route is named as taking the replies", () => {
    const config = guideBrokenDesign();
    config.peerings["a-to-b"].routes = undefined; // a's default: all of b, 10.0.0.0/16
    config.peerings["a-to-c"].routes = { requester: { destinations: ["10.0.1.0/24"] } };
    expect(responseRouting(config).map((f) => f.message)).toEqual([
      `sg-0aaa0001 admits 10.0.1.0/24 (tcp 389) through peerings.a-to-b, but rtb-0aaa0001 sends the replies to 10.0.1.0/24 to peerings.a-to-c by its route to 10.0.1.0/24 (peerings.a-to-c.routes.requester.destinations[0]): they reach c, not b (${GUIDE}). Route 10.0.1.0/24 to peerings.a-to-b in rtb-0aaa0001, or narrow the rule's source to the addresses rtb-0aaa0001 sends back through it`,
    ]);
  });
});

describe("GIVEN the guide's fix by a more specific route: 10.0.1.0/24 to b beside 10.0.0.0/16 to c", () => {
  it("WHEN validated THEN response-routing is silent and the one warning is the acknowledged nested route", () => {
    const findings = findingsOf(guideFixedBySpecificRoute());
    expect(findings.map((f) => [f.rule, f.path, f.acknowledged !== undefined])).toEqual([
      ["nested-route-destinations", "peerings.a-to-b.routes.requester.destinations[0]", true],
    ]);
  });

  it("WHEN the rule admits all of b (peerVpc) instead of subnet B THEN the rest of b's range is named as going to c", () => {
    const config = guideFixedBySpecificRoute();
    config.peerings["a-to-b"].ingress!.requester![0].source = { peerVpc: true };
    expect(responseRouting(config).map((f) => f.message)).toEqual([
      `sg-0aaa0001 admits 10.0.0.0/16 (tcp 389) through peerings.a-to-b, but rtb-0aaa0001 sends the replies to 10.0.0.0/16 outside 10.0.1.0/24 to peerings.a-to-c by its route to 10.0.0.0/16 (peerings.a-to-c.routes.requester): they reach c, not b (${GUIDE}). Route 10.0.0.0/16 outside 10.0.1.0/24 to peerings.a-to-b in rtb-0aaa0001, or narrow the rule's source to the addresses rtb-0aaa0001 sends back through it`,
    ]);
  });
});

describe("GIVEN the guide's fix by a route per subnet: 10.0.1.0/24 to b, 10.0.0.0/24 to c", () => {
  it("WHEN validated THEN nothing is found at all", () => {
    expect(findingsOf(guideFixedByRoutePerSubnet())).toEqual([]);
  });
});

describe("GIVEN the guide's fix by a route to one address (10.0.1.66/32 to b) and a rule for that address", () => {
  it("WHEN validated THEN response-routing is silent", () => {
    const config = guideFixedBySpecificRoute();
    config.peerings["a-to-b"].routes = { requester: { destinations: ["10.0.1.66/32"] } };
    config.peerings["a-to-b"].ingress!.requester![0].source = { cidr: "10.0.1.66/32" };
    config.acknowledge = [];
    expect(findingsOf(config).map((f) => f.rule)).toEqual(["nested-route-destinations"]);
  });
});

describe("GIVEN a side that routes nothing for its peering and whose VPC names no route table", () => {
  it("WHEN validated THEN the warning says replies never take the peering and which fields to set", () => {
    const config = guideBrokenDesign();
    config.vpcs.a.routeTableIds = [];
    expect(responseRouting(config).map((f) => f.message)).toEqual([
      "sg-0aaa0001 admits 10.0.1.0/24 (tcp 389) through peerings.a-to-b, but a routes nothing for the peering: neither peerings.a-to-b.routes.requester.routeTableIds nor vpcs.a.routeTableIds names a route table, so replies never take the peering. List the route tables of the subnets behind sg-0aaa0001",
    ]);
  });
});

describe("GIVEN the guide's broken design with the warning acknowledged", () => {
  it("WHEN validated THEN the warning is marked acknowledged with its reason", () => {
    const config = {
      ...guideBrokenDesign(),
      acknowledge: [
        {
          rule: "response-routing",
          path: "peerings.a-to-b.ingress.requester[0]",
          reason: "b's subnet B moves next week",
        },
      ],
    };
    expect(responseRouting(config).map((f) => f.acknowledged)).toEqual(["b's subnet B moves next week"]);
  });
});
