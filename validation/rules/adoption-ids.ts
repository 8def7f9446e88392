import { error, type Finding, pathOf } from "../../core/finding";
import { managedSides } from "../../model/network";
import type { NetworkRule } from "../rule";

/**
 * An adopted peering (`existing`) imports every ingress rule the config
 * describes for it, and AWS identifies a rule only by its `sgr-` id, so each
 * rule of an adopted peering names its id per source. Such ids on a peering
 * that is not adopted would import rules Terraform is about to create.
 */
export const adoptionIds: NetworkRule = {
  id: "adoption-ids",
  description: "Adopted peerings name the sgr- id of every ingress rule; others name none.",
  check(network) {
    const findings: Finding[] = [];
    for (const peering of network.peerings) {
      const reported = new Set<string>();
      for (const side of managedSides(peering)) {
        for (const rule of peering.ingress[side]) {
          const key = rule.source.kind === "cidr" ? rule.source.cidr.text : rule.source.securityGroupId;
          if (peering.existingConnectionId && !rule.existingRuleId) {
            findings.push(
              error(
                `${rule.path}.existingRuleIds`,
                `peerings.${peering.name} is adopted (existing), so this rule is imported and needs the sgr- id AWS gave it: existingRuleIds: { "${key}": "sgr-..." } (aws ec2 describe-security-group-rules --filters Name=group-id,Values=${rule.securityGroupId})`,
              ),
            );
          } else if (!peering.existingConnectionId && rule.existingRuleId && !reported.has(rule.path)) {
            reported.add(rule.path);
            findings.push(
              error(
                `${rule.path}.existingRuleIds`,
                `peerings.${peering.name} is not adopted, so Terraform creates this rule; remove existingRuleIds, or adopt the peering with existing: { peeringConnectionId }`,
              ),
            );
          }
        }
      }
      if (peering.previousName !== undefined) {
        const clash = network.peerings.find((p) => p.name === peering.previousName);
        if (clash) {
          findings.push(
            error(
              pathOf("peerings", peering.name, "previousName"),
              clash === peering
                ? "previousName is the peering's current name; remove it once the rename has been applied"
                : `peerings.${peering.previousName} still exists, so its resources cannot move here; rename or remove that peering first`,
            ),
          );
        }
      }
    }
    return findings;
  },
};
