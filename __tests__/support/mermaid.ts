import { readFileSync } from "node:fs";
import { JSDOM } from "jsdom";

/** What a flowchart holds, as Mermaid's own parser reads it. */
export interface ParsedFlowchart {
  /** Subgraph ids, in order. */
  readonly subgraphs: string[];
  /** Node labels by node id (Mermaid writes `<br/>` back as `<br>`). */
  readonly nodes: Map<string, string>;
  readonly edges: Array<{ from: string; to: string; label: string; dashed: boolean }>;
}

/** The parts of the Mermaid API the tests call. */
interface Mermaid {
  parse(text: string): Promise<unknown>;
  mermaidAPI: {
    getDiagramFromText(text: string): Promise<{
      db: {
        getVertices(): Map<string, { text?: string }>;
        getEdges(): Array<{ start: string; end: string; text: string; stroke: string }>;
        getSubGraphs(): Array<{ id: string }>;
      };
    }>;
  };
}

let loaded: Mermaid | undefined;

/**
 * Mermaid itself (the `mermaid` package's browser bundle), run inside a jsdom
 * window: its parser needs a DOM, which jsdom provides. Loaded once per test
 * file (about a second).
 */
export function mermaid(): Mermaid {
  if (loaded) return loaded;
  const dom = new JSDOM("<!doctype html><html><body></body></html>", {
    runScripts: "outside-only",
    pretendToBeVisual: true,
  });
  const window = dom.window as unknown as {
    eval(code: string): unknown;
    mermaid: Mermaid;
    __esbuild_esm_mermaid_nm: object;
  };
  // The bundle declares its namespace with `var` under "use strict", which an
  // eval keeps local; declared on the window instead, the bundle's last line finds it.
  window.__esbuild_esm_mermaid_nm = {};
  const bundle = readFileSync(require.resolve("mermaid/dist/mermaid.min.js"), "utf8").replace(
    "var __esbuild_esm_mermaid_nm;",
    "",
  );
  window.eval(bundle);
  loaded = window.mermaid;
  return loaded;
}

/** Parses a flowchart with Mermaid's parser; rejects with Mermaid's error when the text is not valid Mermaid. */
export async function parseFlowchart(text: string): Promise<ParsedFlowchart> {
  await mermaid().parse(text);
  const { db } = await mermaid().mermaidAPI.getDiagramFromText(text);
  return {
    subgraphs: db.getSubGraphs().map((s) => s.id),
    nodes: new Map([...db.getVertices()].map(([id, vertex]) => [id, vertex.text ?? id])),
    edges: db.getEdges().map((e) => ({ from: e.start, to: e.end, label: e.text, dashed: e.stroke === "dotted" })),
  };
}

/** The Mermaid blocks of a Markdown text, in order. */
export function mermaidBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/```mermaid\n([\s\S]*?)```/g)].map((m) => m[1]);
}
