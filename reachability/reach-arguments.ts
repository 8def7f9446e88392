import { type Cidr, cidrContains, isCidr, parseCidr } from "../core/cidr";
import { echo } from "../core/echo";
import type { Network, Vpc } from "../model/network";
import { SIDES, vpcOf } from "../model/network";

/** Where the traffic of `npm run reach` starts: a VPC, or a block inside one. */
export interface ReachFrom {
  readonly vpc: Vpc;
  /** The sending addresses; undefined: any address of the VPC. */
  readonly block?: Cidr;
}

/** Where it goes: one security group the config opens, or any security group of a VPC. */
export type ReachTo =
  | { readonly kind: "securityGroup"; readonly securityGroupId: string; readonly vpc: Vpc }
  | { readonly kind: "vpc"; readonly vpc: Vpc };

/** The port and protocol asked about. */
export interface ReachPort {
  readonly protocol: "tcp" | "udp";
  readonly port: number;
}

/** The question `npm run reach` answers. */
export interface ReachQuestion {
  readonly from: ReachFrom;
  readonly to: ReachTo;
  readonly port: ReachPort;
}

/** The usage line, printed with every argument problem. */
const REACH_USAGE =
  "usage: npm run reach -- <from VPC or CIDR> <to security group or VPC> <port>, e.g. npm run reach -- app-use1 sg-0a1b2c3d4e5f60002 8080";

/** A few names of a list, for a message: `a, b, c, … (12 in all)`. */
function some(names: readonly string[]): string {
  return names.length <= 6 ? names.join(", ") : `${names.slice(0, 6).join(", ")}, … (${names.length} in all)`;
}

/** A CIDR, or a bare address as a one-address block (10.0.1.66 → 10.0.1.66/32). */
function parseBlock(text: string): Cidr | string {
  const written = text.includes("/") ? text : `${text}/${text.includes(":") ? 128 : 32}`;
  const parsed = parseCidr(written);
  return isCidr(parsed) ? parsed : parsed.problem;
}

function vpcsHolding(network: Network, block: Cidr): Vpc[] {
  return [...network.vpcs.values()].filter((vpc) =>
    [...vpc.cidrBlocks, ...vpc.ipv6CidrBlocks].some((own) => cidrContains(own, block)),
  );
}

function parseFrom(network: Network, text: string): ReachFrom | string {
  const named = network.vpcs.get(text);
  if (named) return { vpc: named };
  const [blockText, vpcName, ...rest] = text.split("@");
  if (vpcName !== undefined) {
    const vpc = network.vpcs.get(vpcName);
    if (rest.length > 0 || !vpc)
      return `from: ${echo(text)} names no VPC of the config after "@"; write <CIDR>@<VPC> with one of ${some([...network.vpcs.keys()])}`;
    const block = parseBlock(blockText);
    if (typeof block === "string") return `from: ${block}`;
    const blocks = [...vpc.cidrBlocks, ...vpc.ipv6CidrBlocks];
    if (!blocks.some((own) => cidrContains(own, block)))
      return `from: ${block.text} is not inside ${vpc.name}'s CIDRs (${blocks.map((b) => b.text).join(", ")}); name a block of ${vpc.name}`;
    return { vpc, block };
  }
  // An address has a dot or a colon; a VPC name never does (`d` or `cafe` is a name, not hex).
  if (!/^[0-9a-fA-F:.]*[.:][0-9a-fA-F:.]*(\/\d+)?$/.test(text))
    return `from: ${echo(text)} is neither a VPC of the config (${some([...network.vpcs.keys()])}) nor a CIDR; write a VPC name, a CIDR such as 10.1.0.0/24, or <CIDR>@<VPC>`;
  const block = parseBlock(text);
  if (typeof block === "string") return `from: ${block}`;
  const holding = vpcsHolding(network, block);
  if (holding.length === 0)
    return `from: ${block.text} lies in no VPC of the config; name an address of one of ${some([...network.vpcs.keys()])}`;
  if (holding.length > 1)
    return `from: ${block.text} lies in ${holding.length} VPCs (${some(holding.map((v) => v.name))}); say which, e.g. ${block.text}@${holding[0].name}`;
  return { vpc: holding[0], block };
}

function parseTo(network: Network, text: string): ReachTo | string {
  if (text.startsWith("sg-")) {
    for (const peering of network.peerings) {
      for (const side of SIDES) {
        if (peering.ingress[side].some((rule) => rule.securityGroupId === text))
          return { kind: "securityGroup", securityGroupId: text, vpc: vpcOf(peering, side) };
      }
    }
    return `to: ${echo(text)} gets no ingress rule in the config; name a security group that an ingress rule opens (peerings.<name>.ingress.<side>[].securityGroupId), or a VPC`;
  }
  const vpc = network.vpcs.get(text);
  if (vpc) return { kind: "vpc", vpc };
  return `to: ${echo(text)} is neither a security group (sg-…) nor a VPC of the config (${some([...network.vpcs.keys()])}); name one of them`;
}

function parsePort(text: string): ReachPort | string {
  const match = /^(\d{1,5})(?:\/(tcp|udp))?$/.exec(text);
  const port = match ? Number(match[1]) : Number.NaN;
  if (!match || port > 65535)
    return `port: ${echo(text)} is not a port; write a number 0-65535 (tcp), or <port>/udp, e.g. 443 or 53/udp`;
  return { protocol: (match[2] as "tcp" | "udp" | undefined) ?? "tcp", port };
}

/**
 * Reads the three arguments of `npm run reach` against the config.
 *
 * @returns the question, or a one-line problem that names the argument and the fix
 */
export function parseReachArguments(network: Network, args: readonly string[]): ReachQuestion | string {
  if (args.length !== 3) return `expected 3 arguments, got ${args.length}; ${REACH_USAGE}`;
  const from = parseFrom(network, args[0]);
  if (typeof from === "string") return from;
  const to = parseTo(network, args[1]);
  if (typeof to === "string") return to;
  const port = parsePort(args[2]);
  if (typeof port === "string") return port;
  if (from.vpc === to.vpc)
    return `to: ${args[1]} is in ${from.vpc.name}, where the traffic starts: its local route carries it, no peering; name a security group or VPC on the other side of a peering`;
  return { from, to, port };
}
