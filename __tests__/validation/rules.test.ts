import type { Severity } from "../../core/finding";
import { compliantConfig, farRule, findingsOf, type MutableConfig, type MutablePeering, spokeRule } from "./fixture";

/**
 * Each rule, cdk-nag style: a compliant variant (close to the violation, so
 * the rule's edge is pinned) that raises nothing, and a violating one whose
 * finding names the field path, the culprit and the fix.
 */
interface RuleCase {
  readonly rule: string;
  readonly compliant: (config: MutableConfig) => void;
  readonly violating: (config: MutableConfig) => void;
  readonly severity: Severity;
  readonly path: string;
  readonly message: string | RegExp;
}

const addPeering = (config: MutableConfig, name: string, peering: MutablePeering) => {
  config.peerings[name] = peering;
};

/** A second VPC in the far account, peered with the hub; its CIDR decides whether the hub's routes nest. */
const addNestedPeer = (config: MutableConfig, cidrBlock: string) => {
  config.vpcs.far2 = {
    account: "far",
    region: "eu-west-1",
    vpcId: "vpc-00000004",
    cidrBlocks: [cidrBlock],
    routeTableIds: ["rtb-00000004"],
  };
  addPeering(config, "hub-to-far2", { requester: "hub", accepter: "far2" });
};

const cases: RuleCase[] = [
  // Identifiers and shapes (schema)
  {
    rule: "account ids are 12 digits",
    compliant: (c) => (c.accounts.hub.accountId = "012345678901"),
    violating: (c) => (c.accounts.hub.accountId = "12345"),
    severity: "error",
    path: "accounts.hub.accountId",
    message: 'account id "12345" must be exactly 12 digits',
  },
  {
    rule: "VPC ids are vpc- and 8 or 17 lowercase hex digits",
    compliant: (c) => (c.vpcs.hub.vpcId = "vpc-0123456789abcdef0"),
    violating: (c) => (c.vpcs.hub.vpcId = "vpc-0123456789ABCDEF0"),
    severity: "error",
    path: "vpcs.hub.vpcId",
    message: 'expected "vpc-" and 8 or 17 lowercase hex digits',
  },
  {
    rule: "route table ids are rtb- and 8 or 17 hex digits",
    compliant: (c) => (c.vpcs.hub.routeTableIds = ["rtb-0123456789abcdef0"]),
    violating: (c) => (c.vpcs.hub.routeTableIds = ["rtb-123"]),
    severity: "error",
    path: "vpcs.hub.routeTableIds[0]",
    message: '"rtb-123" is not a route table id',
  },
  {
    rule: "security group ids are sg- and 8 or 17 hex digits",
    compliant: (c) => (spokeRule(c).securityGroupId = "sg-0123456789abcdef0"),
    violating: (c) => (spokeRule(c).securityGroupId = "sg-xyz"),
    severity: "error",
    path: "peerings.hub-to-spoke.ingress.accepter[0].securityGroupId",
    message: '"sg-xyz" is not a security group id',
  },
  {
    rule: "regions are real AWS regions",
    compliant: (c) => (c.vpcs.far.region = "ap-southeast-2"),
    violating: (c) => (c.vpcs.far.region = "eu-west-9"),
    severity: "error",
    path: "vpcs.far.region",
    message: '"eu-west-9" is not an AWS region',
  },
  {
    rule: "role ARNs are IAM role ARNs",
    compliant: (c) => (c.accounts.spoke.roleArn = "arn:aws:iam::222222222222:role/team/peering-accepter"),
    violating: (c) => (c.accounts.spoke.roleArn = "arn:aws:iam::222222222222:user/bob"),
    severity: "error",
    path: "accounts.spoke.roleArn",
    message: "is not an IAM role ARN",
  },
  {
    rule: "a role ARN is in its own account",
    compliant: (c) => (c.accounts.hub.roleArn = "arn:aws:iam::111111111111:role/deployer"),
    violating: (c) => (c.accounts.hub.roleArn = "arn:aws:iam::999999999999:role/deployer"),
    severity: "error",
    path: "accounts.hub.roleArn",
    message: "is in account 999999999999, not in 111111111111",
  },
  {
    rule: "names are lowercase words and dashes",
    compliant: (c) => addPeering(c, "spoke-2-far", { requester: "spoke", accepter: "far" }),
    violating: (c) => addPeering(c, "Spoke_To_Far", { requester: "spoke", accepter: "far" }),
    severity: "error",
    path: "peerings.Spoke_To_Far",
    message:
      'name "Spoke_To_Far" must be lowercase letters, digits and dashes, starting with a letter (it becomes part of Terraform addresses), e.g. "spoke-to-far"',
  },
  {
    rule: "references name existing VPCs, or the closest one is suggested",
    compliant: (c) => {
      // The very name of the violating case, once a VPC has it
      c.vpcs.fra = c.vpcs.far;
      delete c.vpcs.far;
      c.peerings["hub-to-far"].accepter = "fra";
    },
    violating: (c) => (c.peerings["hub-to-far"].accepter = "fra"),
    severity: "error",
    path: "peerings.hub-to-far.accepter",
    message: 'no VPC named "fra"; did you mean "far"?',
  },
  {
    rule: "references name existing accounts, or the closest one is suggested",
    compliant: (c) => {
      // The very name of the violating case, once an account has it
      c.accounts.fra = c.accounts.far;
      delete c.accounts.far;
      c.vpcs.far.account = "fra";
    },
    violating: (c) => (c.vpcs.far.account = "fra"),
    severity: "error",
    path: "vpcs.far.account",
    message: 'no account named "fra"; did you mean "far"?',
  },
  {
    rule: "CIDRs have no host bits set",
    compliant: (c) => (c.vpcs.far.cidrBlocks = ["10.2.0.0/20"]),
    violating: (c) => (c.vpcs.far.cidrBlocks = ["10.2.3.0/20"]),
    severity: "error",
    path: "vpcs.far.cidrBlocks[0]",
    message: "CIDR 10.2.3.0/20 has host bits set; did you mean 10.2.0.0/20?",
  },
  {
    rule: "CIDRs parse",
    compliant: (c) => (c.vpcs.far.cidrBlocks = ["10.2.0.0/28"]),
    violating: (c) => (c.vpcs.far.cidrBlocks = ["10.2.0.0/33"]),
    severity: "error",
    path: "vpcs.far.cidrBlocks[0]",
    message: '"10.2.0.0/33" is not a valid CIDR block',
  },
  {
    rule: "IPv6 blocks are IPv6",
    // A second IPv6 block: every block is IPv6, not only the first
    compliant: (c) => (c.vpcs.hub.ipv6CidrBlocks = ["2600:1f18:1:100::/56", "2600:1f18:1:200::/56"]),
    violating: (c) => (c.vpcs.hub.ipv6CidrBlocks = ["10.0.0.0/16"]),
    severity: "error",
    path: "vpcs.hub.ipv6CidrBlocks[0]",
    message: "10.0.0.0/16 is an IPv4 block; this field takes IPv6 blocks",
  },
  {
    rule: "a VPC is described once",
    compliant: (c) => (c.vpcs.far.vpcId = "vpc-00000004"),
    violating: (c) => (c.vpcs.far.vpcId = "vpc-00000001"),
    severity: "error",
    path: "vpcs.far.vpcId",
    message: "vpc-00000001 is already described as vpcs.hub",
  },
  // Topology
  {
    rule: "a VPC cannot peer with itself",
    compliant: (c) => addPeering(c, "spoke-to-far", { requester: "spoke", accepter: "far" }),
    violating: (c) => addPeering(c, "far-to-far", { requester: "far", accepter: "far" }),
    severity: "error",
    path: "peerings.far-to-far.accepter",
    message: "a VPC cannot peer with itself",
  },
  {
    rule: "one peering per VPC pair, in either direction",
    compliant: (c) => addPeering(c, "spoke-to-far", { requester: "spoke", accepter: "far" }),
    violating: (c) => addPeering(c, "spoke-to-hub", { requester: "spoke", accepter: "hub" }),
    severity: "error",
    path: "peerings.spoke-to-hub",
    message: "spoke and hub are already peered by peerings.hub-to-spoke",
  },
  {
    rule: "peered VPCs do not overlap, secondary blocks included",
    compliant: (c) => (c.vpcs.spoke.cidrBlocks = ["10.1.0.0/16", "10.3.0.0/16"]),
    violating: (c) => (c.vpcs.spoke.cidrBlocks = ["10.1.0.0/16", "10.0.128.0/17"]),
    severity: "error",
    path: "peerings.hub-to-spoke",
    message:
      "CIDR 10.0.128.0/17 (vpcs.spoke.cidrBlocks[1]) overlaps 10.0.0.0/16 (vpcs.hub.cidrBlocks[0]); peered VPCs must not overlap, AWS fails the request",
  },
  {
    rule: "peered VPCs do not overlap, IPv6 included",
    // The block right after the hub's /56: adjacent, not overlapping
    compliant: (c) => (c.vpcs.spoke.ipv6CidrBlocks = ["2600:1f18:1:200::/56"]),
    violating: (c) => (c.vpcs.spoke.ipv6CidrBlocks = ["2600:1f18:1:100::/60"]),
    severity: "error",
    path: "peerings.hub-to-spoke",
    message:
      "CIDR 2600:1f18:1:100::/60 (vpcs.spoke.ipv6CidrBlocks[0]) overlaps 2600:1f18:1:100::/56 (vpcs.hub.ipv6CidrBlocks[0])",
  },
  {
    rule: "route destinations lie inside the peer (peering is not transitive)",
    compliant: (c) => (c.peerings["hub-to-spoke"].routes = { requester: { destinations: ["10.1.4.0/24"] } }),
    violating: (c) => (c.peerings["hub-to-spoke"].routes = { requester: { destinations: ["10.2.0.0/16"] } }),
    severity: "error",
    path: "peerings.hub-to-spoke.routes.requester.destinations[0]",
    message:
      "10.2.0.0/16 is not inside spoke's CIDRs (10.1.0.0/16, 10.101.0.0/16, 2600:1f18:2:100::/56); peering is not transitive",
  },
  {
    rule: "no /0 route destination",
    // Every block of hub, IPv6 too: spoke admits members of hub's security group, whose replies go back over both families
    compliant: (c) =>
      (c.peerings["hub-to-spoke"].routes = { accepter: { destinations: ["10.0.0.0/16", "2600:1f18:1:100::/56"] } }),
    violating: (c) => (c.peerings["hub-to-spoke"].routes = { accepter: { destinations: ["0.0.0.0/0"] } }),
    severity: "error",
    path: "peerings.hub-to-spoke.routes.accepter.destinations[0]",
    message: "0.0.0.0/0 would send all traffic to hub",
  },
  {
    rule: "a route table gets a destination once",
    compliant: (c) =>
      (c.peerings["hub-to-spoke"].routes = { requester: { destinations: ["10.1.0.0/16", "10.101.0.0/16"] } }),
    violating: (c) =>
      (c.peerings["hub-to-spoke"].routes = { requester: { destinations: ["10.1.0.0/16", "10.1.0.0/16"] } }),
    severity: "error",
    path: "peerings.hub-to-spoke.routes.requester.destinations[1]",
    message:
      "rtb-00000001 already gets a route to 10.1.0.0/16 from peerings.hub-to-spoke (requester); AWS fails the second with RouteAlreadyExists",
  },
  {
    rule: "warning: a route table's destinations do not nest across peerings",
    compliant: (c) => addNestedPeer(c, "10.3.0.0/20"),
    violating: (c) => addNestedPeer(c, "10.2.0.0/20"),
    severity: "warning",
    path: "peerings.hub-to-far2.routes.requester",
    message:
      "10.2.0.0/20 lies inside 10.2.0.0/16 (peerings.hub-to-far.routes.requester) in rtb-00000001: longest-prefix routing sends 10.2.0.0/20 to peerings.hub-to-far2 and only the rest of 10.2.0.0/16 to peerings.hub-to-far",
  },
  {
    rule: "warning: a route table's destinations do not nest within one peering",
    compliant: (c) =>
      (c.peerings["hub-to-spoke"].routes = { requester: { destinations: ["10.1.4.0/24", "10.1.5.0/24"] } }),
    violating: (c) =>
      (c.peerings["hub-to-spoke"].routes = { requester: { destinations: ["10.1.4.0/24", "10.1.0.0/16"] } }),
    severity: "warning",
    path: "peerings.hub-to-spoke.routes.requester.destinations[0]",
    message:
      "10.1.4.0/24 lies inside 10.1.0.0/16, which rtb-00000001 already routes to peerings.hub-to-spoke; the narrower route is redundant",
  },
  {
    rule: "a route table belongs to one VPC",
    compliant: (c) => (c.peerings["hub-to-far"].routes = { accepter: { routeTableIds: ["rtb-00000003"] } }),
    violating: (c) => (c.peerings["hub-to-far"].routes = { accepter: { routeTableIds: ["rtb-00000002"] } }),
    severity: "error",
    path: "peerings.hub-to-far.routes.accepter.routeTableIds",
    message:
      "rtb-00000002 is used for VPC spoke elsewhere, but a route table belongs to one VPC; use a route table of far",
  },
  {
    rule: "no destination overlaps the route table's own VPC",
    compliant: (c) => (c.vpcs.far.cidrBlocks = ["10.2.0.0/16", "10.3.0.0/24"]),
    // A destination written by hand; an overlap of the two VPCs themselves is no-cidr-overlap's, reported once.
    violating: (c) => {
      c.peerings["hub-to-far"].routes = { accepter: { destinations: ["10.2.0.0/24"] } };
    },
    severity: "error",
    path: "peerings.hub-to-far.routes.accepter.destinations[0]",
    message: "a route to 10.2.0.0/24 in rtb-00000003 overlaps far's own 10.2.0.0/16 (vpcs.far.cidrBlocks[0])",
  },
  {
    rule: "warning: the replies to what an ingress rule admits go back through the same peering",
    // far routes back exactly the part of hub that its rule admits
    compliant: (c) => {
      c.peerings["hub-to-far"].routes = { accepter: { destinations: ["10.0.0.0/17"] } };
      farRule(c).source = { cidr: "10.0.0.0/17" };
    },
    violating: (c) => (c.peerings["hub-to-far"].routes = { accepter: { destinations: ["10.0.0.0/17"] } }),
    severity: "warning",
    path: "peerings.hub-to-far.ingress.accepter[0]",
    message:
      "sg-00000003 admits 10.0.0.0/16 (tcp 443) through peerings.hub-to-far, but rtb-00000003 has no route of this config that sends the replies to 10.0.0.0/16 outside 10.0.0.0/17 through peerings.hub-to-far, so they follow the table's other routes (local, gateways), never the peering. Route 10.0.0.0/16 outside 10.0.0.0/17 to peerings.hub-to-far in rtb-00000003, or narrow the rule's source to the addresses rtb-00000003 sends back through it",
  },
  // Quotas
  {
    rule: "peerings per VPC stay within the quota",
    compliant: (c) => (c.quotas = { peeringsPerVpc: 2 }),
    violating: (c) => (c.quotas = { peeringsPerVpc: 1 }),
    severity: "error",
    path: "vpcs.hub",
    message: "takes part in 2 peerings, over the quota of 1 active peerings per VPC",
  },
  {
    rule: "routes per route table stay within the quota, IPv4 and IPv6 apart",
    compliant: (c) => (c.quotas = { routesPerRouteTable: 3 }),
    violating: (c) => (c.quotas = { routesPerRouteTable: 2 }),
    severity: "error",
    path: "peerings.hub-to-spoke.routes.requester",
    message: "rtb-00000001 would get 3 IPv4 routes from this config, over the quota of 2",
  },
  {
    rule: "inbound rules per security group stay within the quota",
    compliant: (c) => {
      c.quotas = { inboundRulesPerSecurityGroup: 1 };
    },
    violating: (c) => {
      c.quotas = { inboundRulesPerSecurityGroup: 1 };
      c.peerings["hub-to-far"].ingress!.accepter!.push({
        ...farRule(c),
        protocol: "udp",
        ports: 53,
        description: "DNS from hub",
      });
    },
    severity: "error",
    path: "peerings.hub-to-far.ingress.accepter[0]",
    message: "sg-00000003 would get 2 inbound IPv4 rules from this config, over the quota of 1",
  },
  // Security groups
  {
    rule: "a security group reference only within one region",
    compliant: (c) => (farRule(c).source = { peerVpc: true }),
    violating: (c) => (farRule(c).source = { securityGroupId: "sg-00000001" }),
    severity: "error",
    path: "peerings.hub-to-far.ingress.accepter[0].source",
    message:
      "AWS cannot reference a security group across regions. Use { cidr: <a block of hub> } or { peerVpc: true }",
  },
  {
    rule: "CIDR sources lie inside the peer VPC",
    compliant: (c) => (farRule(c).source = { cidr: "10.0.8.0/22" }),
    violating: (c) => (farRule(c).source = { cidr: "10.9.0.0/16" }),
    severity: "error",
    path: "peerings.hub-to-far.ingress.accepter[0].source.cidr",
    message: "10.9.0.0/16 is not inside hub's CIDRs",
  },
  {
    rule: "never a /0 source",
    // The widest source that is allowed: the whole peer VPC
    compliant: (c) => (farRule(c).source = { peerVpc: true }),
    violating: (c) => (farRule(c).source = { cidr: "0.0.0.0/0" }),
    severity: "error",
    path: "peerings.hub-to-far.ingress.accepter[0].source.cidr",
    message: "0.0.0.0/0 opens sg-00000003 to every address",
  },
  {
    rule: "tcp and udp need ports",
    compliant: (c) => (spokeRule(c).ports = [8000, 8080]),
    violating: (c) => delete spokeRule(c).ports,
    severity: "error",
    path: "peerings.hub-to-spoke.ingress.accepter[0].ports",
    message: "tcp rules need ports",
  },
  {
    rule: "port ranges run from <= to",
    compliant: (c) => (spokeRule(c).ports = [8080, 8080]),
    violating: (c) => (spokeRule(c).ports = [8080, 8000]),
    severity: "error",
    path: "peerings.hub-to-spoke.ingress.accepter[0].ports",
    message: "port range [8080, 8000] runs backwards; did you mean [8000, 8080]?",
  },
  {
    rule: "ports are 0-65535",
    compliant: (c) => (spokeRule(c).ports = 65535),
    violating: (c) => (spokeRule(c).ports = 70000),
    severity: "error",
    path: "peerings.hub-to-spoke.ingress.accepter[0].ports",
    message: /port/,
  },
  {
    rule: "protocol all takes no ports",
    compliant: (c) => Object.assign(spokeRule(c), { protocol: "icmp", ports: undefined }),
    violating: (c) => Object.assign(spokeRule(c), { protocol: "all", ports: 443 }),
    severity: "error",
    path: "peerings.hub-to-spoke.ingress.accepter[0].ports",
    message: "protocol all opens every port; remove ports",
  },
  {
    rule: "ICMP takes no ports",
    compliant: (c) => Object.assign(spokeRule(c), { protocol: "icmpv6", ports: undefined }),
    violating: (c) => Object.assign(spokeRule(c), { protocol: "icmp", ports: 8 }),
    severity: "error",
    path: "peerings.hub-to-spoke.ingress.accepter[0].ports",
    message: "icmp rules open every ICMP type and code; remove ports",
  },
  {
    rule: "warning: protocol all opens every port",
    compliant: (c) => Object.assign(spokeRule(c), { protocol: "udp", ports: 53 }),
    violating: (c) => Object.assign(spokeRule(c), { protocol: "all", ports: undefined }),
    severity: "warning",
    path: "peerings.hub-to-spoke.ingress.accepter[0].protocol",
    message: "protocol all opens every port and protocol to the peer",
  },
  {
    rule: "warning: a port range wider than 1024 ports",
    compliant: (c) => (spokeRule(c).ports = [1024, 2047]),
    violating: (c) => (spokeRule(c).ports = [1024, 2048]),
    severity: "warning",
    path: "peerings.hub-to-spoke.ingress.accepter[0].ports",
    message: "port range [1024, 2048] opens 1025 ports to the peer",
  },
  {
    rule: "a description is required",
    compliant: (c) => (spokeRule(c).description = "Ping in"),
    violating: (c) => (spokeRule(c).description = "  "),
    severity: "error",
    path: "peerings.hub-to-spoke.ingress.accepter[0].description",
    message: "describe what the rule lets in",
  },
  {
    rule: 'a description is not "Managed by Terraform"',
    compliant: (c) => (spokeRule(c).description = "Managed by the platform team"),
    violating: (c) => (spokeRule(c).description = "Managed by Terraform"),
    severity: "error",
    path: "peerings.hub-to-spoke.ingress.accepter[0].description",
    message: '"Managed by Terraform" says nothing',
  },
  {
    rule: "a description is at most 255 characters",
    compliant: (c) => (spokeRule(c).description = `${"a".repeat(127)} ${"b".repeat(127)}`),
    violating: (c) => (spokeRule(c).description = "a".repeat(256)),
    severity: "error",
    path: "peerings.hub-to-spoke.ingress.accepter[0].description",
    message: "description is 256 characters; AWS allows at most 255",
  },
  {
    rule: "a description uses the characters AWS allows",
    compliant: (c) => (spokeRule(c).description = "HTTPS (443) from hub: api/v1 #1"),
    violating: (c) => (spokeRule(c).description = "HTTPS from hub – café"),
    severity: "error",
    path: "peerings.hub-to-spoke.ingress.accepter[0].description",
    message: 'AWS does not accept "–", "é" in descriptions',
  },
  {
    rule: "warning: a CIDR source on an administrative or database port",
    // The same port from a security group, not a CIDR
    compliant: (c) => (spokeRule(c).ports = 5432),
    violating: (c) => (farRule(c).ports = 5432),
    severity: "warning",
    path: "peerings.hub-to-far.ingress.accepter[0].source",
    message: "a CIDR source reaches 5432 (PostgreSQL)",
  },
  {
    rule: "no security group gets the same rule twice",
    compliant: (c) => c.peerings["hub-to-far"].ingress!.accepter!.push({ ...farRule(c), ports: 8443 }),
    violating: (c) => c.peerings["hub-to-far"].ingress!.accepter!.push({ ...farRule(c), description: "again" }),
    severity: "error",
    path: "peerings.hub-to-far.ingress.accepter[1]",
    message:
      "sg-00000003 already gets tcp 443-443 from 10.0.0.0/16 at peerings.hub-to-far.ingress.accepter[0]; AWS rejects duplicate rules",
  },
  // Identities: pull requests never run with deploy permissions
  {
    rule: "an account's plan role is not its deploy role",
    compliant: (c) => (c.accounts.far.planRoleArn = "arn:aws:iam::333333333333:role/peering-plan"),
    violating: (c) => (c.accounts.far.planRoleArn = "arn:aws:iam::333333333333:role/peering-accepter"),
    severity: "error",
    path: "accounts.far.planRoleArn",
    message:
      "arn:aws:iam::333333333333:role/peering-accepter is also accounts.far.roleArn, a role that can write; a read-only plan role must be a separate role",
  },
  {
    rule: "the CI's plan identity is neither the deployer nor the CI's deploy identity",
    compliant: (c) =>
      (c.iam = {
        deployerRoleArn: "arn:aws:iam::111111111111:role/deployer",
        ciPlanRoleArn: "arn:aws:iam::111111111111:role/ci-plan",
        ciDeployRoleArn: "arn:aws:iam::111111111111:role/ci-deploy",
      }),
    violating: (c) =>
      (c.iam = {
        deployerRoleArn: "arn:aws:iam::111111111111:role/deployer",
        ciPlanRoleArn: "arn:aws:iam::111111111111:role/ci-deploy",
        ciDeployRoleArn: "arn:aws:iam::111111111111:role/ci-deploy",
      }),
    severity: "error",
    path: "iam.ciPlanRoleArn",
    message:
      "is also iam.ciDeployRoleArn, a role that can write; the role pull-request plans run as must be a separate role",
  },
  {
    rule: "the old iam.ciRoleArn is refused with how to migrate",
    compliant: (c) =>
      (c.iam = {
        deployerRoleArn: "arn:aws:iam::111111111111:role/deployer",
        ciPlanRoleArn: "arn:aws:iam::111111111111:role/ci-plan",
      }),
    violating: (c) =>
      (c.iam = {
        deployerRoleArn: "arn:aws:iam::111111111111:role/deployer",
        ciRoleArn: "arn:aws:iam::111111111111:role/ci-plan",
      }),
    severity: "error",
    path: "iam.ciRoleArn",
    message:
      "rename it to iam.ciPlanRoleArn if it is the role of pull-request plans, and set iam.ciDeployRoleArn to a different role for deploys",
  },
  {
    rule: "GitHub repositories are owner/name",
    compliant: (c) =>
      (c.iam = { deployerRoleArn: "arn:aws:iam::111111111111:role/deployer", github: { repository: "acme/network" } }),
    violating: (c) =>
      (c.iam = {
        deployerRoleArn: "arn:aws:iam::111111111111:role/deployer",
        github: { repository: "https://github.com/acme/network" },
      }),
    severity: "error",
    path: "iam.github.repository",
    message: "is not a GitHub repository; write it as owner/name, e.g. acme/network",
  },
  // Private hosted zones (Route 53)
  {
    rule: "hosted zone ids are Z and uppercase letters and digits",
    compliant: (c) => (c.vpcs.hub.hostedZones = [{ zoneId: "Z0HUBZONE000000001", name: "hub.internal" }]),
    violating: (c) => (c.vpcs.hub.hostedZones = [{ zoneId: "/hostedzone/Z0HUBZONE000000001", name: "hub.internal" }]),
    severity: "error",
    path: "vpcs.hub.hostedZones[0].zoneId",
    message: '"/hostedzone/Z0HUBZONE000000001" is a hosted zone path; write only the id, e.g. Z0HUBZONE000000001',
  },
  {
    rule: "hosted zone names are lowercase DNS names without the trailing dot",
    compliant: (c) => (c.vpcs.hub.hostedZones = [{ zoneId: "Z0HUBZONE000000001", name: "hub-1.internal" }]),
    violating: (c) => (c.vpcs.hub.hostedZones = [{ zoneId: "Z0HUBZONE000000001", name: "hub.internal." }]),
    severity: "error",
    path: "vpcs.hub.hostedZones[0].name",
    message: 'write the zone name without the trailing dot: "hub.internal"',
  },
  {
    rule: "a zone is listed under one VPC only",
    compliant: (c) => {
      c.vpcs.hub.hostedZones = [{ zoneId: "Z0HUBZONE000000001", name: "hub.internal" }];
      c.vpcs.spoke.hostedZones = [{ zoneId: "Z0SPOKEZONE0000001", name: "spoke.internal" }];
    },
    violating: (c) => {
      c.vpcs.hub.hostedZones = [{ zoneId: "Z0HUBZONE000000001", name: "hub.internal" }];
      c.vpcs.spoke.hostedZones = [{ zoneId: "Z0HUBZONE000000001", name: "hub.internal" }];
    },
    severity: "error",
    path: "vpcs.spoke.hostedZones[0].zoneId",
    message:
      "zone Z0HUBZONE000000001 is already listed under vpcs.hub.hostedZones; list each zone once, under the VPC whose account created it",
  },
  {
    rule: "a peering shares only zones of its own sides",
    compliant: (c) => {
      c.vpcs.hub.hostedZones = [{ zoneId: "Z0HUBZONE000000001", name: "hub.internal" }];
      c.peerings["hub-to-spoke"].shareHostedZones = ["Z0HUBZONE000000001"];
    },
    violating: (c) => {
      c.vpcs.hub.hostedZones = [{ zoneId: "Z0HUBZONE000000001", name: "hub.internal" }];
      c.peerings["hub-to-spoke"].shareHostedZones = ["Z0HUBZONE000000002"];
    },
    severity: "error",
    path: "peerings.hub-to-spoke.shareHostedZones[0]",
    message:
      'no zone Z0HUBZONE000000002 under vpcs.hub.hostedZones or vpcs.spoke.hostedZones; did you mean "Z0HUBZONE000000001"?',
  },
  {
    rule: "a share mode names a side that has zones",
    compliant: (c) => {
      c.vpcs.hub.hostedZones = [{ zoneId: "Z0HUBZONE000000001", name: "hub.internal" }];
      c.peerings["hub-to-spoke"].shareHostedZones = "requester";
    },
    violating: (c) => {
      c.vpcs.hub.hostedZones = [{ zoneId: "Z0HUBZONE000000001", name: "hub.internal" }];
      c.peerings["hub-to-spoke"].shareHostedZones = "accepter";
    },
    severity: "error",
    path: "peerings.hub-to-spoke.shareHostedZones",
    message:
      '"accepter" shares the zones of vpcs.spoke.hostedZones, and there are none; list the zones there, or write "none"',
  },
  {
    rule: "a VPC never resolves two zones of the same name (Route 53: ConflictingDomainExists)",
    compliant: (c) => {
      c.vpcs.hub.hostedZones = [{ zoneId: "Z0HUBZONE000000001", name: "hub.internal" }];
      c.vpcs.spoke.hostedZones = [{ zoneId: "Z0SPOKEZONE0000001", name: "spoke.internal" }];
      c.peerings["hub-to-spoke"].shareHostedZones = "both";
    },
    violating: (c) => {
      c.vpcs.hub.hostedZones = [{ zoneId: "Z0HUBZONE000000001", name: "hub.internal" }];
      c.vpcs.spoke.hostedZones = [{ zoneId: "Z0SPOKEZONE0000001", name: "hub.internal" }];
      c.peerings["hub-to-spoke"].shareHostedZones = "requester";
    },
    severity: "error",
    path: "peerings.hub-to-spoke.shareHostedZones",
    message:
      "zone hub.internal (Z0HUBZONE000000001) would be associated with vpcs.spoke, which already resolves hub.internal (Z0SPOKEZONE0000001, its own zone); Route 53 refuses a second zone of the same name on one VPC (ConflictingDomainExists",
  },
  {
    rule: "warning: a VPC that would resolve zones whose names nest",
    compliant: (c) => {
      c.vpcs.hub.hostedZones = [{ zoneId: "Z0HUBZONE000000001", name: "hub.internal" }];
      c.vpcs.spoke.hostedZones = [{ zoneId: "Z0SPOKEZONE0000001", name: "spoke.internal" }];
      c.peerings["hub-to-spoke"].shareHostedZones = "requester";
    },
    violating: (c) => {
      c.vpcs.hub.hostedZones = [{ zoneId: "Z0HUBZONE000000001", name: "hub.internal" }];
      c.vpcs.spoke.hostedZones = [{ zoneId: "Z0SPOKEZONE0000001", name: "internal" }];
      c.peerings["hub-to-spoke"].shareHostedZones = "requester";
    },
    severity: "warning",
    path: "peerings.hub-to-spoke.shareHostedZones",
    message:
      "vpcs.spoke would resolve both hub.internal (Z0HUBZONE000000001) and internal (Z0SPOKEZONE0000001, its own zone), whose names nest; Route 53 accepts this, and Resolver answers every name under hub.internal from that zone only",
  },
  {
    rule: "warning: a zone shared across an inter-region peering",
    compliant: (c) => {
      c.vpcs.hub.hostedZones = [{ zoneId: "Z0HUBZONE000000001", name: "hub.internal" }];
      c.peerings["hub-to-spoke"].shareHostedZones = "requester";
    },
    violating: (c) => {
      c.vpcs.hub.hostedZones = [{ zoneId: "Z0HUBZONE000000001", name: "hub.internal" }];
      c.peerings["hub-to-far"].shareHostedZones = "requester";
    },
    severity: "warning",
    path: "peerings.hub-to-far.shareHostedZones",
    message:
      "zone hub.internal (Z0HUBZONE000000001) of vpcs.hub (us-east-1) is resolved by vpcs.far in eu-west-1: it resolves, but the addresses it names are in us-east-1, so every connection made by name crosses the inter-region peering",
  },
  // Providers
  {
    rule: "an accepter account in another account has a role",
    compliant: (c) => (c.accounts.far.roleArn = "arn:aws:iam::333333333333:role/other"),
    violating: (c) => delete c.accounts.far.roleArn,
    severity: "error",
    path: "accounts.far.roleArn",
    message: "stack peering-hub must act in account far (333333333333) to accept peerings.hub-to-far; set roleArn",
  },
  {
    rule: "warning: a cross-account role without an external id",
    compliant: (c) => (c.accounts.far.externalId = "another-id"),
    violating: (c) => delete c.accounts.far.externalId,
    severity: "warning",
    path: "accounts.far.externalId",
    message: "is assumed from another account without an external id",
  },
];

describe("GIVEN the compliant fixture", () => {
  it("THEN it raises no finding at all", () => {
    expect(findingsOf(compliantConfig())).toEqual([]);
  });
});

describe.each(cases)("GIVEN the rule: $rule", ({ compliant, violating, severity, path, message }) => {
  it("WHEN the compliant case is applied THEN it changes the fixture (a case that changes nothing pins no edge)", () => {
    const config = compliantConfig();
    compliant(config);
    expect(config).not.toEqual(compliantConfig());
  });

  it("WHEN a config stays on the compliant side THEN nothing is found", () => {
    const config = compliantConfig();
    compliant(config);
    expect(findingsOf(config)).toEqual([]);
  });

  it(`WHEN a config breaks it THEN ${severity === "error" ? "an error" : "a warning"} names the path, the culprit and the fix`, () => {
    const config = compliantConfig();
    violating(config);
    const findings = findingsOf(config);
    expect(findings).toContainEqual(
      expect.objectContaining({
        severity,
        path,
        message: typeof message === "string" ? expect.stringContaining(message) : expect.stringMatching(message),
      }),
    );
  });
});
