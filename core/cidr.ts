import * as ipaddr from "ipaddr.js";
import { echo } from "./echo";

/** The address family of a CIDR block. */
export type IpFamily = "ipv4" | "ipv6";

/** A parsed CIDR block in canonical text form (lowercase, compressed IPv6). */
export interface Cidr {
  /** Canonical text, e.g. `10.1.0.0/16` or `2600:1f18:aaaa:bb00::/56`. */
  readonly text: string;
  readonly family: IpFamily;
  readonly prefixLength: number;
  /** @internal the parsed network address, for containment checks */
  readonly address: ipaddr.IPv4 | ipaddr.IPv6;
}

/** Why a string is not a usable CIDR block, in words a config author can act on. */
export type CidrProblem = { readonly problem: string };

/**
 * Parses a CIDR block and insists that it is a network address (no host bits).
 *
 * @returns the parsed block, or a problem that names the fix
 *   ("has host bits set; did you mean 10.1.0.0/20?").
 */
export function parseCidr(text: string): Cidr | CidrProblem {
  if (!/^[0-9a-fA-F:.]+\/\d{1,3}$/.test(text)) {
    return { problem: `${echo(text)} is not a CIDR block; write it as address/prefix, e.g. 10.1.0.0/16` };
  }
  const [addressText, prefixText] = text.split("/");
  const dotted = addressText.includes(".") && !addressText.includes(":");
  if (dotted) {
    const octets = addressText.split(".");
    if (octets.length !== 4 || octets.some((o) => !/^\d{1,3}$/.test(o) || Number(o) > 255)) {
      return {
        problem: `${echo(text)} is not an IPv4 CIDR block; write four numbers 0-255 and a prefix, e.g. 10.1.0.0/16`,
      };
    }
    if (octets.some((o) => /^0\d/.test(o)) || /^0\d/.test(prefixText)) {
      const decimal = `${octets.map((o) => String(Number(o))).join(".")}/${Number(prefixText)}`;
      const octal = ipaddr.IPv4.isValid(addressText) ? ` (${ipaddr.parse(addressText).toString()})` : "";
      return { problem: `CIDR ${text} has leading zeros, which some parsers read as octal${octal}; write ${decimal}` };
    }
  }
  let parsed: [ipaddr.IPv4 | ipaddr.IPv6, number];
  try {
    // Parsed as the family its text shows: ipaddr.parseCIDR would try IPv6 first and fail on
    // every IPv4 block, which made CIDR parsing a visible part of validating 1,000 peerings.
    parsed = dotted ? ipaddr.IPv4.parseCIDR(text) : ipaddr.IPv6.parseCIDR(text);
  } catch {
    return { problem: `${echo(text)} is not a valid CIDR block; write it as address/prefix, e.g. 10.1.0.0/16` };
  }
  const [address, prefixLength] = parsed;
  const family: IpFamily = address.kind() === "ipv4" ? "ipv4" : "ipv6";
  if (family === "ipv6" && (address as ipaddr.IPv6).isIPv4MappedAddress()) {
    return { problem: `CIDR ${text} is an IPv4-mapped IPv6 block; VPCs use IPv4 blocks for IPv4 (e.g. 10.1.0.0/16)` };
  }
  const network =
    family === "ipv4" ? ipaddr.IPv4.networkAddressFromCIDR(text) : ipaddr.IPv6.networkAddressFromCIDR(text);
  const canonical = `${network.toString()}/${prefixLength}`;
  if (network.toString() !== address.toString()) {
    return { problem: `CIDR ${text} has host bits set; did you mean ${canonical}?` };
  }
  if (canonical !== text) {
    return {
      problem: `CIDR ${text} is not in canonical form; write ${canonical} (it is compared and written as text)`,
    };
  }
  return { text: canonical, family, prefixLength, address: network };
}

/** Narrows the result of {@link parseCidr}. */
export function isCidr(value: Cidr | CidrProblem): value is Cidr {
  return (value as Cidr).text !== undefined;
}

/** Parses a CIDR that validation has already accepted; throws if it has not. */
export function cidr(text: string): Cidr {
  const parsed = parseCidr(text);
  if (!isCidr(parsed)) throw new Error(parsed.problem);
  return parsed;
}

/** True when `inner` lies entirely inside `outer` (equal blocks count). */
export function cidrContains(outer: Cidr, inner: Cidr): boolean {
  return (
    outer.family === inner.family &&
    outer.prefixLength <= inner.prefixLength &&
    inner.address.match(outer.address, outer.prefixLength)
  );
}

/**
 * True when the two blocks share at least one address. Two CIDR blocks either
 * nest or are disjoint, so overlap is containment in one direction or the other.
 */
export function cidrsOverlap(a: Cidr, b: Cidr): boolean {
  return cidrContains(a, b) || cidrContains(b, a);
}

/** Orders blocks by network address (byte by byte), wider blocks first at the same address. */
function compareCidrs(a: Cidr, b: Cidr): number {
  const x = a.address.toByteArray();
  const y = b.address.toByteArray();
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i] - y[i];
  return x.length - y.length || a.prefixLength - b.prefixLength;
}

/**
 * Every item whose block lies strictly inside another item's block, paired
 * with the narrowest such block. Blocks equal to each other are not paired.
 * O(n log n): sorted by address, a block follows the blocks that contain it,
 * so a stack of the blocks still open finds its container.
 */
export function nestedCidrs<T>(items: readonly T[], cidrOf: (item: T) => Cidr): Array<{ outer: T; inner: T }> {
  const sorted = [...items].sort((a, b) => compareCidrs(cidrOf(a), cidrOf(b)));
  const open: T[] = [];
  const pairs: Array<{ outer: T; inner: T }> = [];
  for (const item of sorted) {
    const block = cidrOf(item);
    while (open.length > 0 && !cidrContains(cidrOf(open[open.length - 1]), block)) open.pop();
    // The open blocks all contain this one; the narrowest strictly wider one is its container.
    for (let i = open.length - 1; i >= 0; i--) {
      if (cidrOf(open[i]).prefixLength < block.prefixLength) {
        pairs.push({ outer: open[i], inner: item });
        break;
      }
    }
    open.push(item);
  }
  return pairs;
}
