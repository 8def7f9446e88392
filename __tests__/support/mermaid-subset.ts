/**
 * A parser for the subset of Mermaid flowchart syntax the report emits.
 * The `mermaid` package needs a browser DOM to parse, so the report's
 * diagrams are checked against this grammar instead:
 *
 *   diagram  := "flowchart LR" line*
 *   line     := subgraph | "end" | node | edge
 *   subgraph := "subgraph" ID '["' LABEL '"]'
 *   node     := ID '["' LABEL '"]'
 *   edge     := ID ' -- "' LABEL '" --> ' ID      (solid)
 *             | ID ' -. "' LABEL '" .-> ' ID      (dashed)
 *
 * IDs are letters, digits and underscores; labels contain no double quote.
 */
export interface ParsedFlowchart {
  readonly subgraphs: string[];
  readonly nodes: Map<string, string>;
  readonly edges: Array<{ from: string; to: string; label: string; dashed: boolean }>;
}

const ID = "[A-Za-z_][A-Za-z0-9_]*";
const LABEL = '[^"]+';
const SUBGRAPH = new RegExp(`^subgraph (${ID})\\["(${LABEL})"\\]$`);
const NODE = new RegExp(`^(${ID})\\["(${LABEL})"\\]$`);
const SOLID = new RegExp(`^(${ID}) -- "(${LABEL})" --> (${ID})$`);
const DASHED = new RegExp(`^(${ID}) -\\. "(${LABEL})" \\.-> (${ID})$`);

/** Parses a diagram; throws naming the first line that is not in the subset or breaks its structure. */
export function parseFlowchart(text: string): ParsedFlowchart {
  const [header, ...lines] = text.split("\n");
  if (header !== "flowchart LR") throw new Error(`line 1: expected "flowchart LR", got "${header}"`);
  const result: ParsedFlowchart = { subgraphs: [], nodes: new Map(), edges: [] };
  let depth = 0;
  lines.forEach((raw, index) => {
    const line = raw.trim();
    const where = `line ${index + 2} ("${raw}")`;
    const subgraph = line.match(SUBGRAPH);
    const node = line.match(NODE);
    const edge = line.match(SOLID) ?? line.match(DASHED);
    if (subgraph) {
      if (depth > 0) throw new Error(`${where}: nested subgraph`);
      result.subgraphs.push(subgraph[1]);
      depth++;
    } else if (line === "end") {
      if (depth === 0) throw new Error(`${where}: "end" without a subgraph`);
      depth--;
    } else if (node) {
      if (result.nodes.has(node[1])) throw new Error(`${where}: node ${node[1]} declared twice`);
      result.nodes.set(node[1], node[2]);
    } else if (edge) {
      const [, from, label, to] = edge;
      for (const id of [from, to]) if (!result.nodes.has(id)) throw new Error(`${where}: edge to undeclared node ${id}`);
      result.edges.push({ from, to, label, dashed: DASHED.test(line) });
    } else {
      throw new Error(`${where}: not in the flowchart subset`);
    }
  });
  if (depth !== 0) throw new Error("a subgraph is not closed with end");
  return result;
}
