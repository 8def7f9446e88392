import { peeringAddress } from "../../constructs/address";
import { dnsOptionSides, isManaged, managedSides, type Peering, type PeeringRoute, type Side } from "../../model/network";
import type { StackPlan } from "../../model/stacks";

/**
 * Renders a `terraform test` file that applies a stack against mock AWS
 * providers (one `mock_provider` per provider alias) and asserts, with
 * Terraform's own evaluation of our JSON, the facts that matter: the accepter
 * auto-accepts the requester's connection, every route of each side we
 * manage has the expected destination and targets the right connection id,
 * each side's DNS options are set through that side, and security group
 * references point at the peer. Mock providers cannot import, so the
 * resources of adopted peerings are given as `override_resource` blocks.
 */
export function renderMockTest(plan: StackPlan, providerAliases: readonly string[]): string {
  const lines: string[] = ["# Written by scripts/terraform-check.ts: a mocked apply of this stack.", ""];
  lines.push('mock_provider "aws" {}');
  for (const alias of [...providerAliases].sort()) lines.push(`mock_provider "aws" {\n  alias = "${alias}"\n}`);
  // Mock providers cannot import: adopted resources get their values from overrides instead.
  for (const [address, id] of plan.peerings.flatMap(importedAddresses)) {
    lines.push("", "override_resource {", `  target = ${address}`, `  values = { id = "${id}" }`, "}");
  }
  lines.push("", 'run "mocked_apply" {', "  command = apply");
  for (const peering of plan.peerings) {
    for (const [condition, message] of peeringAssertions(peering)) {
      lines.push("  assert {", `    condition     = ${condition}`, `    error_message = ${JSON.stringify(message)}`, "  }");
    }
  }
  lines.push("}", "");
  return lines.join("\n");
}

type Assertion = readonly [condition: string, message: string];

/** The addresses an adopted peering imports, with the id each is imported by. */
function importedAddresses(peering: Peering): Array<readonly [string, string]> {
  const id = peering.existingConnectionId;
  if (!id) return [];
  return [
    ...(isManaged(peering, "requester") ? [[peeringAddress.connection(peering), id] as const] : []),
    ...(peering.needsAccepter && isManaged(peering, "accepter") ? [[peeringAddress.accepter(peering), id] as const] : []),
    ...dnsOptionSides(peering).map((side) => [peeringAddress.dnsOptions(peering, side), id] as const),
    ...managedSides(peering).flatMap((side) => [
      ...peering.routes[side].map((r) => [peeringAddress.route(peering, r), `${r.routeTableId}_${r.destination.text}`] as const),
      ...peering.ingress[side].filter((r) => r.existingRuleId).map((r) => [peeringAddress.ingressRule(peering, r), r.existingRuleId as string] as const),
    ]),
  ];
}

/** The expression a side's routes must resolve to: the connection (or the external requester's id), or the acceptance. */
function targetOf(peering: Peering, side: Side): string {
  const requested = isManaged(peering, "requester") ? `${peeringAddress.connection(peering)}.id` : `"${peering.incomingConnectionId}"`;
  const accepted = peering.needsAccepter && isManaged(peering, "accepter") ? `${peeringAddress.accepter(peering)}.id` : requested;
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
    assertions.push([`${connection}.auto_accept == true`, `${peering.name}: a same-account, same-region peering auto-accepts`]);
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
      const expected = peering.sameAccount ? rule.source.securityGroupId : `${rule.source.ownerAccountId}/${rule.source.securityGroupId}`;
      assertions.push([
        `${peeringAddress.ingressRule(peering, rule)}.referenced_security_group_id == "${expected}"`,
        `${peering.name}: ${rule.path} must reference the peer security group ${expected}`,
      ]);
    }
  }
  return assertions;
}

/**
 * The mocked test of a bootstrap stack: each role it creates keeps sessions
 * to one hour and carries its inline policy.
 */
export function renderBootstrapMockTest(roleIds: readonly string[]): string {
  const lines = ["# Written by scripts/terraform-check.ts: a mocked apply of this stack.", "", 'mock_provider "aws" {}', "", 'run "mocked_apply" {', "  command = apply"];
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
