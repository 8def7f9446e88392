import type { PeeringIngressRule } from "./network";

/**
 * Turns a config value (a CIDR, an id) into a part of a key or a Terraform
 * address: dots and colons become `-`, the prefix slash becomes `_`, so
 * `10.1.0.0/16` → `10-1-0-0_16` and `2600:1f18::/56` → `2600-1f18--_56`.
 */
export function addressPart(value: string): string {
  return value
    .replace(/[.:]/g, "-")
    .replace(/\//g, "_")
    .replace(/[^A-Za-z0-9_-]/g, "-");
}

/**
 * What makes an ingress rule one AWS rule: security group, protocol and ports,
 * source (`<security group>_<protocol>[-<from>[-<to>]]_from_<source>`), without
 * the side that asked for it. Two rules with the same key are the same AWS
 * rule: validation rejects that (`unique-ingress-rules`), and the constructs
 * build the rule's Terraform address from it (`constructs/address.ts`).
 */
export function ingressRuleKey(rule: PeeringIngressRule): string {
  const ports =
    rule.fromPort === undefined || rule.fromPort === -1
      ? ""
      : rule.fromPort === rule.toPort
        ? `-${rule.fromPort}`
        : `-${rule.fromPort}-${rule.toPort}`;
  const source =
    rule.source.kind === "securityGroup" ? rule.source.securityGroupId : addressPart(rule.source.cidr.text);
  return `${rule.securityGroupId}_${rule.protocol}${ports}_from_${source}`;
}
