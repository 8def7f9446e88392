import type { Network, Vpc } from "../model/network";

/** A Mermaid node id for a name: letters, digits and underscores only. */
export function mermaidId(prefix: string, name: string): string {
  return `${prefix}_${name.replace(/[^A-Za-z0-9]/g, "_")}`;
}

function vpcLabel(vpc: Vpc): string {
  return [vpc.name, vpc.region, ...vpc.cidrBlocks.map((c) => c.text), ...vpc.ipv6CidrBlocks.map((c) => c.text)].join(
    "<br/>",
  );
}

/**
 * The topology as a Mermaid flowchart, which GitHub renders inline: one
 * subgraph per account holding its VPCs (with their CIDRs), one edge per
 * peering from requester to accepter labelled with the peering's name, solid
 * within a region and dashed across regions. VPCs that take part in no
 * peering are left out; external VPCs sit in an "external account" subgraph.
 */
export function renderTopologyDiagram(network: Network): string {
  const used = new Set(network.peerings.flatMap((p) => [p.requester.name, p.accepter.name]));
  const lines = ["flowchart LR"];
  const externalAccounts = [...network.vpcs.values()].filter((vpc) => vpc.account.external).map((vpc) => vpc.account);
  const accounts = [
    ...new Map([...network.accounts.values(), ...externalAccounts].map((a) => [a.name, a])).values(),
  ].sort((a, b) => a.name.localeCompare(b.name));
  for (const account of accounts) {
    const vpcs = [...network.vpcs.values()]
      .filter((vpc) => vpc.account.name === account.name && used.has(vpc.name))
      .sort((a, b) => a.name.localeCompare(b.name));
    if (vpcs.length === 0) continue;
    const title = account.external
      ? `external account ${account.accountId}`
      : `account ${account.name} (${account.accountId})`;
    const id = account.external ? mermaidId("external", account.accountId) : mermaidId("account", account.name);
    lines.push(`  subgraph ${id}["${title}"]`);
    for (const vpc of vpcs) lines.push(`    ${mermaidId("vpc", vpc.name)}["${vpcLabel(vpc)}"]`);
    lines.push("  end");
  }
  const peerings = [...network.peerings].sort((a, b) => a.name.localeCompare(b.name));
  for (const peering of peerings) {
    const from = mermaidId("vpc", peering.requester.name);
    const to = mermaidId("vpc", peering.accepter.name);
    lines.push(
      peering.sameRegion ? `  ${from} -- "${peering.name}" --> ${to}` : `  ${from} -. "${peering.name}" .-> ${to}`,
    );
  }
  return lines.join("\n");
}
