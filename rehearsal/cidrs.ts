import ipaddr from "ipaddr.js";

/**
 * CIDR arithmetic of the local AWS (its own, independent of the generator's
 * model/cidr.ts): two blocks overlap when one contains the other.
 */
export function cidrsOverlap(a: string, b: string): boolean {
  const [x, xl] = ipaddr.parseCIDR(a);
  const [y, yl] = ipaddr.parseCIDR(b);
  if (x.kind() !== y.kind()) return false;
  const shorter = Math.min(xl, yl);
  return x.match(y, shorter);
}

/** Whether `text` is an IPv6 CIDR. */
export function isIpv6Cidr(text: string): boolean {
  return text.includes(":");
}
