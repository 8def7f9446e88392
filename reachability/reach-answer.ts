import { type Cidr, cidrContains, cidrsOverlap } from "../core/cidr";
import {
  carriedBlocks,
  type Network,
  otherSide,
  type Peering,
  type PeeringIngressRule,
  type Side,
} from "../model/network";
import { coverAll, outermostInside } from "./block-coverage";
import { sidePathLines } from "./hop-lines";
import type { ReachPort, ReachQuestion } from "./reach-arguments";
import { indexRouteTables } from "./route-tables";
import { sidePath } from "./side-path";
import { portsText } from "./wording";

/** The answer of `npm run reach`: the verdict and every hop explained. */
export interface ReachAnswer {
  /** True when every address asked about is routed there, admitted and routed back. */
  readonly reachable: boolean;
  /** The explanation, one hop after another, ending with the verdict. */
  readonly lines: readonly string[];
}

function opensPort(rule: PeeringIngressRule, port: ReachPort): boolean {
  if (rule.protocol === "all") return true;
  if (rule.protocol !== port.protocol || rule.fromPort === undefined || rule.toPort === undefined) return false;
  return rule.fromPort <= port.port && port.port <= rule.toPort;
}

/** Whether a CIDR rule's source shares an address with `block`. */
function overlapsSource(block: Cidr, rule: PeeringIngressRule): boolean {
  return rule.source.kind === "cidr" && cidrsOverlap(block, rule.source.cidr);
}

/** How much of `block` the rules admit: all, some blocks inside it, or none. */
function admittedPart(block: Cidr, rules: readonly PeeringIngressRule[]): "all" | Cidr[] {
  const cidrs: Cidr[] = [];
  for (const rule of rules) {
    if (rule.source.kind === "securityGroup") return "all";
    if (cidrContains(rule.source.cidr, block)) return "all";
    cidrs.push(rule.source.cidr);
  }
  const inside = outermostInside(block, cidrs);
  return coverAll(block, inside) ? "all" : inside;
}

function admissionLines(
  peering: Peering,
  side: Side,
  question: ReachQuestion,
  sources: readonly Cidr[],
): { admitted: boolean; lines: string[] } {
  const { to, port } = question;
  const onSide = peering.ingress[side].filter(
    (rule) => to.kind === "vpc" || rule.securityGroupId === to.securityGroupId,
  );
  const matching = onSide.filter(
    (rule) =>
      opensPort(rule, port) && (rule.source.kind === "securityGroup" || sources.some((s) => overlapsSource(s, rule))),
  );
  const lines = matching.map(
    (rule) =>
      `✓ ${rule.securityGroupId} admits ${rule.source.kind === "securityGroup" ? `members of ${rule.source.securityGroupId}` : rule.source.cidr.text} on ${portsText(rule)} (${rule.path})`,
  );
  let admitted = true;
  for (const source of sources) {
    const part = admittedPart(source, matching);
    if (part === "all") continue;
    admitted = false;
    lines.push(
      part.length === 0
        ? `✗ no ingress rule of the config admits ${source.text} on ${port.protocol} ${port.port} there`
        : `✗ of ${source.text}, only ${part.map((b) => b.text).join(", ")} is admitted on ${port.protocol} ${port.port}`,
    );
  }
  if (onSide.length > matching.length) {
    const others = onSide.filter((rule) => !matching.includes(rule));
    lines.push(
      `  (other rules there: ${others.map((r) => `${r.securityGroupId} ← ${r.source.kind === "securityGroup" ? r.source.securityGroupId : r.source.cidr.text} ${portsText(r)}`).join("; ")})`,
    );
  }
  if (matching.some((rule) => rule.source.kind === "securityGroup"))
    lines.push("  (a security group source admits the sender only if it is a member of that group)");
  return { admitted, lines };
}

/**
 * Answers `npm run reach` from the config alone: whether the sender's route
 * tables send the traffic through the peering to the target's VPC, whether an
 * ingress rule of the config admits it on the port, and whether the target's
 * route tables send the replies back through the same peering (longest prefix
 * match over every route of the config). Static analysis: routes, security
 * groups and network ACLs made outside the config are not seen.
 */
export function answerReach(network: Network, question: ReachQuestion): ReachAnswer {
  const { from, to, port } = question;
  const target = to.kind === "securityGroup" ? `security group ${to.securityGroupId} in ${to.vpc.name}` : to.vpc.name;
  const fromText = from.block ? `${from.block.text} in ${from.vpc.name}` : `any address of ${from.vpc.name}`;
  const head = `from ${fromText} to ${target}, ${port.protocol} ${port.port} (static analysis of the config, not of AWS):`;
  const peering = network.peerings.find(
    (p) => (p.requester === from.vpc && p.accepter === to.vpc) || (p.accepter === from.vpc && p.requester === to.vpc),
  );
  if (!peering) {
    return {
      reachable: false,
      lines: [
        head,
        `✗ no peering of the config joins ${from.vpc.name} and ${to.vpc.name}; peering is not transitive, so traffic never crosses through a third VPC`,
        "NOT REACHABLE: no peering",
      ],
    };
  }
  const routeTables = indexRouteTables(network);
  const fromSide: Side = peering.requester === from.vpc ? "requester" : "accepter";
  const toSide = otherSide(fromSide);
  const carried = carriedBlocks(peering, fromSide);
  const sources = from.block ? [from.block] : carried;
  if (!sources.every((s) => carried.some((c) => c.family === s.family))) {
    return {
      reachable: false,
      lines: [
        head,
        `✗ peerings.${peering.name} carries no IPv6: only one of ${peering.requester.name} and ${peering.accepter.name} has IPv6 blocks`,
        "NOT REACHABLE: the peering does not carry this address family",
      ],
    };
  }
  const families = new Set(sources.map((s) => s.family));
  const destinations = carriedBlocks(peering, toSide).filter((b) => families.has(b.family));
  const there = sidePath(routeTables, peering, fromSide, destinations);
  const admission = admissionLines(peering, toSide, question, sources);
  const back = sidePath(routeTables, peering, toSide, sources);
  const indent = (lines: readonly string[]) => lines.map((line) => `   ${line}`);
  const verdict = [
    there.complete ? "" : "not routed there",
    admission.admitted ? "" : "not admitted",
    back.complete ? "" : "replies not routed back",
  ].filter((reason) => reason !== "");
  return {
    reachable: verdict.length === 0,
    lines: [
      head,
      `1. routed there through peerings.${peering.name}: ${there.complete ? "✓" : "✗"} ${from.vpc.name}'s route tables toward ${destinations.map((d) => d.text).join(", ")}`,
      ...indent(sidePathLines(there)),
      ...(to.kind === "securityGroup"
        ? [
            `   (which addresses the members of ${to.securityGroupId} have is not in the config: every block of ${to.vpc.name} is checked)`,
          ]
        : []),
      `2. admitted on ${port.protocol} ${port.port}: ${admission.admitted ? "✓" : "✗"}`,
      ...indent(admission.lines.length === 0 ? ["✗ no ingress rule of the config on this side"] : admission.lines),
      `3. replies routed back through peerings.${peering.name}: ${back.complete ? "✓" : "✗"} ${to.vpc.name}'s route tables toward ${sources.map((s) => s.text).join(", ")}`,
      ...indent(sidePathLines(back)),
      verdict.length === 0 ? "REACHABLE" : `NOT REACHABLE: ${verdict.join(", ")}`,
    ],
  };
}
