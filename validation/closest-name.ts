import { closest, distance } from "fastest-levenshtein";

/**
 * `; did you mean "x"?` for the existing key closest to a misspelt one, or a
 * list of the keys there are when none is close.
 */
export function didYouMean(wanted: string, existing: Iterable<string>): string {
  const names = [...existing];
  if (names.length === 0) return "; none are defined yet";
  const best = closest(wanted, names);
  if (distance(wanted, best) <= Math.max(2, Math.floor(wanted.length / 3))) return `; did you mean "${best}"?`;
  return `; known: ${names.map((n) => `"${n}"`).join(", ")}`;
}
