import { error, type Finding, pathOf } from "../../core/finding";
import type { ConfigRule } from "../rule";

/**
 * Each former name moves to one peering (that it is not a current name is
 * adoption-ids' concern): two peerings with the same `previousName` would need two `moved` blocks
 * from one address, which Terraform refuses as ambiguous.
 */
export const uniquePreviousNames: ConfigRule = {
  id: "unique-previous-names",
  description: "A previousName is given by at most one peering.",
  check(config) {
    const findings: Finding[] = [];
    const claimedBy = new Map<string, string>();
    for (const [name, peering] of Object.entries(config.peerings)) {
      const previous = peering.previousName;
      if (previous === undefined) continue;
      const at = pathOf("peerings", name, "previousName");
      const other = claimedBy.get(previous);
      if (other !== undefined) {
        findings.push(
          error(
            at,
            `"${previous}" is already the previousName of peering ${other}; one former name moves to one peering only`,
          ),
        );
      }
      claimedBy.set(previous, name);
    }
    return findings;
  },
};
