import { isExternalVpc } from "../../config/schema";
import { type Finding, pathOf, warning } from "../../core/finding";
import { COMPLETE, type ConfigRule } from "../rule";

/**
 * Warns about a VPC that no peering names: nothing is synthesized for it, so
 * it is usually a peering not written yet or a name misspelt in one. Not
 * reported while a peering is set aside by the schema or names an unknown
 * VPC (it may be the one meant to use the VPC).
 */
export const unusedVpcs: ConfigRule = {
  id: "unused-vpcs",
  description: "Every VPC of the config takes part in a peering.",
  check(config, context = COMPLETE) {
    const used = new Set(Object.values(config.peerings).flatMap((peering) => [peering.requester, peering.accepter]));
    // A set-aside peering, or a misspelt name (known-references' error), may be the one meant to use a VPC.
    if (context.setAside.peerings.size > 0 || [...used].some((name) => !Object.hasOwn(config.vpcs, name))) return [];
    const findings: Finding[] = [];
    for (const [name, vpc] of Object.entries(config.vpcs)) {
      if (used.has(name)) continue;
      if (!isExternalVpc(vpc) && !Object.hasOwn(config.accounts, vpc.account)) continue; // its unknown account is the problem to fix first
      findings.push(
        warning(
          pathOf("vpcs", name),
          `no peering uses VPC ${name}, so nothing is synthesized for it; add the peering it is for, or remove it`,
        ),
      );
    }
    return findings;
  },
};
