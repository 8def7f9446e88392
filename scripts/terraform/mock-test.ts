import { peeringAddress } from "../../constructs/address";
import {
  dnsOptionSides,
  isManaged,
  managedSides,
  type Peering,
  type PeeringRoute,
  type Side,
} from "../../model/network";
import { PEERINGS_OUTPUT, peeringCheckName, peeringOutputName } from "../../model/peering-output-names";
import type { StackPlan } from "../../model/stacks";

/**
 * Renders a `terraform test` file that plans a stack against mock AWS
 * providers (one `mock_provider` per provider alias) and asserts, with
 * Terraform's own evaluation of our JSON, the facts that matter: the accepter
 * auto-accepts the requester's connection, every route of each side we
 * manage has the expected destination and targets the right connection id,
 * each side's DNS options are set through that side, security group
 * references point at the peer, and each shared zone is authorized (across
 * accounts) and associated with the VPC that resolves it.
 *
 * One `terraform test` run does what `terraform validate` and a mocked apply
 * did before, in about a third of the time: it validates the configuration
 * first, and a plan-only run never destroys, so protected peerings
 * (`prevent_destroy`) are tested as written. The ids that the assertions
 * compare are given to every connection and accepter as overrides known
 * during plan (`override_during = plan`, Terraform >= 1.11): distinct per
 * peering and per resource, so a route that targets the wrong connection, or
 * the connection instead of the acceptance, fails. Adopted resources get
 * the ids they are imported by (mock providers cannot import).
 *
 * Each peering's output (`peering_<name>` and its entry in `peerings_by_name`)
 * must hold the connection id, the status of the acceptance, both VPC ids and
 * the accepter region; each `check` block must exist (see `expect_failures`).
 */
export function renderMockTest(plan: StackPlan, providerAliases: readonly string[], checks = true): string {
  const lines: string[] = ["# Written by scripts/terraform-check.ts: a mocked plan of this stack.", ""];
  lines.push('mock_provider "aws" {}');
  for (const alias of [...providerAliases].sort()) lines.push(`mock_provider "aws" {\n  alias = "${alias}"\n}`);
  for (const [address, id] of plan.peerings.flatMap(knownIds)) {
    lines.push(
      "",
      "override_resource {",
      `  target          = ${address}`,
      "  override_during = plan",
      `  values          = { id = "${id}" }`,
      "}",
    );
  }
  lines.push("", 'run "mocked_plan" {', "  command = plan");
  // The scoped data source of a check reads the connection, which this plan creates: Terraform defers the
  // read to apply, so each assertion is unknown, which `terraform test` reports as an error unless the run
  // expects the check to fail. Listing each check also fails the run when one is missing.
  if (checks && plan.peerings.length > 0) {
    lines.push(`  expect_failures = [${plan.peerings.map((p) => `check.${peeringCheckName(p.name)}`).join(", ")}]`);
  }
  for (const peering of plan.peerings) {
    for (const [condition, message] of [...peeringAssertions(peering), ...outputAssertions(peering)]) {
      lines.push(
        "  assert {",
        `    condition     = ${condition}`,
        `    error_message = ${JSON.stringify(message)}`,
        "  }",
      );
    }
  }
  lines.push("}", "");
  return lines.join("\n");
}

type Assertion = readonly [condition: string, message: string];

/** The ids the assertions compare, known at plan time: the imported ones of an adopted peering, else mock ids. */
function knownIds(peering: Peering): Array<readonly [string, string]> {
  const id = peering.existingConnectionId;
  if (!id) {
    return [
      ...(isManaged(peering, "requester")
        ? [[peeringAddress.connection(peering), `mock-${peering.name}-connection`] as const]
        : []),
      ...(peering.needsAccepter && isManaged(peering, "accepter")
        ? [[peeringAddress.accepter(peering), `mock-${peering.name}-accepter`] as const]
        : []),
    ];
  }
  return [
    ...(isManaged(peering, "requester") ? [[peeringAddress.connection(peering), id] as const] : []),
    ...(peering.needsAccepter && isManaged(peering, "accepter")
      ? [[peeringAddress.accepter(peering), id] as const]
      : []),
    ...dnsOptionSides(peering).map((side) => [peeringAddress.dnsOptions(peering, side), id] as const),
    ...managedSides(peering).flatMap((side) => [
      ...peering.routes[side].map(
        (r) => [peeringAddress.route(peering, r), `${r.routeTableId}_${r.destination.text}`] as const,
      ),
      ...peering.ingress[side]
        .filter((r) => r.existingRuleId)
        .map((r) => [peeringAddress.ingressRule(peering, r), r.existingRuleId as string] as const),
    ]),
  ];
}

/** The expression a side's routes must resolve to: the connection (or the external requester's id), or the acceptance. */
function targetOf(peering: Peering, side: Side): string {
  const requested = isManaged(peering, "requester")
    ? `${peeringAddress.connection(peering)}.id`
    : `"${peering.incomingConnectionId}"`;
  const accepted =
    peering.needsAccepter && isManaged(peering, "accepter") ? `${peeringAddress.accepter(peering)}.id` : requested;
  return side === "requester" ? requested : accepted;
}

function routeAssertion(peering: Peering, route: PeeringRoute): Assertion {
  const address = peeringAddress.route(peering, route);
  const attribute = route.destination.family === "ipv4" ? "destination_cidr_block" : "destination_ipv6_cidr_block";
  return [
    `${address}.${attribute} == "${route.destination.text}" && ${address}.route_table_id == "${route.routeTableId}" && ${address}.vpc_peering_connection_id == ${targetOf(peering, route.side)}`,
    `${peering.name}: ${route.side} route ${route.routeTableId} -> ${route.destination.text} must target the peering`,
  ];
}

function peeringAssertions(peering: Peering): Assertion[] {
  const connection = peeringAddress.connection(peering);
  const assertions: Assertion[] = [];
  if (isManaged(peering, "requester")) {
    assertions.push([
      `${connection}.peer_vpc_id == "${peering.accepter.vpcId}" && ${connection}.peer_owner_id == "${peering.accepter.account.accountId}"`,
      `${peering.name}: the connection must point at the accepter VPC and account`,
    ]);
  }
  if (peering.needsAccepter && isManaged(peering, "accepter")) {
    const accepter = peeringAddress.accepter(peering);
    assertions.push([
      `${accepter}.auto_accept == true && ${accepter}.vpc_peering_connection_id == ${targetOf(peering, "requester")}`,
      `${peering.name}: the accepter must auto-accept the requester's connection`,
    ]);
  } else if (!peering.needsAccepter) {
    assertions.push([
      `${connection}.auto_accept == true`,
      `${peering.name}: a same-account, same-region peering auto-accepts`,
    ]);
  }
  for (const side of dnsOptionSides(peering)) {
    const options = peeringAddress.dnsOptions(peering, side);
    assertions.push([
      `${options}.${side}[0].allow_remote_vpc_dns_resolution == true && ${options}.vpc_peering_connection_id == ${targetOf(peering, "accepter")}`,
      `${peering.name}: the ${side} side must resolve the peer's private DNS names, once accepted`,
    ]);
  }
  for (const side of managedSides(peering)) {
    assertions.push(...peering.routes[side].map((route) => routeAssertion(peering, route)));
    for (const rule of peering.ingress[side]) {
      if (rule.source.kind !== "securityGroup") continue;
      const expected = peering.sameAccount
        ? rule.source.securityGroupId
        : `${rule.source.ownerAccountId}/${rule.source.securityGroupId}`;
      assertions.push([
        `${peeringAddress.ingressRule(peering, rule)}.referenced_security_group_id == "${expected}"`,
        `${peering.name}: ${rule.path} must reference the peer security group ${expected}`,
      ]);
    }
  }
  for (const share of peering.zoneShares) {
    const target = (address: string) =>
      `${address}.zone_id == "${share.zone.zoneId}" && ${address}.vpc_id == "${share.vpc.vpcId}" && ${address}.vpc_region == "${share.vpc.region}"`;
    if (share.crossAccount)
      assertions.push([
        target(peeringAddress.zoneAuthorization(peering, share)),
        `${peering.name}: the account of zone ${share.zone.name} must authorize ${share.vpc.name}`,
      ]);
    assertions.push([
      target(peeringAddress.zoneAssociation(peering, share)),
      `${peering.name}: ${share.vpc.name} must be associated with zone ${share.zone.name}`,
    ]);
  }
  return assertions;
}

/** A peering's output and its entry in the stack's map: the connection id, the acceptance's status, the config's VPC ids and region. */
function outputAssertions(peering: Peering): Assertion[] {
  const statusOf =
    peering.needsAccepter && isManaged(peering, "accepter")
      ? peeringAddress.accepter(peering)
      : peeringAddress.connection(peering);
  const connectionId = isManaged(peering, "requester")
    ? `${peeringAddress.connection(peering)}.id`
    : `${peeringAddress.accepter(peering)}.id`;
  return [`output.${peeringOutputName(peering.name)}`, `output.${PEERINGS_OUTPUT}["${peering.name}"]`].map((output) => [
    `${output}.connection_id == ${connectionId} && ${output}.accept_status == ${statusOf}.accept_status && ${output}.requester_vpc_id == "${peering.requester.vpcId}" && ${output}.accepter_vpc_id == "${peering.accepter.vpcId}" && ${output}.accepter_region == "${peering.accepter.region}"`,
    `${peering.name}: ${output} must hold the connection id, its accept status, both VPC ids and the accepter region`,
  ]);
}

/**
 * The mocked test of a bootstrap stack: each role it creates keeps sessions
 * to one hour and carries its inline policy (a plan, like {@link renderMockTest}).
 */
export function renderBootstrapMockTest(roleIds: readonly string[]): string {
  const lines = [
    "# Written by scripts/terraform-check.ts: a mocked plan of this stack.",
    "",
    'mock_provider "aws" {}',
    "",
    'run "mocked_plan" {',
    "  command = plan",
  ];
  for (const id of roleIds) {
    lines.push(
      "  assert {",
      `    condition     = aws_iam_role.${id}_role.max_session_duration == 3600 && aws_iam_role_policy.${id}_policy.role == aws_iam_role.${id}_role.name`,
      `    error_message = "the ${id} role must allow one-hour sessions and carry its policy"`,
      "  }",
    );
  }
  lines.push("}", "");
  return lines.join("\n");
}
