/**
 * Finds the keys that a JSON text gives twice in one object, which
 * `JSON.parse` silently resolves by keeping the last. One linear pass over
 * the text: strings are skipped with their escapes, and a stack holds the
 * keys seen in each open object. Also reports nesting past `maxDepth`, before
 * `JSON.parse` would recurse that deep.
 *
 * Assumes nothing about validity: run it before `JSON.parse`, which reports
 * syntax errors itself.
 */
export function jsonDuplicateKeys(
  text: string,
  maxDepth: number,
): { duplicates: Array<{ key: string; line: number }>; tooDeep?: number } {
  const duplicates: Array<{ key: string; line: number }> = [];
  // One entry per open container: the keys seen so far for an object, undefined for an array.
  const open: Array<Set<string> | undefined> = [];
  let line = 1;
  let expectKey = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "\n") line++;
    else if (c === "{" || c === "[") {
      open.push(c === "{" ? new Set() : undefined);
      if (open.length > maxDepth) return { duplicates, tooDeep: line };
      expectKey = c === "{";
    } else if (c === "}" || c === "]") open.pop();
    else if (c === ",") expectKey = open[open.length - 1] !== undefined;
    else if (c === '"') {
      let end = i + 1;
      while (end < text.length && text[end] !== '"') end += text[end] === "\\" ? 2 : 1;
      const keys = open[open.length - 1];
      if (expectKey && keys) {
        let key: string;
        try {
          key = JSON.parse(text.slice(i, end + 1)) as string;
        } catch {
          key = text.slice(i + 1, end);
        }
        if (keys.has(key)) duplicates.push({ key, line });
        keys.add(key);
        expectKey = false;
      }
      i = end;
    }
  }
  return { duplicates };
}
