import type { ParsedPeeringConfig } from "../config/schema";
import type { Finding } from "../core/finding";
import type { Network } from "../model/network";
import type { SetAside } from "./set-aside";

/** What a rule knows besides the config: which entries the schema refused. */
export interface RuleContext {
  /** Entries the schema refused: they exist (a reference to one is not unknown) but are not checked. */
  readonly setAside: SetAside;
  /** Whether the rule sees the whole config (nothing was set aside or left unresolved). */
  readonly complete: boolean;
}

/** The context of a config that parsed completely. */
export const COMPLETE: RuleContext = {
  setAside: { accounts: new Set(), vpcs: new Set(), peerings: new Set() },
  complete: true,
};

/** What every rule has: an id (also its file name) and what it protects against. */
interface RuleInfo {
  /** Short kebab-case id, also the rule's file name under `validation/rules/`. */
  readonly id: string;
  /** What the rule protects against, in one sentence. */
  readonly description: string;
}

/**
 * A rule that reads the schema-valid config itself: references between its
 * maps, and the shape of single entries (ports, descriptions) that the
 * resolved network no longer shows as written.
 */
export interface ConfigRule extends RuleInfo {
  check(config: ParsedPeeringConfig, context?: RuleContext): Finding[];
}

/** A rule that reads the resolved network: topology, CIDRs, quotas, security groups. */
export interface NetworkRule extends RuleInfo {
  check(network: Network, context?: RuleContext): Finding[];
}
