import type { IngressRuleConfig, ParsedPeeringConfig } from "../config/schema";
import { pathOf } from "../core/finding";
import { SIDES, type Side } from "../model/network";

/** One ingress rule as written in the config, with where it is. */
export interface IngressEntry {
  readonly peering: string;
  readonly side: Side;
  /** e.g. `peerings.shared-to-app.ingress.accepter[0]` */
  readonly path: string;
  readonly rule: IngressRuleConfig;
}

/** Every ingress rule of a config, in config order. */
export function ingressEntries(config: ParsedPeeringConfig): IngressEntry[] {
  return Object.entries(config.peerings).flatMap(([peering, entry]) =>
    SIDES.flatMap((side) =>
      (entry.ingress?.[side] ?? []).map((rule, index) => ({
        peering,
        side,
        path: pathOf("peerings", peering, "ingress", side, index),
        rule,
      })),
    ),
  );
}
