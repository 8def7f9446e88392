import type { PeeringIngressRule } from "../model/network";

/** What an ingress rule opens, in words: `tcp 443`, `tcp 8080-8081`, `icmp (all types)`, `all traffic`. */
export function portsText(rule: Pick<PeeringIngressRule, "protocol" | "fromPort" | "toPort">): string {
  if (rule.protocol === "all") return "all traffic";
  if (rule.fromPort === undefined || rule.fromPort === -1) return `${rule.protocol} (all types)`;
  return rule.fromPort === rule.toPort
    ? `${rule.protocol} ${rule.fromPort}`
    : `${rule.protocol} ${rule.fromPort}-${rule.toPort}`;
}

/** Whom an ingress rule admits, in words: `10.0.1.0/24`, or `members of sg-… (in 10.0.0.0/16)`. */
export function sourceText(
  rule: Pick<PeeringIngressRule, "source">,
  sources: readonly { readonly text: string }[],
): string {
  return rule.source.kind === "securityGroup"
    ? `members of ${rule.source.securityGroupId} (in ${sources.map((s) => s.text).join(", ")})`
    : rule.source.cidr.text;
}
