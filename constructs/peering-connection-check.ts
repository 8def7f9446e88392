import { type TerraformProvider, TerraformStack } from "cdktf";
import type { Construct } from "constructs";
import { awaitsExternalAcceptance, type Peering } from "../model/network";
import { peeringCheckName } from "../model/peering-output-names";
import { literal } from "./terraform-literal";

/** Terraform JSON of one `check` block with a scoped data source (Terraform >= 1.5). */
export interface CheckBlockJson {
  readonly data: Record<string, Record<string, Record<string, string>>>;
  readonly assert: ReadonlyArray<{ readonly condition: string; readonly error_message: string }>;
}

/** Where a peering's check reads the connection: the id of a managed resource, through that resource's provider. */
export interface CheckTarget {
  /** Expression of the managed connection's (or accepter's) id, e.g. `${aws_vpc_peering_connection.p_connection.id}`. */
  readonly connectionId: string;
  /** The provider, as Terraform JSON names it (`aws.<alias>`). */
  readonly provider: string;
}

/**
 * The `check` block of a peering: an `aws_vpc_peering_connection` data source
 * scoped to the check, read by id (one DescribeVpcPeeringConnections call on
 * every plan and apply), and assertions that its status is `active`.
 * Terraform reports a failed assertion (or a failed read, e.g. a connection
 * AWS no longer lists) as a warning; it never stops a plan or an apply.
 *
 * With an external accepter that has not accepted yet, the first assertion
 * says that the connection is still waiting for them (status
 * `pending-acceptance`); the second one fails on any other status but `active`.
 * The messages hold no quotes, so that the HCL output writes them as they are.
 */
export function connectionCheckBlock(peering: Peering, target: CheckTarget): CheckBlockJson {
  const name = peeringCheckName(peering.name);
  const data = `data.aws_vpc_peering_connection.${name}`;
  const subject = `VPC peering ${literal(peering.name)} (\${${data}.id})`;
  const notActive = {
    condition: `\${${data}.status == "active"}`,
    error_message: `${subject} is \${${data}.status}, not active: it was deleted, rejected or changed outside Terraform, and no traffic flows through it; terraform plan shows what Terraform would recreate.`,
  };
  const waiting = {
    condition: `\${${data}.status != "pending-acceptance"}`,
    error_message: `${subject} is still waiting for acceptance: account ${literal(peering.accepter.account.accountId)} must accept it in ${literal(peering.accepter.region)} for VPC ${literal(peering.accepter.vpcId)}; no traffic flows until then. Once accepted, add existing: { peeringConnectionId } to the peering (README: Peering with VPCs you do not control).`,
  };
  const otherThanWaiting = {
    condition: `\${${data}.status == "active" || ${data}.status == "pending-acceptance"}`,
    error_message: notActive.error_message,
  };
  return {
    data: { aws_vpc_peering_connection: { [name]: { provider: target.provider, id: target.connectionId } } },
    assert: awaitsExternalAcceptance(peering) ? [waiting, otherThanWaiting] : [notActive],
  };
}

/**
 * Adds a peering's `check` block to its stack. cdktf 0.21 has no construct
 * for check blocks, so it is written as a raw override at `check.<name>`.
 * The connection is read through the provider of the resource the stack
 * manages for it: the requester's connection, else the accepter.
 */
export function addConnectionCheck(
  scope: Construct,
  peering: Peering,
  resource: { readonly id: string; readonly provider?: TerraformProvider },
): void {
  if (!resource.provider) throw new Error(`peerings.${peering.name}: its connection has no provider`);
  const block = connectionCheckBlock(peering, { connectionId: resource.id, provider: resource.provider.fqn });
  TerraformStack.of(scope).addOverride(`check.${peeringCheckName(peering.name)}`, block);
}
