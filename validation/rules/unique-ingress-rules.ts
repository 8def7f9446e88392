import { error, type Finding } from "../../core/finding";
import { SIDES } from "../../model/network";
import { ingressRuleKey } from "../../model/rule-key";
import type { NetworkRule } from "../rule";

/**
 * A security group gets each (protocol, ports, source) once across all
 * peerings: AWS rejects a duplicate rule, and two resources for one rule would
 * fight over it.
 */
export const uniqueIngressRules: NetworkRule = {
  id: "unique-ingress-rules",
  description: "No security group gets the same rule twice.",
  check(network) {
    const findings: Finding[] = [];
    const firstAt = new Map<string, string>();
    for (const peering of network.peerings) {
      for (const side of SIDES) {
        for (const rule of peering.ingress[side]) {
          // The key has no side: the same group may be reached from two peerings.
          const key = ingressRuleKey(rule);
          const first = firstAt.get(key);
          if (first === undefined) firstAt.set(key, rule.path);
          else if (first !== rule.path) {
            const source = rule.source.kind === "cidr" ? rule.source.cidr.text : rule.source.securityGroupId;
            findings.push(
              error(
                rule.path,
                `${rule.securityGroupId} already gets ${rule.protocol}${rule.fromPort !== undefined && rule.fromPort >= 0 ? ` ${rule.fromPort}-${rule.toPort}` : ""} from ${source} at ${first}; AWS rejects duplicate rules, keep one`,
              ),
            );
          }
        }
      }
    }
    return findings;
  },
};
