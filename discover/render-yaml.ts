import { Document, isMap, isPair, isScalar, visit } from "yaml";
import type { DiscoveredConfig } from "./build-config";

/**
 * The discovered config as YAML: a header saying where it came from, notes
 * above the peerings they concern, the peerings that are not active as
 * comments after the last peering (with their state), and the VPCs without
 * peerings as comments after the VPCs. Lists of scalars are written inline.
 * The same config gives the same bytes (no timestamps, key order as built).
 */
export function renderYaml(discovered: DiscoveredConfig, header: readonly string[] = []): string {
  const doc = new Document(discovered.config);
  visit(doc, {
    Seq(_, node) {
      if (node.items.every((item) => isScalar(item))) node.flow = true;
    },
    Map(_, node) {
      // Short maps of scalars (existing, source, existingRuleIds) read best inline.
      if (node.items.length === 1 && node.items.every((p) => isPair(p) && isScalar(p.value))) node.flow = true;
    },
  });
  doc.commentBefore = [
    " yaml-language-server: $schema=schema.json",
    "",
    " Written by npm run discover: every active peering is adopted as it is in AWS",
    " (existing, routes, ingress rules with their ids, dnsResolution; protect: true).",
    " Review it, then npm run synth and terraform plan: it should show imports only.",
    ...header.map((line) => ` ${line}`),
  ].join("\n");
  const root = doc.contents;
  if (isMap(root)) {
    const section = (key: string) => root.items.find((p) => isScalar(p.key) && p.key.value === key);
    const peerings = section("peerings");
    if (peerings && isMap(peerings.value)) {
      for (const pair of peerings.value.items) {
        const name = isScalar(pair.key) ? String(pair.key.value) : "";
        const lines = discovered.notes.filter((n) => n.peering === name).map((n) => ` NOTE: ${n.text}`);
        if (lines.length > 0 && isScalar(pair.key)) pair.key.commentBefore = lines.join("\n");
      }
    }
    const trailing = [
      ...(discovered.notes.some((n) => n.peering === undefined)
        ? [" Not adopted:", ...discovered.notes.filter((n) => n.peering === undefined).map((n) => `   ${n.text}`)]
        : []),
      ...(discovered.inactive.length > 0
        ? [
            " Peerings that are not active (not adopted; accept, fix or delete them in AWS):",
            ...discovered.inactive.map((l) => `   ${l}`),
          ]
        : []),
      ...(discovered.unpeeredVpcs.length > 0
        ? [
            " VPCs without an active peering (add them under vpcs when you peer them):",
            ...discovered.unpeeredVpcs.map((l) => `   ${l}`),
          ]
        : []),
    ];
    if (trailing.length > 0) doc.comment = trailing.join("\n");
  }
  return doc.toString({ lineWidth: 0, indentSeq: true, flowCollectionPadding: false });
}
