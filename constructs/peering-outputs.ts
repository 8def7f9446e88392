import { TerraformOutput } from "cdktf";
import type { Construct } from "constructs";
import type { Peering } from "../model/network";
import { PEERINGS_OUTPUT, type PeeringOutputValue, peeringOutputName } from "../model/peering-output-names";
import { literal } from "./terraform-literal";
import type { VpcPeering } from "./vpc-peering";

/**
 * What one peering's output holds: the connection id and accept status come
 * from the resources of the stack (the accepter's, when the stack accepts, as
 * the requester's own `accept_status` is read before the acceptance); the
 * VPC ids and the accepter region are config values, through {@link literal}.
 *
 * - Requester ours: `aws_vpc_peering_connection.<p>_connection.id`; the
 *   status of the accepter resource if the stack accepts, else the
 *   connection's (`active` when auto-accepted, `pending-acceptance` while an
 *   external accepter has not accepted).
 * - Requester external: the accepter resource's id and status.
 */
export function peeringOutputValue(
  peering: Peering,
  resources: Pick<VpcPeering, "accepter" | "connectionOwner">,
): PeeringOutputValue {
  return {
    connection_id: resources.connectionOwner.id,
    accept_status: (resources.accepter ?? resources.connectionOwner).acceptStatus,
    requester_vpc_id: literal(peering.requester.vpcId),
    accepter_vpc_id: literal(peering.accepter.vpcId),
    accepter_region: literal(peering.accepter.region),
  };
}

/**
 * The outputs of a peering stack: one `peering_<name>` per peering (see
 * {@link peeringOutputName}) and `peerings_by_name`, every peering of the
 * stack keyed by its peering name. Both are written in every stack, the map
 * empty in a stack without peerings, so that readers of the remote state
 * always find it.
 *
 * The outputs sit directly under the stack: their ids hold `_`, which no
 * peering name (a sibling construct id) can.
 */
export function addPeeringOutputs(
  stack: Construct,
  peerings: ReadonlyArray<{ readonly peering: Peering; readonly resources: VpcPeering }>,
): void {
  const byName: Record<string, PeeringOutputValue> = {};
  for (const { peering, resources } of peerings) {
    const value = peeringOutputValue(peering, resources);
    new TerraformOutput(stack, peeringOutputName(peering.name), {
      value,
      description: literal(
        `VPC peering ${peering.name}: connection id, accept status, requester and accepter VPC ids, accepter region`,
      ),
    });
    byName[literal(peering.name)] = value;
  }
  new TerraformOutput(stack, PEERINGS_OUTPUT, {
    value: byName,
    description:
      "Every VPC peering of this stack by peering name: connection id, accept status, VPC ids, accepter region",
  });
}
