import type { Network, Peering } from "../model/network";
import { awaitsExternalAcceptance } from "../model/network";
import { PEERINGS_OUTPUT, peeringCheckName, peeringOutputName } from "../model/peering-output-names";
import { planStacks } from "../model/stacks";

/** What a peering's check asserts, in words. */
function checkText(peering: Peering, checks: boolean): string {
  if (!checks) return "off (`checks: false`)";
  const name = `\`check.${peeringCheckName(peering.name)}\``;
  return awaitsExternalAcceptance(peering)
    ? `${name}: status \`active\`; says it is still waiting while account ${peering.accepter.account.accountId} has not accepted`
    : `${name}: status \`active\``;
}

/**
 * The report's section on outputs and checks: per stack, each peering's
 * output and `check` block, and the map output every stack writes.
 */
export function outputsAndChecksSection(network: Network): string[] {
  const rows = planStacks(network).flatMap((plan) =>
    plan.peerings.map(
      (peering) =>
        `| ${plan.name} | ${peering.name} | \`${peeringOutputName(peering.name)}\` | ${checkText(peering, network.checks)} |`,
    ),
  );
  return [
    "## Outputs and checks",
    "",
    `Every peering stack writes \`${PEERINGS_OUTPUT}\` (its peerings by name) and one output per peering: connection id, accept status, requester and accepter VPC ids, accepter region (\`terraform output -json\` in the stack's folder). ${
      network.checks
        ? "Each check reads its connection on every plan and apply (one DescribeVpcPeeringConnections call) and warns, without failing, when it is not active."
        : "Check blocks are off (`checks: false`)."
    }`,
    "",
    ...(rows.length === 0
      ? ["No peerings."]
      : ["| stack | peering | output | check |", "| --- | --- | --- | --- |", ...rows]),
    "",
  ];
}
