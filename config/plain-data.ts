/**
 * Config input as plain data: a deep copy made of null-prototype objects,
 * arrays, strings, numbers, booleans and null, so that no key of the config
 * (`__proto__`, `constructor`, `toString`) can reach or shadow JavaScript's
 * own object machinery, and no later `in` check can see `Object.prototype`.
 */

/** Keys that JavaScript gives a meaning of its own; refused anywhere in a config. */
export const RESERVED_KEYS: ReadonlySet<string> = new Set(["__proto__", "constructor", "prototype"]);

/** How deep a config may nest; the deepest real config is 7 levels. */
export const MAX_DEPTH = 64;

/** A problem found while copying: where (a config path) and what. */
export interface PlainDataProblem {
  readonly path: string;
  readonly message: string;
}

/** The copy, or every problem that stopped it. */
export type PlainDataResult = { readonly data: unknown } | { readonly problems: readonly PlainDataProblem[] };

/**
 * Copies `value` into plain data. Refuses, with the path of each: a reserved
 * key, an object that is not a plain object (a class instance, or an object
 * literal whose `__proto__: ...` set its prototype), a function, and nesting
 * deeper than {@link MAX_DEPTH}.
 */
export function toPlainData(value: unknown): PlainDataResult {
  const problems: PlainDataProblem[] = [];
  const copy = (item: unknown, path: string, depth: number): unknown => {
    if (depth > MAX_DEPTH) {
      problems.push({ path, message: `nested more than ${MAX_DEPTH} levels deep; a peering config never is` });
      return null;
    }
    if (item === null || typeof item !== "object") {
      if (typeof item === "function" || typeof item === "symbol" || typeof item === "bigint") {
        problems.push({
          path,
          message: `is a ${typeof item}; a config holds only text, numbers, booleans, lists and maps`,
        });
      }
      return item;
    }
    if (Array.isArray(item)) return item.map((element, i) => copy(element, `${path}[${i}]`, depth + 1));
    const prototype = Object.getPrototypeOf(item);
    if (prototype !== Object.prototype && prototype !== null) {
      problems.push({
        path,
        message:
          "is not a plain map (a __proto__ key, or an object of a class); write its fields as a plain { key: value } map",
      });
      return null;
    }
    const result: Record<string, unknown> = Object.create(null);
    for (const key of Object.keys(item)) {
      const at = path === "" ? key : `${path}.${key}`;
      if (RESERVED_KEYS.has(key)) {
        problems.push({
          path: at,
          message: `"${key}" is reserved in JavaScript and cannot be a name or a field; rename it`,
        });
        continue;
      }
      result[key] = copy((item as Record<string, unknown>)[key], at, depth + 1);
    }
    return result;
  };
  const data = copy(value, "", 0);
  return problems.length > 0 ? { problems } : { data };
}
