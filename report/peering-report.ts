import type { Finding } from "../core/finding";
import {
  isManaged,
  type Network,
  type Peering,
  type PeeringIngressRule,
  SIDES,
  type Side,
  vpcOf,
} from "../model/network";
import { portsText } from "../reachability/wording";
import { cell } from "./markdown-cell";
import { outputsAndChecksSection } from "./outputs-and-checks-section";
import { renderReachabilitySection } from "./reachability-section";
import type { StackSummary } from "./stack-summary";
import { renderTopologyDiagram } from "./topology-diagram";
import { renderZoneSection } from "./zone-section";

/** What the report is made of. */
export interface PeeringReportInput {
  readonly network: Network;
  /** Validation warnings: reviewers see them even when synthesis went on. */
  readonly warnings: readonly Finding[];
  /** One summary per synthesized stack. */
  readonly stacks: readonly StackSummary[];
}

/**
 * The data-transfer cost class of a peering (no prices: they change and
 * differ by region). AWS bills VPC peering traffic like traffic between
 * availability zones: free within one AZ (same AZ id), billed per GB across
 * AZs, and billed per GB as inter-region transfer across regions.
 */
export function dataTransferClass(peering: Pick<Peering, "sameRegion">): string {
  return peering.sameRegion
    ? "same region: free within one AZ (same AZ id), billed per GB across AZs"
    : "inter-region: billed per GB as inter-region data transfer";
}

/** One line per ingress rule as written in the config (a `peerVpc` source counts once). */
function ingressText(peering: Peering, side: Side): string {
  const byPath = new Map<string, PeeringIngressRule[]>();
  for (const rule of peering.ingress[side]) byPath.set(rule.path, [...(byPath.get(rule.path) ?? []), rule]);
  if (byPath.size === 0) return "none";
  return [...byPath.values()]
    .map((rules) => {
      const [rule] = rules;
      const source =
        rule.source.kind === "securityGroup"
          ? `security group ${rule.source.securityGroupId}`
          : rule.fromPeerVpc
            ? `peer VPC (${rules.map((r) => (r.source.kind === "cidr" ? r.source.cidr.text : "")).join(", ")})`
            : `CIDR ${rule.source.cidr.text}`;
      return `${rule.securityGroupId} ← ${source}, ${portsText(rule)}`;
    })
    .join("<br>");
}

function routesText(peering: Peering, side: Side): string {
  const routes = peering.routes[side];
  const tables = new Set(routes.map((r) => r.routeTableId));
  return routes.length === 0 ? "none" : `${routes.length} in ${tables.size} route table${tables.size === 1 ? "" : "s"}`;
}

/** How the peering comes about: who accepts, and whether it is adopted, one-sided or protected. */
function lifecycleText(peering: Peering): string {
  const parts = [
    !isManaged(peering, "accepter")
      ? "external accepter: stays pending until its owner accepts"
      : !isManaged(peering, "requester")
        ? peering.incomingConnectionId
          ? `external requester: we accept ${peering.incomingConnectionId}`
          : "external requester: accepted before adoption"
        : peering.needsAccepter
          ? "accepted by the accepter's provider"
          : "auto-accepted by the requester",
  ];
  if (peering.existingConnectionId) parts.push(`adopted: imports ${peering.existingConnectionId}`);
  if (peering.previousName) parts.push(`renamed from ${peering.previousName} (moved, not replaced)`);
  parts.push(peering.protect ? "protected (prevent_destroy)" : "not protected");
  return parts.join("; ");
}

function peeringSection(peering: Peering): string[] {
  const row = (label: string, value: (side: Side) => string) =>
    `| ${label} | ${SIDES.map((side) => cell(value(side))).join(" | ")} |`;
  const accountText = (side: Side) => {
    const { account } = vpcOf(peering, side);
    return account.external ? `external (${account.accountId})` : `${account.name} (${account.accountId})`;
  };
  return [
    `### ${peering.name}`,
    "",
    `${peering.sameAccount ? "Same account" : "Cross-account"}, ${peering.sameRegion ? "same region" : "inter-region"}; ${lifecycleText(peering)}. Data transfer: ${dataTransferClass(peering)}.`,
    "",
    "| | requester | accepter |",
    "| --- | --- | --- |",
    row("account", accountText),
    row("VPC", (side) => `${vpcOf(peering, side).name} (${vpcOf(peering, side).vpcId})`),
    row("region", (side) => vpcOf(peering, side).region),
    row("DNS resolution of the peer", () => (peering.dnsResolution ? "on" : "off")),
    row("routes", (side) => routesText(peering, side)),
    row("ingress rules", (side) => ingressText(peering, side)),
    "",
  ];
}

function stackSection(stack: StackSummary): string[] {
  const counts = Object.entries(stack.resourceCounts).sort(([a], [b]) => a.localeCompare(b));
  const total = counts.reduce((sum, [, n]) => sum + n, 0);
  return [
    `### ${stack.name}`,
    "",
    "| resource type | count |",
    "| --- | ---: |",
    ...counts.map(([type, n]) => `| ${type} | ${n} |`),
    `| **total** | **${total}** |`,
    "",
    "| provider | account | region | assumes role |",
    "| --- | --- | --- | --- |",
    ...stack.providers.map(
      (p) =>
        `| ${p.alias ? `aws.${p.alias}` : "aws (default)"} | ${p.accountId} | ${p.region} | ${p.roleArn ?? "caller's credentials"} |`,
    ),
    "",
  ];
}

/** One warning of the report: open (⚠️), or acknowledged (✅) with the config's reason. */
function warningLine(w: Finding): string {
  const rule = w.rule ? ` (${w.rule})` : "";
  if (w.acknowledged !== undefined)
    return `- ✅ acknowledged: \`${w.path}\`${rule}: ${w.message}. Reason: ${w.acknowledged}`;
  return `- ⚠️ \`${w.path}\`${rule}: ${w.message}`;
}

/**
 * The Markdown report a reviewer reads instead of raw Terraform JSON: the
 * topology as a Mermaid diagram, a table per peering, what each stack holds
 * and which accounts it acts in, and every validation warning.
 */
export function renderPeeringReport(input: PeeringReportInput): string {
  const { network, warnings, stacks } = input;
  const peerings = [...network.peerings].sort((a, b) => a.name.localeCompare(b.name));
  return [
    `# VPC peering report: ${network.project}`,
    "",
    `${peerings.length} peering${peerings.length === 1 ? "" : "s"} in ${stacks.length} stack${stacks.length === 1 ? "" : "s"}. Solid edges stay in one region; dashed edges cross regions.`,
    "",
    "```mermaid",
    renderTopologyDiagram(network),
    "```",
    "",
    "## Warnings",
    "",
    ...(warnings.length === 0 ? ["None."] : warnings.map(warningLine)),
    "",
    "## Peerings",
    "",
    ...peerings.flatMap(peeringSection),
    ...renderReachabilitySection(network),
    "## Stacks",
    "",
    ...stacks.flatMap(stackSection),
    ...renderZoneSection(network),
    ...outputsAndChecksSection(network),
  ].join("\n");
}
