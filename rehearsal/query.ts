/**
 * The AWS Query protocol's request side: a form-encoded body of flat keys
 * (`Filter.1.Name`, `Filter.1.Value.1`, `IpPermissions.1.IpRanges.1.CidrIp`)
 * turned into nested objects and arrays.
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/Query-Requests.html
 */

/** A decoded Query request: nested objects, arrays for numbered members, strings at the leaves. */
export type QueryValue = string | QueryValue[] | { [key: string]: QueryValue };
/** The top level of a decoded Query request. */
export type QueryParams = { [key: string]: QueryValue };

/** Decodes a form-encoded Query body into nested params (numbered members become arrays, in number order). */
export function parseQuery(body: string): QueryParams {
  const root: QueryParams = {};
  for (const [key, value] of new URLSearchParams(body)) {
    const parts = key.split(".");
    let node: Record<string, unknown> = root;
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i];
      const last = i === parts.length - 1;
      if (last) {
        node[part] = value;
      } else {
        if (node[part] === undefined || typeof node[part] === "string") node[part] = {};
        node = node[part] as Record<string, unknown>;
      }
    }
  }
  return toArrays(root) as QueryParams;
}

/**
 * Objects whose keys are all numbers become arrays ordered by number; STS and
 * IAM's `Key.member.N` lists become arrays too.
 */
function toArrays(node: unknown): unknown {
  if (typeof node !== "object" || node === null) return node;
  const entries = Object.entries(node as Record<string, unknown>);
  if (entries.length === 1 && entries[0][0] === "member") return toArrays(entries[0][1]);
  if (entries.length > 0 && entries.every(([k]) => /^\d+$/.test(k))) {
    return entries.sort(([a], [b]) => Number(a) - Number(b)).map(([, v]) => toArrays(v));
  }
  return Object.fromEntries(entries.map(([k, v]) => [k, toArrays(v)]));
}

/** A string member, or undefined. */
export function str(params: QueryValue | undefined, key: string): string | undefined {
  if (params === undefined || typeof params === "string" || Array.isArray(params)) return undefined;
  const v = params[key];
  return typeof v === "string" ? v : undefined;
}

/** A list member (`Key.1`, `Key.2`, ...), as an array (empty when absent). */
export function list(params: QueryValue | undefined, key: string): QueryValue[] {
  if (params === undefined || typeof params === "string" || Array.isArray(params)) return [];
  const v = params[key];
  if (v === undefined) return [];
  return Array.isArray(v) ? v : [v];
}

/** A list of strings (`VpcId.1`, ...). */
export function strings(params: QueryValue | undefined, key: string): string[] {
  return list(params, key).filter((v): v is string => typeof v === "string");
}

/** A structure member, or undefined. */
export function struct(params: QueryValue | undefined, key: string): QueryParams | undefined {
  if (params === undefined || typeof params === "string" || Array.isArray(params)) return undefined;
  const v = params[key];
  return v !== undefined && typeof v === "object" && !Array.isArray(v) ? v : undefined;
}

/** A boolean member ("true"/"false"), or undefined. */
export function bool(params: QueryValue | undefined, key: string): boolean | undefined {
  const v = str(params, key);
  return v === undefined ? undefined : v === "true";
}

/** Tags given as `Tag.N.Key`/`Tag.N.Value` (or another list key). */
export function tagsOf(params: QueryValue | undefined, key = "Tag"): Record<string, string> {
  const tags: Record<string, string> = {};
  for (const t of list(params, key)) {
    const k = str(t, "Key");
    if (k !== undefined) tags[k] = str(t, "Value") ?? "";
  }
  return tags;
}
