import type { PeeringIngressRule, ZoneShare } from "./network";

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

/**
 * What names one zone association of a peering: the zone's name with its dots written `_` (zone
 * names take no `_`, so this is one-to-one), `_to_` and the VPC that resolves it, e.g.
 * `shared_internal_example_to_app-use1`. Two zones of one name cannot be associated with one VPC
 * (`hosted-zone-name-conflicts`), so the key is unique within a peering.
 */
export function zoneShareKey(share: Pick<ZoneShare, "zone" | "vpc">): string {
  return `${share.zone.name.replace(/\./g, "_")}_to_${share.vpc.name}`;
}
