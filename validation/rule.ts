import type { ParsedPeeringConfig } from "../config/schema";
import type { Network } from "../model/network";
import type { Finding } from "./finding";

/**
 * A rule that reads the schema-valid config before references are resolved
 * (unknown names, ids that must agree with each other).
 */
export interface ConfigRule {
  /** Short kebab-case id, also the rule's file name. */
  readonly id: string;
  /** What the rule protects against, in one sentence. */
  readonly description: string;
  check(config: ParsedPeeringConfig): Finding[];
}

/** A rule that reads the resolved network (topology, CIDRs, quotas, security groups). */
export interface NetworkRule {
  readonly id: string;
  readonly description: string;
  check(network: Network): Finding[];
}
