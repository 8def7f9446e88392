import type { MutableConfig } from "../validation/fixture";

/**
 * The AWS VPC Peering Guide's "Routing for response traffic" example
 * (https://docs.aws.amazon.com/vpc/latest/peering/peering-configurations-partial-access.html#peering-incorrect-response-routing),
 * in the config's terms: VPC a (172.16.0.0/16) is peered with b and c, whose
 * CIDRs match (10.0.0.0/16). b's route table (the one of its subnet
 * 10.0.1.0/24) routes a to a; a's security group sg-0aaa0001 (the Active
 * Directory server's) admits b's subnet 10.0.1.0/24 on LDAP. This is the
 * guide's broken design: a routes the whole 10.0.0.0/16 to c and nothing to b
 * (`routes.requester.routeTableIds: []`, since a route table takes one route
 * per destination), so a's replies to b go to c.
 */
export function guideBrokenDesign(): MutableConfig {
  return {
    project: "guide",
    accounts: {
      a: { accountId: "111111111111" },
      b: { accountId: "222222222222", roleArn: "arn:aws:iam::222222222222:role/peering", externalId: "guide-b" },
      c: { accountId: "333333333333", roleArn: "arn:aws:iam::333333333333:role/peering", externalId: "guide-c" },
    },
    vpcs: {
      a: {
        account: "a",
        region: "us-east-1",
        vpcId: "vpc-0aaa0001",
        cidrBlocks: ["172.16.0.0/16"],
        routeTableIds: ["rtb-0aaa0001"],
      },
      b: {
        account: "b",
        region: "us-east-1",
        vpcId: "vpc-0bbb0001",
        cidrBlocks: ["10.0.0.0/16"],
        routeTableIds: ["rtb-0bbb0001"],
      },
      c: {
        account: "c",
        region: "us-east-1",
        vpcId: "vpc-0ccc0001",
        cidrBlocks: ["10.0.0.0/16"],
        routeTableIds: ["rtb-0ccc0001"],
      },
    },
    peerings: {
      "a-to-b": {
        requester: "a",
        accepter: "b",
        routes: { requester: { routeTableIds: [] } },
        ingress: {
          requester: [
            {
              securityGroupId: "sg-0aaa0001",
              source: { cidr: "10.0.1.0/24" },
              protocol: "tcp",
              ports: 389,
              description: "LDAP from subnet B of VPC b",
            },
          ],
        },
      },
      "a-to-c": { requester: "a", accepter: "c" },
    },
  };
}

/** The guide's first fix: a more specific route, 10.0.1.0/24 to b, beside 10.0.0.0/16 to c (longest prefix match). */
export function guideFixedBySpecificRoute(): MutableConfig & { acknowledge: unknown[] } {
  const config = guideBrokenDesign();
  config.peerings["a-to-b"].routes = { requester: { destinations: ["10.0.1.0/24"] } };
  return {
    ...config,
    // nested-route-destinations asks for this decision to be written down
    acknowledge: [
      {
        rule: "nested-route-destinations",
        path: "peerings.a-to-b.routes.requester.destinations[0]",
        reason: "a reaches subnet B of b by the more specific route, as the VPC Peering Guide's fix describes",
      },
    ],
  };
}

/** The guide's second fix: a route per subnet, 10.0.1.0/24 to b and 10.0.0.0/24 to c; no route nests in another. */
export function guideFixedByRoutePerSubnet(): MutableConfig {
  const config = guideBrokenDesign();
  config.peerings["a-to-b"].routes = { requester: { destinations: ["10.0.1.0/24"] } };
  config.peerings["a-to-c"].routes = { requester: { destinations: ["10.0.0.0/24"] } };
  return config;
}
