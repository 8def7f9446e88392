import { RESERVED_KEYS } from "../config/plain-data";
import { assignNames, MAX_NAME_LENGTH, slug } from "./names";
import type {
  RegionSnapshot,
  SnapshotPeering,
  SnapshotPeeringSide,
  SnapshotRouteTable,
  SnapshotRule,
  SnapshotVpc,
} from "./snapshot";

/**
 * Builds the config from what discover read: the accounts scanned, every VPC
 * that takes part in an active peering (a peer in an account that was not
 * scanned becomes an external VPC), and every active peering as an adopted
 * one (`existing`, its routes and ingress rules exactly as AWS has them,
 * with their ids, `dnsResolution` as set, `protect: true`; with an external
 * requester, the accepter's side only). What the config
 * cannot say, and every peering that is not active, becomes a note (a YAML
 * comment): nothing is adopted silently.
 *
 * Everything is sorted by name or id, so an unchanged estate gives the same
 * config on every run.
 */

/** An account discover scanned, with what the config already says about it. */
export interface ScannedAccount {
  readonly name: string;
  readonly accountId: string;
  readonly roleArn?: string;
  readonly externalId?: string;
  readonly planRoleArn?: string;
}

/** Names the config already uses for things discover finds (kept as they are). */
export interface KnownNames {
  readonly vpcs?: ReadonlyMap<string, string>;
  readonly peerings?: ReadonlyMap<string, string>;
  /**
   * Names of the config's peerings that have no connection id (those the
   * template creates), by {@link vpcPairKey} of their requester and accepter.
   */
  readonly peeringsByVpcs?: ReadonlyMap<string, string>;
  /** Names that new entries must not take. */
  readonly taken?: { readonly vpcs?: ReadonlySet<string>; readonly peerings?: ReadonlySet<string> };
}

/** The key of a peering by its requester and accepter VPC ids (one peering per pair). */
export const vpcPairKey = (requesterVpcId: string, accepterVpcId: string) => `${requesterVpcId} ${accepterVpcId}`;

/** A comment for the reader of the written config. */
export interface DiscoverNote {
  /** The peering or VPC the note is about, when it has an entry. */
  readonly peering?: string;
  readonly text: string;
}

/** One peering of the config, as discover writes it. */
export type DiscoveredPeering = Record<string, unknown>;

/** The config discover writes, with its notes. */
export interface DiscoveredConfig {
  readonly config: {
    project: string;
    accounts: Record<string, Record<string, string>>;
    vpcs: Record<string, Record<string, unknown>>;
    peerings: Record<string, DiscoveredPeering>;
  };
  /** Notes about entries (shown above them) and about what was not adopted (shown after the peerings). */
  readonly notes: readonly DiscoverNote[];
  /** Peerings that are not active, one line each with their state. */
  readonly inactive: readonly string[];
  /** VPCs of the scanned accounts that take part in no active peering, one line each. */
  readonly unpeeredVpcs: readonly string[];
}

const TEMPLATE_TAGS = new Set(["Name", "Side", "Project"]);

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Sorts blocks IPv4 first, then IPv6, each by address. */
function sortBlocks(blocks: Iterable<string>): string[] {
  const v6 = (b: string) => b.includes(":");
  return [...new Set(blocks)].sort((a, b) => Number(v6(a)) - Number(v6(b)) || byText(a, b));
}

function ipv4Key(cidr: string): [number, number] | undefined {
  const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)\/(\d+)$/.exec(cidr);
  if (!m) return undefined;
  const [a, b, c, d, len] = m.slice(1).map(Number);
  return [((a * 256 + b) * 256 + c) * 256 + d, len];
}

/** Whether an IPv4 or IPv6 block lies inside another (same family). */
export function blockInside(inner: string, outer: string): boolean {
  const i4 = ipv4Key(inner);
  const o4 = ipv4Key(outer);
  if (i4 && o4) {
    if (i4[1] < o4[1]) return false;
    const size = 2 ** (32 - o4[1]);
    return Math.floor(i4[0] / size) === Math.floor(o4[0] / size);
  }
  if (i4 || o4) return false;
  const bits = (cidr: string): [bigint, number] | undefined => {
    const [address, length] = cidr.split("/");
    const halves = address.split("::");
    if (halves.length > 2) return undefined;
    const head = halves[0] ? halves[0].split(":") : [];
    const tail = halves.length === 2 && halves[1] ? halves[1].split(":") : [];
    const groups = halves.length === 2 ? [...head, ...Array(8 - head.length - tail.length).fill("0"), ...tail] : head;
    if (groups.length !== 8) return undefined;
    return [groups.reduce((acc, g) => (acc << 16n) + BigInt(Number.parseInt(g || "0", 16)), 0n), Number(length)];
  };
  const i6 = bits(inner);
  const o6 = bits(outer);
  if (!i6 || !o6 || i6[1] < o6[1]) return false;
  const shift = BigInt(128 - o6[1]);
  return i6[0] >> shift === o6[0] >> shift;
}

/** AWS's IpProtocol (a name or a number) to the config's protocol; a Map, as the keys are AWS's text. */
const PROTOCOLS: ReadonlyMap<string, string> = new Map([
  ["tcp", "tcp"],
  ["6", "tcp"],
  ["udp", "udp"],
  ["17", "udp"],
  ["icmp", "icmp"],
  ["1", "icmp"],
  ["icmpv6", "icmpv6"],
  ["58", "icmpv6"],
  ["-1", "all"],
  ["all", "all"],
]);

/** A VPC side of a peering: ours (scanned) or external. */
interface VpcRef {
  readonly vpcId: string;
  readonly accountId: string;
  readonly region: string;
  readonly ours: boolean;
}

const keyOf = (accountId: string, region: string) => `${accountId}/${region}`;

/** Builds the config; see the module comment. */
export function buildConfig(
  project: string,
  accounts: readonly ScannedAccount[],
  snapshots: readonly RegionSnapshot[],
  known: KnownNames = {},
): DiscoveredConfig {
  const scannedAccounts = new Set(accounts.map((a) => a.accountId));
  const bySnapshot = new Map(snapshots.map((s) => [keyOf(s.accountId, s.region), s]));
  // Security group to VPC, over every scanned account: a reference that does not name its VPC is placed by it.
  const groupVpcs = new Map<string, string>();
  for (const s of snapshots)
    for (const [group, vpcId] of Object.entries(s.securityGroupVpcs)) groupVpcs.set(group, vpcId);
  const ourVpcs = new Map<string, SnapshotVpc>();
  for (const s of snapshots) for (const v of s.vpcs) ourVpcs.set(v.vpcId, v);

  // Every peering once, whichever side (or region) listed it.
  const peerings = new Map<string, SnapshotPeering>();
  for (const s of [...snapshots].sort((a, b) => byText(keyOf(a.accountId, a.region), keyOf(b.accountId, b.region)))) {
    for (const p of s.peerings) {
      const seen = peerings.get(p.id);
      // Keep the requester's view (its tags); fall back to the first seen.
      if (!seen || (p.requester.accountId === s.accountId && seen.requester.accountId !== s.accountId)) {
        peerings.set(p.id, p);
      }
    }
  }
  const sortedPeerings = [...peerings.values()].sort((a, b) => byText(a.id, b.id));
  const refOf = (side: SnapshotPeeringSide): VpcRef => ({
    vpcId: side.vpcId,
    accountId: side.accountId,
    region: side.region,
    ours: scannedAccounts.has(side.accountId) && ourVpcs.has(side.vpcId),
  });

  const notes: DiscoverNote[] = [];
  const inactive: string[] = [];
  const active: SnapshotPeering[] = [];
  for (const p of sortedPeerings) {
    const req = refOf(p.requester);
    const acc = refOf(p.accepter);
    const where = (side: SnapshotPeeringSide) => `${side.vpcId} (${side.accountId}, ${side.region})`;
    if (p.status !== "active") {
      inactive.push(
        `${p.id}: ${p.status}${p.statusMessage ? ` (${p.statusMessage})` : ""}: ${where(p.requester)} -> ${where(p.accepter)}`,
      );
    } else if (!req.ours && !acc.ours) {
      notes.push({
        text: `${p.id}: neither VPC was scanned (${where(p.requester)} -> ${where(p.accepter)}); not adopted`,
      });
    } else {
      active.push(p);
    }
  }

  // VPC names: those the config has, then Name tags (or ids) for the rest.
  const peered = new Map<
    string,
    VpcRef & { nameTag?: string; cidrBlocks: readonly string[]; ipv6CidrBlocks: readonly string[] }
  >();
  for (const p of active) {
    for (const side of [p.requester, p.accepter]) {
      const ref = refOf(side);
      if (peered.has(ref.vpcId)) continue;
      const own = ourVpcs.get(ref.vpcId);
      peered.set(ref.vpcId, {
        ...ref,
        ...(ref.ours && own?.nameTag !== undefined ? { nameTag: own.nameTag } : {}),
        cidrBlocks: ref.ours && own ? own.cidrBlocks : side.cidrBlocks,
        ipv6CidrBlocks: ref.ours && own ? own.ipv6CidrBlocks : side.ipv6CidrBlocks,
      });
    }
  }
  const vpcNames = new Map<string, string>();
  for (const id of peered.keys()) {
    const name = known.vpcs?.get(id);
    if (name !== undefined) vpcNames.set(id, name);
  }
  const newVpcNames = assignNames(
    [...peered.values()]
      .filter((v) => !vpcNames.has(v.vpcId))
      .map((v) => ({ id: v.vpcId, wanted: (v.ours && v.nameTag !== undefined && slug(v.nameTag)) || v.vpcId })),
    new Set([...(known.taken?.vpcs ?? []), ...vpcNames.values()]),
  );
  for (const [id, name] of newVpcNames) vpcNames.set(id, name);
  const vpcName = (id: string) => vpcNames.get(id) as string;
  const accountName = new Map(accounts.map((a) => [a.accountId, a.name]));

  // Peering names: those the config has, then Name tags, else <requester>-to-<accepter>.
  const peeringNames = new Map<string, string>();
  for (const p of active) {
    const name =
      known.peerings?.get(p.id) ?? known.peeringsByVpcs?.get(vpcPairKey(p.requester.vpcId, p.accepter.vpcId));
    if (name !== undefined) peeringNames.set(p.id, name);
  }
  const newPeeringNames = assignNames(
    active
      .filter((p) => !peeringNames.has(p.id))
      .map((p) => ({
        id: p.id,
        wanted:
          (p.tags.Name !== undefined && slug(p.tags.Name)) ||
          slug(`${vpcName(p.requester.vpcId)}-to-${vpcName(p.accepter.vpcId)}`.slice(0, MAX_NAME_LENGTH)) ||
          p.id,
      })),
    new Set([...(known.taken?.peerings ?? []), ...peeringNames.values()]),
  );
  for (const [id, name] of newPeeringNames) peeringNames.set(id, name);

  // Routes and rules per peering, each AWS rule adopted by one peering only (the first by name).
  const adoptedRules = new Set<string>();
  const entries: Array<[string, DiscoveredPeering]> = [];
  const routeTablesInUse = new Map<string, Set<string>>();
  for (const p of [...active].sort((a, b) => byText(peeringNames.get(a.id) ?? "", peeringNames.get(b.id) ?? ""))) {
    const name = peeringNames.get(p.id) as string;
    const note = (text: string) => notes.push({ peering: name, text });
    const sides = { requester: p.requester, accepter: p.accepter } as const;
    const entry: DiscoveredPeering = {
      requester: vpcName(p.requester.vpcId),
      accepter: vpcName(p.accepter.vpcId),
    };
    const managed = (["requester", "accepter"] as const).filter((s) => refOf(sides[s]).ours);
    const dns = managed.map((s) => sides[s].dnsResolution === true);
    entry.dnsResolution = dns.every(Boolean);
    if (!entry.dnsResolution && dns.some(Boolean)) {
      note(
        `DNS resolution is allowed on the ${managed.filter((_, i) => dns[i]).join(" and ")} side only; dnsResolution: false leaves both sides as they are (true would turn it on for both)`,
      );
    }
    const routes: Record<string, unknown> = {};
    const ingress: Record<string, unknown[]> = {};
    for (const side of managed) {
      const own = sides[side];
      const peer = side === "requester" ? sides.accepter : sides.requester;
      const snapshot = bySnapshot.get(keyOf(own.accountId, own.region));
      if (!snapshot) continue;
      const peerBlocks = [
        ...(peered.get(peer.vpcId)?.cidrBlocks ?? peer.cidrBlocks),
        ...(peered.get(peer.vpcId)?.ipv6CidrBlocks ?? peer.ipv6CidrBlocks),
      ];
      routes[side] = routeSelection(snapshot.routeTables, own.vpcId, p.id, peerBlocks, note, side);
      for (const id of (routes[side] as { routeTableIds: string[] }).routeTableIds) {
        const set = routeTablesInUse.get(own.vpcId) ?? new Set<string>();
        set.add(id);
        routeTablesInUse.set(own.vpcId, set);
      }
      const rules = ingressRules(
        snapshot,
        own.vpcId,
        peer,
        peerBlocks,
        vpcName(peer.vpcId),
        adoptedRules,
        note,
        side,
        groupVpcs,
      );
      if (rules.length > 0) ingress[side] = rules;
    }
    entry.routes = routes;
    if (Object.keys(ingress).length > 0) entry.ingress = ingress;
    const tags = Object.fromEntries(
      Object.entries(p.tags)
        .filter(([k]) => !TEMPLATE_TAGS.has(k) && !/^aws:/i.test(k))
        .filter(([k]) => {
          if (!RESERVED_KEYS.has(k)) return true;
          note(
            `tag ${JSON.stringify(k)} cannot be written in the config (JavaScript gives that key a meaning of its own, so the config refuses it); not adopted, and Terraform, which manages the connection's tags, will plan to remove it`,
          );
          return false;
        })
        .sort(([a], [b]) => byText(a, b)),
    );
    if (Object.keys(tags).length > 0) entry.tags = tags;
    entry.existing = { peeringConnectionId: p.id };
    entry.protect = true;
    entries.push([name, entry]);
  }

  // VPC entries, sorted by name.
  const vpcs: Record<string, Record<string, unknown>> = {};
  for (const v of [...peered.values()].sort((a, b) => byText(vpcName(a.vpcId), vpcName(b.vpcId)))) {
    const ipv6 = v.ipv6CidrBlocks.length > 0 ? { ipv6CidrBlocks: [...v.ipv6CidrBlocks] } : {};
    if (v.ours) {
      const snapshot = bySnapshot.get(keyOf(v.accountId, v.region));
      vpcs[vpcName(v.vpcId)] = {
        account: accountName.get(v.accountId),
        region: v.region,
        vpcId: v.vpcId,
        cidrBlocks: [...v.cidrBlocks],
        ...ipv6,
        routeTableIds: vpcRouteTables(snapshot?.routeTables ?? [], v.vpcId, routeTablesInUse.get(v.vpcId)),
      };
    } else {
      vpcs[vpcName(v.vpcId)] = {
        external: { accountId: v.accountId, region: v.region, vpcId: v.vpcId, cidrBlocks: [...v.cidrBlocks], ...ipv6 },
      };
    }
  }

  const unpeeredVpcs = [...ourVpcs.values()]
    .filter((v) => !peered.has(v.vpcId))
    .sort((a, b) => byText(`${a.accountId} ${a.region} ${a.vpcId}`, `${b.accountId} ${b.region} ${b.vpcId}`))
    .map(
      (v) =>
        `${v.vpcId} (${accountName.get(v.accountId) ?? v.accountId}, ${v.region}${v.nameTag !== undefined ? `, Name ${JSON.stringify(v.nameTag)}` : ""}): ${[...v.cidrBlocks, ...v.ipv6CidrBlocks].join(", ")}`,
    );

  const accountEntries: Record<string, Record<string, string>> = {};
  for (const a of [...accounts].sort((x, y) => byText(x.name, y.name))) {
    accountEntries[a.name] = {
      accountId: a.accountId,
      ...(a.roleArn ? { roleArn: a.roleArn } : {}),
      ...(a.externalId ? { externalId: a.externalId } : {}),
      ...(a.planRoleArn ? { planRoleArn: a.planRoleArn } : {}),
    };
  }
  return {
    config: { project, accounts: accountEntries, vpcs, peerings: Object.fromEntries(entries) },
    notes,
    inactive,
    unpeeredVpcs,
  };
}

/** The VPC's default route tables: those that route to a peer, serve subnets, or are the main table. */
function vpcRouteTables(tables: readonly SnapshotRouteTable[], vpcId: string, inUse: ReadonlySet<string> | undefined) {
  return tables
    .filter((t) => t.vpcId === vpcId && (t.main || t.servesSubnets || inUse?.has(t.id)))
    .map((t) => t.id)
    .sort(byText);
}

/**
 * The routes through a peering of one side, as `{ routeTableIds, destinations }`.
 * The config routes every listed table to every listed destination; when AWS's
 * routes are not such a product, the largest group of tables with the same
 * destinations is adopted and the other routes are noted (they stay in AWS,
 * untouched by Terraform).
 */
function routeSelection(
  tables: readonly SnapshotRouteTable[],
  vpcId: string,
  peeringId: string,
  peerBlocks: readonly string[],
  note: (text: string) => void,
  side: string,
): { routeTableIds: string[]; destinations?: string[] } {
  const byTable = new Map<string, string[]>();
  for (const t of tables) {
    if (t.vpcId !== vpcId) continue;
    for (const r of t.routes) {
      if (r.peeringConnectionId !== peeringId) continue;
      if (r.destination === undefined) {
        note(
          `${side}: route table ${t.id} routes prefix list ${r.prefixListId} through it; the config routes CIDRs only, so that route is not adopted`,
        );
        continue;
      }
      byTable.set(t.id, [...(byTable.get(t.id) ?? []), r.destination]);
    }
  }
  if (byTable.size === 0) return { routeTableIds: [] };
  const order = (blocks: readonly string[]) => {
    const inPeer = peerBlocks.filter((b) => blocks.includes(b));
    return [...inPeer, ...sortBlocks(blocks.filter((b) => !inPeer.includes(b)))];
  };
  const groups = new Map<string, string[]>();
  for (const [id, destinations] of byTable) {
    const key = order(destinations).join(" ");
    groups.set(key, [...(groups.get(key) ?? []), id]);
  }
  const ranked = [...groups].sort(
    ([ka, a], [kb, b]) => b.length * kb.split(" ").length - a.length * ka.split(" ").length || byText(ka, kb),
  );
  const [[key, ids], ...rest] = ranked;
  for (const [otherKey, otherIds] of rest) {
    note(
      `${side}: route tables ${otherIds.sort(byText).join(", ")} route ${otherKey.split(" ").join(", ")} through it, unlike ${ids.sort(byText).join(", ")}; a side routes one set of tables to one set of destinations, so those routes are not adopted (they stay as they are)`,
    );
  }
  return { routeTableIds: ids.sort(byText), destinations: key.split(" ") };
}

/** The inbound rules of one side that let the peer in: by the peer's security groups or by CIDRs inside the peer. */
function ingressRules(
  snapshot: RegionSnapshot,
  vpcId: string,
  peer: SnapshotPeeringSide,
  peerBlocks: readonly string[],
  peerName: string,
  adopted: Set<string>,
  note: (text: string) => void,
  side: string,
  groupVpcs: ReadonlyMap<string, string>,
): Record<string, unknown>[] {
  const fromPeer = (r: SnapshotRule) =>
    r.referencedGroupId !== undefined
      ? (r.referencedVpcId ?? groupVpcs.get(r.referencedGroupId)) === peer.vpcId
      : [r.cidrIpv4, r.cidrIpv6].some((c) => c !== undefined && peerBlocks.some((b) => blockInside(c, b)));
  const rules = snapshot.rules
    .filter((r) => snapshot.securityGroupVpcs[r.groupId] === vpcId && !adopted.has(r.id) && fromPeer(r))
    .sort((a, b) => byText(`${a.groupId} ${a.id}`, `${b.groupId} ${b.id}`));
  const out: Array<{ sort: string; rule: Record<string, unknown> }> = [];
  for (const r of rules) {
    const protocol = PROTOCOLS.get(r.ipProtocol);
    const icmpAll = (r.fromPort ?? -1) === -1 && (r.toPort ?? -1) === -1;
    if (protocol === undefined || ((protocol === "icmp" || protocol === "icmpv6") && !icmpAll)) {
      note(
        `${side}: rule ${r.id} on ${r.groupId} (protocol ${r.ipProtocol}, ports ${r.fromPort}-${r.toPort}) cannot be written in the config (it takes tcp, udp, all, and icmp/icmpv6 of every type); not adopted`,
      );
      continue;
    }
    adopted.add(r.id);
    const source =
      r.referencedGroupId !== undefined
        ? { securityGroupId: r.referencedGroupId as string }
        : { cidr: (r.cidrIpv4 ?? r.cidrIpv6) as string };
    const key: string = "securityGroupId" in source ? (source.securityGroupId as string) : (source.cidr as string);
    const ports =
      protocol === "tcp" || protocol === "udp"
        ? { ports: r.fromPort === r.toPort ? (r.fromPort as number) : [r.fromPort as number, r.toPort as number] }
        : {};
    let description = r.description;
    if (
      description === undefined ||
      description.trim() === "" ||
      description.trim().toLowerCase() === "managed by terraform"
    ) {
      description = `${protocol}${"ports" in ports ? ` ${String(ports.ports).replace(",", "-")}` : ""} from ${peerName}`;
      note(
        `${side}: rule ${r.id} on ${r.groupId} has no description in AWS; the config gives it ${JSON.stringify(description)}, which the plan sets`,
      );
    }
    out.push({
      sort: `${r.groupId} ${protocol} ${String(r.fromPort ?? -1).padStart(6, "0")} ${key} ${r.id}`,
      rule: {
        securityGroupId: r.groupId,
        source,
        protocol,
        ...ports,
        description,
        existingRuleIds: { [key]: r.id },
      },
    });
  }
  return out.sort((a, b) => byText(a.sort, b.sort)).map((x) => x.rule);
}
