import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { EC2Client } from "@aws-sdk/client-ec2";
import { isMap, isScalar, parseDocument, visit } from "yaml";
import { AWS_REGIONS } from "../config/aws-regions";
import { readConfigFile } from "../config/read-config-file";
import type { Network } from "../model/network";
import { checkConfig, validateConfig } from "../validation/validate";
import type { AwsAccess } from "./account-clients";
import { buildConfig, type DiscoveredConfig, type KnownNames, type ScannedAccount, vpcPairKey } from "./build-config";
import { compareWithAws, type ScanScope } from "./compare";
import { type RegionProgress, readEstate } from "./discover";
import { DiscoverError } from "./discover-error";
import { renderYaml } from "./render-yaml";
import type { RegionSnapshot } from "./snapshot";

/**
 * `npm run discover` without the command line: resolves the accounts and
 * regions, reads AWS, builds the config, merges it into an existing one
 * (whose entries stay as they are) and compares the two, and writes the
 * result atomically (a temporary file renamed over the target), or nothing.
 */

/** Options of {@link runDiscover}. */
export interface DiscoverOptions {
  /** Account names of the config, or 12-digit ids; default: every account of the config. */
  readonly accounts?: readonly string[];
  /** Regions; default: the regions of the config's VPCs, else the SDK's default region. */
  readonly regions?: readonly string[];
  /** An existing YAML or JSON config: its accounts (and plan roles) are used and discover merges into it. */
  readonly configFile?: string;
  /** Where to write; default `config/discovered.yaml`. Never written with `check`. */
  readonly out?: string;
  /** Only compare the config with AWS (needs configFile). */
  readonly check?: boolean;
  /** The project name of a new config; default: the config's, else "discovered". */
  readonly project?: string;
  readonly access: AwsAccess;
  readonly onProgress?: (progress: RegionProgress) => void;
}

/** What one run found and did. */
export interface DiscoverResult {
  /** The config written (or, with check, the one that would be). */
  readonly yaml: string;
  readonly config: unknown;
  readonly discovered: DiscoveredConfig;
  /** Differences between the existing config and AWS (empty without a config). */
  readonly differences: readonly string[];
  /** The file written, if any. */
  readonly written?: string;
  readonly accounts: readonly ScannedAccount[];
  readonly regions: readonly string[];
  /** What the user must add before synth (deploy roles AWS cannot tell), one line each. */
  readonly todo: readonly string[];
}

/** The default output file. */
export const DEFAULT_OUT = "config/discovered.yaml";

type RawConfig = {
  project?: string;
  accounts?: Record<string, Record<string, unknown>>;
  vpcs?: Record<string, Record<string, unknown>>;
  peerings?: Record<string, Record<string, unknown>>;
};

function resolveAccounts(
  tokens: readonly string[] | undefined,
  raw: RawConfig | undefined,
  file?: string,
): ScannedAccount[] {
  const configured = Object.entries(raw?.accounts ?? {}).map(
    ([name, a]): ScannedAccount => ({
      name,
      accountId: String(a.accountId ?? ""),
      ...(typeof a.roleArn === "string" ? { roleArn: a.roleArn } : {}),
      ...(typeof a.externalId === "string" ? { externalId: a.externalId } : {}),
      ...(typeof a.planRoleArn === "string" ? { planRoleArn: a.planRoleArn } : {}),
    }),
  );
  if (!tokens || tokens.length === 0) {
    if (configured.length === 0)
      throw new DiscoverError("--accounts is required: account names of --config, or 12-digit account ids");
    return configured;
  }
  const out = new Map<string, ScannedAccount>();
  for (const token of tokens) {
    const byName = configured.find((a) => a.name === token);
    if (/^\d{12}$/.test(token)) {
      const known = configured.find((a) => a.accountId === token);
      out.set(token, known ?? { name: `account-${token}`, accountId: token });
    } else if (byName) {
      out.set(byName.accountId, byName);
    } else {
      throw new DiscoverError(
        `--accounts: ${JSON.stringify(token)} is neither a 12-digit account id nor an account of ${file ?? "the config (give one with --config)"}${configured.length > 0 ? ` (${configured.map((a) => a.name).join(", ")})` : ""}`,
      );
    }
  }
  return [...out.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

async function resolveRegions(tokens: readonly string[] | undefined, raw: RawConfig | undefined): Promise<string[]> {
  let regions = tokens && tokens.length > 0 ? [...tokens] : [];
  if (regions.length === 0)
    regions = Object.values(raw?.vpcs ?? {})
      .map((v) => v.region)
      .filter((r): r is string => typeof r === "string");
  if (regions.length === 0) {
    const probe = new EC2Client({});
    try {
      regions = [await probe.config.region()];
    } catch {
      throw new DiscoverError("no region: pass --regions (e.g. --regions us-east-1,eu-west-1) or set AWS_REGION");
    } finally {
      probe.destroy();
    }
  }
  for (const r of regions)
    if (!(AWS_REGIONS as readonly string[]).includes(r))
      throw new DiscoverError(`--regions: ${JSON.stringify(r)} is not an AWS region; use names such as us-east-1`);
  return [...new Set(regions)].sort();
}

/**
 * The existing config's names for VPCs (by id) and peerings (by connection id,
 * or, for a peering without one, by its requester and accepter VPC ids).
 */
function knownNames(raw: RawConfig | undefined): KnownNames {
  const vpcs = new Map<string, string>();
  for (const [name, v] of Object.entries(raw?.vpcs ?? {})) {
    const id = (v.external as Record<string, unknown> | undefined)?.vpcId ?? v.vpcId;
    if (typeof id === "string") vpcs.set(id, name);
  }
  const vpcIdOf = new Map([...vpcs].map(([id, name]) => [name, id]));
  const peerings = new Map<string, string>();
  const peeringsByVpcs = new Map<string, string>();
  for (const [name, p] of Object.entries(raw?.peerings ?? {})) {
    const id = (p.existing as Record<string, unknown> | undefined)?.peeringConnectionId ?? p.peeringConnectionId;
    if (typeof id === "string") peerings.set(id, name);
    else if (typeof p.requester === "string" && typeof p.accepter === "string") {
      // A peering the template creates has no id yet: its two VPCs name it (one peering per pair).
      const requester = vpcIdOf.get(p.requester);
      const accepter = vpcIdOf.get(p.accepter);
      if (requester !== undefined && accepter !== undefined) peeringsByVpcs.set(vpcPairKey(requester, accepter), name);
    }
  }
  return {
    vpcs,
    peerings,
    peeringsByVpcs,
    taken: { vpcs: new Set(Object.keys(raw?.vpcs ?? {})), peerings: new Set(Object.keys(raw?.peerings ?? {})) },
  };
}

function scopeOf(snapshots: readonly RegionSnapshot[]): ScanScope {
  const keys = new Set(snapshots.map((s) => `${s.accountId}/${s.region}`));
  const states = new Map<string, string>();
  for (const s of snapshots) for (const p of s.peerings) states.set(p.id, p.status);
  const routes = new Map<string, string[]>();
  for (const s of snapshots)
    for (const t of s.routeTables)
      for (const r of t.routes) {
        if (!r.peeringConnectionId) continue;
        const key = `${r.peeringConnectionId} ${t.vpcId}`;
        routes.set(key, [...(routes.get(key) ?? []), `${t.id} -> ${r.destination ?? r.prefixListId}`]);
      }
  return {
    routesThrough: (peeringId, vpcId) => routes.get(`${peeringId} ${vpcId}`) ?? [],
    scanned: (accountId, region) => keys.has(`${accountId}/${region}`),
    vpcIds: new Set(snapshots.flatMap((s) => s.vpcs.map((v) => v.vpcId))),
    peeringStates: states,
  };
}

/** Entries of `discovered` whose keys `raw` does not have, per section. */
export function newEntries(raw: RawConfig, discovered: DiscoveredConfig["config"]) {
  const pick = <T>(have: Record<string, unknown> | undefined, found: Record<string, T>) =>
    Object.entries(found).filter(([name]) => !Object.hasOwn(have ?? {}, name));
  return {
    accounts: pick(raw.accounts, discovered.accounts),
    vpcs: pick(raw.vpcs, discovered.vpcs),
    peerings: pick(raw.peerings, discovered.peerings),
  };
}

/**
 * The existing config's text with the new entries added (existing entries and comments kept).
 *
 * @param file the config's file name, for the error when a section is not a plain map (an alias, or null)
 */
export function mergedYaml(
  text: string,
  added: ReturnType<typeof newEntries>,
  discovered: DiscoveredConfig,
  file: string,
): string {
  const doc = parseDocument(text);
  for (const section of ["accounts", "vpcs", "peerings"] as const) {
    for (const [name, entry] of added[section]) {
      const node = doc.createNode(entry);
      visit(node, {
        Seq(_, seq) {
          if (seq.items.every((i) => isScalar(i))) seq.flow = true;
        },
        Map(_, map) {
          if (map.items.length === 1 && map.items.every((p) => isScalar(p.value))) map.flow = true;
        },
      });
      if (!doc.hasIn([section])) doc.setIn([section], doc.createNode({}));
      const target = doc.getIn([section]);
      if (!isMap(target))
        throw new DiscoverError(
          `cannot merge into ${section} of ${file}: not a plain map; write ${section} as a map of entries (no alias), or merge by hand`,
        );
      target.flow = false;
      const pair = doc.createPair(name, node);
      const notes = discovered.notes.filter((n) => section === "peerings" && n.peering === name);
      if (notes.length > 0 && isScalar(pair.key))
        pair.key.commentBefore = notes.map((n) => ` NOTE: ${n.text}`).join("\n");
      target.items.push(pair);
    }
  }
  return doc.toString({ lineWidth: 0, indentSeq: true, flowCollectionPadding: false });
}

/** Writes `text` to `file` through a temporary file in the same folder, renamed into place. */
export function writeAtomically(file: string, text: string): void {
  mkdirSync(dirname(file) || ".", { recursive: true });
  const temp = join(dirname(file) || ".", `.${basename(file)}.${process.pid}.tmp`);
  try {
    writeFileSync(temp, text);
    renameSync(temp, file);
  } finally {
    rmSync(temp, { force: true });
  }
}

const todoHeader = (todo: readonly string[]) =>
  todo.length > 0 ? ["", "Before npm run synth, add:", ...todo.map((l) => `  ${l}`)] : [];

/** Runs discover; see the module comment. */
export async function runDiscover(options: DiscoverOptions): Promise<DiscoverResult> {
  const raw = options.configFile ? (readConfigFile(options.configFile) as RawConfig) : undefined;
  if (options.check && !raw) throw new DiscoverError("--check compares a config with AWS: give it with --config");
  // A config with VPCs or peerings must be valid to be merged into or checked; one with accounts only is a start.
  let existing: Network | undefined;
  if (raw && options.configFile) {
    const hasEntries = Object.keys(raw.vpcs ?? {}).length + Object.keys(raw.peerings ?? {}).length > 0;
    if (hasEntries) existing = validateConfig(raw, { source: options.configFile }).network;
    else if (checkConfig(raw).findings.some((f) => f.path.startsWith("accounts")))
      validateConfig(raw, { source: options.configFile });
  }
  const accounts = resolveAccounts(options.accounts, raw, options.configFile);
  const regions = await resolveRegions(options.regions, raw);
  const snapshots = await readEstate({ ...options.access, accounts, regions, onProgress: options.onProgress });
  const project = options.project ?? raw?.project ?? "discovered";
  const discovered = buildConfig(project, accounts, snapshots, knownNames(raw));
  const source = "the discovered config";
  // The config as discovered must be valid on its own: it is what the plan adopts. Only the deploy roles
  // (roleArn) of the accounts may be missing: AWS does not say which role to deploy with; the user adds them.
  const { findings, network: awsNetwork } = checkConfig(discovered.config);
  const errors = findings.filter((f) => f.severity === "error");
  const todo = errors.filter((f) => /^accounts\.[^.]+\.roleArn$/.test(f.path));
  if (errors.length > todo.length || !awsNetwork) validateConfig(discovered.config, { source });
  const before = todo.map((f) => `${f.path}: ${f.message}`);
  let yaml: string;
  let config: unknown = discovered.config;
  let differences: string[] = [];
  if (raw && options.configFile) {
    const added = newEntries(raw, discovered.config);
    const merged = {
      ...raw,
      accounts: { ...raw.accounts, ...Object.fromEntries(added.accounts) },
      vpcs: { ...raw.vpcs, ...Object.fromEntries(added.vpcs) },
      peerings: { ...raw.peerings, ...Object.fromEntries(added.peerings) },
    };
    const mergedCheck = checkConfig(merged).findings.filter(
      (f) => f.severity === "error" && !/^accounts\.[^.]+\.roleArn$/.test(f.path),
    );
    if (mergedCheck.length > 0) validateConfig(merged, { source: `${options.configFile} with the discovered entries` });
    config = merged;
    const text = readFileSync(options.configFile, "utf8");
    // A config with entries keeps its text (and comments); one with accounts only, or JSON, is written afresh.
    yaml =
      existing && !/\.json$/i.test(options.configFile)
        ? mergedYaml(text, added, discovered, options.configFile)
        : renderYaml({ ...discovered, config: merged as never }, todoHeader(before));
    differences = existing ? compareWithAws(existing, awsNetwork as Network, scopeOf(snapshots)) : [];
  } else {
    yaml = renderYaml(discovered, todoHeader(before));
  }
  let written: string | undefined;
  if (!options.check) {
    written = options.out ?? DEFAULT_OUT;
    writeAtomically(written, yaml);
  }
  return { yaml, config, discovered, differences, written, accounts, regions, todo: before };
}
