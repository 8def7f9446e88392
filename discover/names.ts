import { RESERVED_KEYS } from "../config/plain-data";

/**
 * Names for what discover finds: they become config keys and Terraform
 * addresses, so they must be valid (lowercase letters, digits and dashes,
 * starting with a letter, at most 64 characters), unique, and the same on
 * every run over an unchanged estate. They derive from `Name` tags, else from
 * AWS ids, never from the order AWS lists things in; names that collide get
 * a suffix from their own id, so adding a VPC later never renames another.
 * JavaScript's own keys (`constructor`, `prototype`, `__proto__`) are never
 * names: the config refuses them as keys.
 */

/** The longest name the config accepts. */
export const MAX_NAME_LENGTH = 64;

/** `text` as a valid name, or undefined when nothing usable is left. */
export function slug(text: string): string | undefined {
  const cleaned = text
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^[^a-z]+/, "")
    .replace(/-+$/, "")
    .slice(0, MAX_NAME_LENGTH)
    .replace(/-+$/, "");
  return cleaned.length > 0 ? cleaned : undefined;
}

/** The hex digits of an AWS id (`vpc-0a1b...` -> `0a1b...`). */
function idDigits(id: string): string {
  return id.slice(id.indexOf("-") + 1);
}

/** `base` with a suffix from `id`, within the length limit. */
function withSuffix(base: string, id: string, digits: number): string {
  const suffix = `-${idDigits(id).slice(-digits)}`;
  return `${base.slice(0, MAX_NAME_LENGTH - suffix.length).replace(/-+$/, "")}${suffix}`;
}

/** A thing to name: its AWS id (unique) and the name it would like. */
export interface NameRequest {
  readonly id: string;
  readonly wanted: string;
}

/**
 * Assigns a unique name to each request, avoiding `taken` and the keys the
 * config refuses (RESERVED_KEYS). A wanted name
 * that only one request asks for (and that is not taken) is used as is; the
 * others get a suffix of their own id's last digits (longer until unique).
 * The result depends only on the set of requests, not on their order.
 *
 * @returns id to name
 */
export function assignNames(
  requests: readonly NameRequest[],
  taken: ReadonlySet<string> = new Set(),
): Map<string, string> {
  const sorted = [...requests].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const wantedBy = new Map<string, number>();
  for (const r of sorted) wantedBy.set(r.wanted, (wantedBy.get(r.wanted) ?? 0) + 1);
  const used = new Set([...taken, ...RESERVED_KEYS]);
  const names = new Map<string, string>();
  // Names wanted once go first, so that a suffixed name never takes a plain one.
  for (const r of sorted) {
    if (wantedBy.get(r.wanted) === 1 && !used.has(r.wanted)) {
      names.set(r.id, r.wanted);
      used.add(r.wanted);
    }
  }
  for (const r of sorted) {
    if (names.has(r.id)) continue;
    let digits = 4;
    let name = withSuffix(r.wanted, r.id, digits);
    while (used.has(name) && digits < idDigits(r.id).length) name = withSuffix(r.wanted, r.id, ++digits);
    for (let n = 2; used.has(name); n++) name = withSuffix(r.wanted, `${r.id}-${n}`, digits + 2);
    names.set(r.id, name);
    used.add(name);
  }
  return names;
}
