import type { ParsedPeeringConfig } from "../config/schema";
import type { Network } from "../model/network";
import type { Finding } from "../core/finding";

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
  check(config: ParsedPeeringConfig): Finding[];
}

/** A rule that reads the resolved network: topology, CIDRs, quotas, security groups. */
export interface NetworkRule extends RuleInfo {
  check(network: Network): Finding[];
}
