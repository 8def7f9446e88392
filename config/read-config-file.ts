import { closeSync, constants, fstatSync, openSync, readFileSync } from "node:fs";
import { extname } from "node:path";
import { isMap, isScalar, isSeq, LineCounter, type Node, parseDocument } from "yaml";
import { ConfigValidationError, error, type Finding } from "../core/finding";
import { jsonDuplicateKeys } from "./json-duplicate-keys";
import { MAX_DEPTH, toPlainData } from "./plain-data";

/** The largest config file read: 16 MiB, far above a 1,000-peering config (about 1 MB of YAML). */
export const MAX_CONFIG_BYTES = 16 * 1024 * 1024;

/**
 * Reads a JSON or YAML config file into plain data (see {@link toPlainData}).
 * Refuses, each with one line naming the file and the reason: another
 * extension, something that is not a regular file (a FIFO would hang), a
 * file over {@link MAX_CONFIG_BYTES}, a syntax error (with line and column),
 * a key given twice in one map (JSON and YAML alike), YAML merge keys and
 * tags, aliases that expand without bound, and nesting deeper than
 * {@link MAX_DEPTH}. A UTF-8 byte order mark is ignored.
 *
 * @throws ConfigValidationError listing the problems
 */
export function readConfigFile(file: string): unknown {
  const extension = extname(file).toLowerCase();
  if (![".json", ".yaml", ".yml"].includes(extension)) {
    throw new ConfigValidationError(
      [error("PEERING_CONFIG", `${JSON.stringify(file)} must end in .json, .yaml or .yml`)],
      "the PEERING_CONFIG setting",
    );
  }
  const text = readText(file).replace(/^\uFEFF/, "");
  const parsed = extension === ".json" ? parseJson(text, file) : parseYaml(text, file);
  const plain = toPlainData(parsed);
  if ("problems" in plain)
    throw new ConfigValidationError(
      plain.problems.map((p) => error(p.path, p.message)),
      file,
    );
  return plain.data;
}

function readText(file: string): string {
  const fail = (message: string) =>
    new ConfigValidationError([error("PEERING_CONFIG", message)], "the PEERING_CONFIG setting");
  let fd: number;
  try {
    // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer forever.
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (cause) {
    throw fail(
      `cannot read ${JSON.stringify(file)}: ${(cause as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (cause as Error).message}`,
    );
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile())
      throw fail(
        `${JSON.stringify(file)} is not a regular file (a folder, a pipe or a device); point PEERING_CONFIG at a .json or .yaml file`,
      );
    if (stat.size > MAX_CONFIG_BYTES) {
      throw fail(
        `${JSON.stringify(file)} is ${(stat.size / 1024 / 1024).toFixed(1)} MiB; a config may be at most ${MAX_CONFIG_BYTES / 1024 / 1024} MiB`,
      );
    }
    return readFileSync(fd, "utf8");
  } finally {
    closeSync(fd);
  }
}

function parseJson(text: string, file: string): unknown {
  const { duplicates, tooDeep } = jsonDuplicateKeys(text, MAX_DEPTH);
  if (tooDeep !== undefined) {
    throw new ConfigValidationError(
      [error("(file)", `nested more than ${MAX_DEPTH} levels deep at line ${tooDeep}; a peering config never is`)],
      file,
    );
  }
  if (duplicates.length > 0) {
    throw new ConfigValidationError(
      duplicates.map((d) =>
        error(
          "(file)",
          `line ${d.line}: key ${JSON.stringify(d.key)} is given twice in one map; keep one (JSON would silently keep the last)`,
        ),
      ),
      file,
    );
  }
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new ConfigValidationError([error("(file)", `not valid JSON: ${(cause as Error).message}`)], file);
  }
}

function parseYaml(text: string, file: string): unknown {
  const lines = new LineCounter();
  // uniqueKeys is quadratic in a map's size; duplicates are found below in one pass instead.
  const document = parseDocument(text, { prettyErrors: true, uniqueKeys: false, lineCounter: lines, merge: false });
  const problems: Finding[] = [
    ...document.errors.map((e) => error("(file)", `not valid YAML: ${e.message.split("\n")[0]}`)),
    ...document.warnings.map((w) =>
      error("(file)", `${w.message.split("\n")[0]}; tags are not supported, write plain values`),
    ),
  ];
  if (problems.length === 0) problems.push(...yamlStructureProblems(document.contents, lines));
  if (problems.length > 0) throw new ConfigValidationError(problems, file);
  try {
    return document.toJS({ maxAliasCount: 100 });
  } catch (cause) {
    throw new ConfigValidationError(
      [
        error(
          "(file)",
          `YAML aliases expand too far (${(cause as Error).message.split("\n")[0]}); write the values out`,
        ),
      ],
      file,
    );
  }
}

/** Duplicate keys, merge keys, tags and excessive depth, in one pass over the YAML nodes. */
function yamlStructureProblems(root: Node | null, lines: LineCounter): Finding[] {
  const problems: Finding[] = [];
  const at = (node: { range?: [number, number, number] | null }) => {
    const pos = node.range ? lines.linePos(node.range[0]) : undefined;
    return pos ? `line ${pos.line}, column ${pos.col}: ` : "";
  };
  const walk = (node: unknown, depth: number) => {
    if (depth > MAX_DEPTH) {
      problems.push(
        error("(file)", `${at(node as Node)}nested more than ${MAX_DEPTH} levels deep; a peering config never is`),
      );
      return;
    }
    if (isMap(node)) {
      const seen = new Set<string>();
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
        if (key === "<<") {
          problems.push(
            error("(file)", `${at(pair.key as Node)}YAML merge keys (<<) are not supported; write the fields out`),
          );
        } else if (key !== undefined && seen.has(key)) {
          problems.push(
            error("(file)", `${at(pair.key as Node)}key ${JSON.stringify(key)} is given twice in one map; keep one`),
          );
        }
        if (key !== undefined) seen.add(key);
        walk(pair.value, depth + 1);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) walk(item, depth + 1);
    }
  };
  walk(root, 0);
  return problems;
}
