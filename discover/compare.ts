import type { Network, Peering, Side } from "../model/network";
import { SIDES } from "../model/network";
import { vpcPairKey } from "./build-config";

/**
 * The differences between a config and AWS, both resolved to the model (so
 * that defaults in a hand-written config compare as what they stand for):
 * VPCs by id, peerings by connection id (or, for one the template created,
 * by its two VPCs), each as the facts Terraform acts
 * on (the two VPCs, DNS, every route, every ingress rule with its id). One
 * line per difference: `-` for what only the config has, `+` for what only
 * AWS has, `~` for a value that differs.
 */

/** What discover scanned, to tell "not in AWS" from "not looked at". */
export interface ScanScope {
  /** Whether discover read this account in this region. */
  scanned(accountId: string, region: string): boolean;
  /** Every VPC id discover saw in the scanned accounts and regions. */
  readonly vpcIds: ReadonlySet<string>;
  /** The state of each peering connection discover saw, by id. */
  readonly peeringStates: ReadonlyMap<string, string>;
  /**
   * Every route AWS has through a peering in the tables of one VPC, as
   * `<route table id> -> <destination>` (also those the config cannot adopt).
   */
  routesThrough(peeringId: string, vpcId: string): readonly string[];
}

const SINGLE_VALUED = ["requester", "accepter", "dnsResolution"] as const;

const connectionOf = (p: Peering) => p.existingConnectionId ?? p.incomingConnectionId;

/** What Terraform acts on for a peering; routes from `routes` when given (AWS's own, all of them). */
function facts(p: Peering, routes?: (side: Side) => readonly string[]): Set<string> {
  const out = new Set<string>([
    `requester ${p.requester.vpcId}`,
    `accepter ${p.accepter.vpcId}`,
    `dnsResolution ${p.dnsResolution}`,
  ]);
  for (const side of SIDES) {
    if (p[side].account.external) continue;
    const sideRoutes = routes ? routes(side) : p.routes[side].map((r) => `${r.routeTableId} -> ${r.destination.text}`);
    for (const r of sideRoutes) out.add(`route ${side} ${r}`);
    for (const r of p.ingress[side]) out.add(ruleFact(side, r));
  }
  return out;
}

function ruleFact(side: Side, r: Peering["ingress"][Side][number]): string {
  const source =
    r.source.kind === "cidr" ? r.source.cidr.text : `${r.source.ownerAccountId}/${r.source.securityGroupId}`;
  const ports = r.fromPort === undefined ? "" : ` ${r.fromPort}-${r.toPort}`;
  return `ingress ${side} ${r.securityGroupId} ${r.protocol}${ports} from ${source} ${JSON.stringify(r.description)} (${r.existingRuleId ?? "no sgr id"})`;
}

/** The differences between `config` and `aws` (what discover read, as a network); see the module comment. */
export function compareWithAws(config: Network, aws: Network, scope: ScanScope): string[] {
  const lines: string[] = [];
  const awsVpcs = new Map([...aws.vpcs.values()].map((v) => [v.vpcId, v]));
  for (const vpc of config.vpcs.values()) {
    if (vpc.account.external || !scope.scanned(vpc.account.accountId, vpc.region)) continue;
    if (!scope.vpcIds.has(vpc.vpcId)) {
      lines.push(
        `- vpcs.${vpc.name}: ${vpc.vpcId} is in the config, not in AWS (${vpc.account.accountId}, ${vpc.region})`,
      );
      continue;
    }
    const found = awsVpcs.get(vpc.vpcId);
    if (!found) continue;
    for (const field of ["cidrBlocks", "ipv6CidrBlocks"] as const) {
      const have = vpc[field].map((c) => c.text).join(", ");
      const real = found[field].map((c) => c.text).join(", ");
      if (have !== real) lines.push(`~ vpcs.${vpc.name}.${field}: the config has [${have}], AWS has [${real}]`);
    }
  }
  const awsPeerings = new Map(aws.peerings.map((p) => [p.existingConnectionId as string, p]));
  const matched = new Set<string>();
  // A peering the template created has no id in the config: its two VPCs find it (one peering per pair).
  const awsByVpcs = new Map(aws.peerings.map((p) => [vpcPairKey(p.requester.vpcId, p.accepter.vpcId), p]));
  for (const p of config.peerings) {
    const id = connectionOf(p) ?? awsByVpcs.get(vpcPairKey(p.requester.vpcId, p.accepter.vpcId))?.existingConnectionId;
    if (id === undefined) continue;
    const found = awsPeerings.get(id);
    if (!found) {
      const state = scope.peeringStates.get(id);
      const ours = [p.requester, p.accepter].some(
        (v) => !v.account.external && scope.scanned(v.account.accountId, v.region),
      );
      if (p.existingConnectionId && ours && state !== "active") {
        lines.push(
          `- peerings.${p.name}: ${id} is adopted in the config but ${state ? `is ${state}` : "was not found"} in AWS`,
        );
      }
      continue;
    }
    matched.add(id);
    const have = facts(p);
    // A rule the config gives without its AWS id (the template creates it) matches the same rule with any id.
    const real = new Set(
      [...facts(found, (side) => scope.routesThrough(id, found[side].vpcId))].map((f) => {
        const withoutId = f.replace(/ \(sgr-[^)]*\)$/, " (no sgr id)");
        return !have.has(f) && have.has(withoutId) ? withoutId : f;
      }),
    );
    // One value each: a change is one line (~); routes and rules are sets: - and + lines.
    for (const key of SINGLE_VALUED) {
      const mine = [...have].find((f) => f.startsWith(`${key} `));
      const theirs = [...real].find((f) => f.startsWith(`${key} `));
      if (mine !== theirs)
        lines.push(
          `~ peerings.${p.name}.${key}: the config has ${mine?.slice(key.length + 1)}, AWS has ${theirs?.slice(key.length + 1)}`,
        );
    }
    const isSingle = (f: string) => SINGLE_VALUED.some((key) => f.startsWith(`${key} `));
    for (const f of [...have].filter((x) => !real.has(x) && !isSingle(x)).sort())
      lines.push(`- peerings.${p.name}: ${f}`);
    for (const f of [...real].filter((x) => !have.has(x) && !isSingle(x)).sort())
      lines.push(`+ peerings.${p.name}: ${f}`);
  }
  for (const p of aws.peerings) {
    if (!matched.has(p.existingConnectionId as string)) {
      lines.push(
        `+ peerings.${p.name}: ${p.existingConnectionId} (${p.requester.vpcId} -> ${p.accepter.vpcId}) is active in AWS, not in the config`,
      );
    }
  }
  return lines;
}
