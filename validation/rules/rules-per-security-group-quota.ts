import { error } from "../../core/finding";
import { SIDES } from "../../model/network";
import type { NetworkRule } from "../rule";
import { Tally } from "../tally";

/**
 * A security group gets no more inbound rules from the config than its quota
 * (default 60; IPv4 and IPv6 rules counted apart, a security group reference
 * counting in both, as AWS does).
 */
export const rulesPerSecurityGroupQuota: NetworkRule = {
  id: "rules-per-security-group-quota",
  description: "Inbound rules per security group stay within the quota.",
  check(network) {
    const quota = network.quotas.inboundRulesPerSecurityGroup;
    const tally = new Tally();
    for (const peering of network.peerings) {
      for (const side of SIDES) {
        for (const rule of peering.ingress[side]) {
          const families = rule.source.kind === "cidr" ? [rule.source.family] : ["ipv4", "ipv6"];
          for (const family of families) tally.add(`${rule.securityGroupId} ${family}`, rule.path);
        }
      }
    }
    return tally.over(quota).map(({ key, count, firstPath }) => {
      const [securityGroupId, family] = key.split(" ");
      return error(
        firstPath,
        `${securityGroupId} would get ${count} inbound ${family === "ipv4" ? "IPv4" : "IPv6"} rules from this config, over the quota of ${quota}; use { peerVpc: true } or a security group reference instead of many CIDRs, or ask AWS to raise the quota and set quotas.inboundRulesPerSecurityGroup`,
      );
    });
  },
};
