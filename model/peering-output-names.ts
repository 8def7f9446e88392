import { NAME_PATTERN } from "../config/schema";
/**
 * Names of a stack's Terraform outputs and check blocks, derived from peering
 * names only (never list positions), so they stay put when the config is
 * reordered or grows, like the resource addresses.
 *
 * A peering name is lowercase letters, digits and dashes, starting with a
 * letter (config/schema.ts). Dashes are valid in Terraform identifiers, but
 * `jq .peering_shared-to-app` and `outputs.shared-to-app` in other languages
 * read them as a minus, so outputs and checks use `_` instead:
 * `shared-to-app` → `peering_shared_to_app`. Peering names hold no `_`, so
 * this is one-to-one; a name that is not a peering name is refused rather
 * than mangled into a name another peering could have.
 */

/** The per-stack output that maps every peering of the stack, by peering name, to its {@link PeeringOutputValue}. */
export const PEERINGS_OUTPUT = "peerings_by_name";

/**
 * The Terraform identifier for a peering: `peering_` and its name with `-` as `_`.
 * @throws Error naming the peering when the name is not a peering name (it could collide)
 */
export function peeringIdentifier(peeringName: string): string {
  if (!NAME_PATTERN.test(peeringName)) {
    throw new Error(
      `peerings.${peeringName}: cannot derive a Terraform output name: peering names are lowercase letters, digits and dashes, starting with a letter`,
    );
  }
  return `peering_${peeringName.replace(/-/g, "_")}`;
}

/** Name of a peering's output (`peering_<name>`): its {@link PeeringOutputValue}. */
export const peeringOutputName = peeringIdentifier;

/** Name of a peering's `check` block, and of the `aws_vpc_peering_connection` data source scoped in it. */
export const peeringCheckName = peeringIdentifier;

/** The fields of a peering's output, in the order they are written. */
export const PEERING_OUTPUT_FIELDS = [
  "connection_id",
  "accept_status",
  "requester_vpc_id",
  "accepter_vpc_id",
  "accepter_region",
] as const;

/** What a peering's output holds (and each entry of {@link PEERINGS_OUTPUT}). */
export type PeeringOutputValue = Record<(typeof PEERING_OUTPUT_FIELDS)[number], string>;
