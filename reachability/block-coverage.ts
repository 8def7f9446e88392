import { type Cidr, cidrContains } from "../core/cidr";

/** How many addresses a block holds (2^(32 - prefix) for IPv4, 2^(128 - prefix) for IPv6). */
function blockSize(block: Cidr): bigint {
  return 1n << BigInt((block.family === "ipv4" ? 32 : 128) - block.prefixLength);
}

/**
 * The blocks of `blocks` that lie strictly inside `outer` and inside no other
 * of them: the outermost ones, each once. Two CIDR blocks nest or are
 * disjoint, so these are pairwise disjoint.
 */
export function outermostInside(outer: Cidr, blocks: readonly Cidr[]): Cidr[] {
  const inside = blocks.filter((b) => b.prefixLength > outer.prefixLength && cidrContains(outer, b));
  const unique = [...new Map(inside.map((b) => [b.text, b])).values()];
  return unique.filter((b) => !unique.some((other) => other !== b && cidrContains(other, b)));
}

/** True when the disjoint blocks `parts` (all inside `outer`) leave none of its addresses uncovered. */
export function coverAll(outer: Cidr, parts: readonly Cidr[]): boolean {
  return parts.reduce((sum, part) => sum + blockSize(part), 0n) === blockSize(outer);
}
