import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, normalize, relative, sep } from "node:path";

/**
 * Which top-level folders a folder's modules may import, following the data
 * flow config → model → validation → constructs → stacks → output. `core/`
 * holds the leaf modules (diagnostics, CIDR parsing) that every layer uses and
 * that import nothing of the project. `iam/` builds policy documents from the
 * model; the bootstrap stacks carry them, so stacks may import iam. Scripts,
 * tests, the benchmark and the launcher (`main.ts`) may import anything and are
 * not checked. A folder missing here fails the test: add it with its edges.
 */
export const ALLOWED_IMPORTS: Readonly<Record<string, readonly string[]>> = {
  core: [],
  config: ["core"],
  model: ["core", "config"],
  // Static analysis of the resolved network: where route tables send addresses, what ingress rules admit.
  reachability: ["core", "config", "model"],
  validation: ["core", "config", "model", "reachability"],
  constructs: ["core", "config", "model", "validation"],
  iam: ["core", "config", "model"],
  report: ["core", "config", "model", "validation", "reachability"],
  stacks: ["core", "config", "model", "validation", "constructs", "iam"],
  output: ["core", "config", "model", "validation", "constructs", "iam", "report", "stacks"],
  // The local AWS and its Terraform runner: reads the model to seed the world, the IAM documents to
  // seed roles, and shares the provider mirror and constraint with `npm run validate`.
  rehearsal: ["core", "config", "model", "iam", "stacks", "scripts"],
  // npm run discover: reads AWS, builds a config, and checks it like any config (validation) before writing it.
  discover: ["core", "config", "model", "validation"],
};

/** Folders whose modules may import anything and are not checked. */
export const UNCHECKED = new Set(["__tests__", "scripts", "bench", "node_modules", "cdktf.out", "dist"]);

/** One import of one module: the importing file and the project file or package it names. */
export interface ImportEdge {
  /** Importing file, relative to the project root, with `/`. */
  readonly from: string;
  /** The module as written in the source. */
  readonly specifier: string;
  /** For a relative import, the imported path relative to the project root, with `/`; else undefined. */
  readonly to?: string;
}

const IMPORT =
  /(?:^|[\s;])(?:import|export)\s+(?:type\s+)?(?:[^"';]*?\s+from\s+)?["']([^"']+)["']|\b(?:import|require)\(\s*["']([^"']+)["']\s*\)/g;

/** The imports of one file's source text. */
export function importsOf(file: string, source: string): ImportEdge[] {
  const edges: ImportEdge[] = [];
  for (const match of source.matchAll(IMPORT)) {
    const specifier = match[1] ?? match[2];
    const to = specifier.startsWith(".")
      ? normalize(join(dirname(file), specifier))
          .split(sep)
          .join("/")
      : undefined;
    edges.push({ from: file, specifier, to });
  }
  return edges;
}

/** The top-level folder of a project path, or undefined for a file at the root. */
export function folderOf(path: string): string | undefined {
  const parts = path.split("/");
  return parts.length > 1 ? parts[0] : undefined;
}

/**
 * The imports that break {@link ALLOWED_IMPORTS}, each as
 * `<file> imports <module> (<folder> may import: …)`; and the folders not in
 * the table.
 */
export function violations(edges: readonly ImportEdge[], allowed = ALLOWED_IMPORTS): string[] {
  const found: string[] = [];
  for (const edge of edges) {
    const from = folderOf(edge.from);
    if (from === undefined || UNCHECKED.has(from)) continue;
    const mayImport = allowed[from];
    if (mayImport === undefined) {
      found.push(`${edge.from}: folder ${from}/ is not in the allowed-edges table`);
      continue;
    }
    if (edge.to === undefined) continue;
    const to = folderOf(edge.to);
    if (to === from) continue;
    if (to === undefined || !mayImport.includes(to)) {
      found.push(
        `${edge.from} imports ${edge.specifier} (${from}/ may import: ${mayImport.join(", ") || "nothing of the project"})`,
      );
    }
  }
  return found;
}

/** Every `.ts` and `.js` file below the project root outside the `skipped` folders, relative with `/`. */
export function projectSources(root: string, skipped: ReadonlySet<string> = UNCHECKED): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name.startsWith(".")) continue;
      const path = join(dir, entry.name);
      const rel = relative(root, path).split(sep).join("/");
      if (entry.isDirectory()) {
        if (!skipped.has(rel) && entry.name !== "node_modules") walk(path);
      } else if (/\.(ts|js)$/.test(entry.name) && !entry.name.endsWith(".d.ts")) {
        files.push(rel);
      }
    }
  };
  walk(root);
  return files.sort();
}

/** The imports of every project file outside the `skipped` folders (by default, of every checked file). */
export function projectImports(root: string, skipped: ReadonlySet<string> = UNCHECKED): ImportEdge[] {
  return projectSources(root, skipped).flatMap((file) => importsOf(file, readFileSync(join(root, file), "utf8")));
}
