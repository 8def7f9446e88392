import { type ParsedPeeringConfig, peeringConfigSchema } from "../config/schema";

/** The map entries of a config that the schema refused, by map: they exist, but could not be checked. */
export interface SetAside {
  readonly accounts: ReadonlySet<string>;
  readonly vpcs: ReadonlySet<string>;
  readonly peerings: ReadonlySet<string>;
  /** The set-aside VPC and peering entries as written, so that their names of other entries can still be checked. */
  readonly written?: { readonly vpcs: ReadonlyMap<string, unknown>; readonly peerings: ReadonlyMap<string, unknown> };
}

/** The part of a config that parsed, and what was set aside to get it. */
export interface ParsedPart {
  readonly config: ParsedPeeringConfig;
  readonly setAside: SetAside;
}

const MAPS = ["accounts", "vpcs", "peerings"] as const;
type MapName = (typeof MAPS)[number];
/** How many times entries are set aside and the rest parsed again before giving up. */
const MAX_ROUNDS = 8;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * The largest part of a config that the schema accepts, found by setting
 * aside each account, VPC or peering entry (and each optional top-level
 * field) that a schema issue points into, and parsing the rest again. The
 * semantic rules then run on that part, so that a typo in one VPC hides no
 * problem of another. Returns nothing when the config's frame itself (not an
 * object, a map that is not a map) is broken.
 */
export function parsedPart(input: unknown): ParsedPart | undefined {
  if (!isRecord(input)) return undefined;
  const rest: Record<string, unknown> = { ...input };
  for (const map of MAPS) if (isRecord(input[map])) rest[map] = { ...input[map] };
  const setAside: Record<MapName, Set<string>> = { accounts: new Set(), vpcs: new Set(), peerings: new Set() };
  const written = { vpcs: new Map<string, unknown>(), peerings: new Map<string, unknown>() };
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const parsed = peeringConfigSchema.safeParse(rest);
    if (parsed.success) return { config: parsed.data, setAside: { ...setAside, written } };
    for (const issue of parsed.error.issues) {
      const [top, entry] = issue.path.map(String);
      if (top === undefined) {
        if (issue.code !== "unrecognized_keys") return undefined;
        for (const key of issue.keys) delete rest[key];
      } else if ((MAPS as readonly string[]).includes(top)) {
        const map = rest[top];
        if (entry === undefined || !isRecord(map)) return undefined;
        if (top === "vpcs" || top === "peerings") written[top].set(entry, map[entry]);
        delete map[entry];
        setAside[top as MapName].add(entry);
      } else if (top === "project") {
        rest.project = "unchecked"; // only names and tags use it; its own finding is the schema's
      } else {
        delete rest[top]; // every other top-level field is optional
      }
    }
  }
  return undefined;
}
