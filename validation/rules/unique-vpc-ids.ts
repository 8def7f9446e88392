import { isExternalVpc } from "../../config/schema";
import { error, type Finding, pathOf } from "../../core/finding";
import type { ConfigRule } from "../rule";

/** One VPC, one entry: two names for the same VPC would slip past the self-peering and one-peering-per-pair checks. */
export const uniqueVpcIds: ConfigRule = {
  id: "unique-vpc-ids",
  description: "Each VPC id appears under one VPC name only.",
  check(config) {
    const findings: Finding[] = [];
    const firstNameOf = new Map<string, string>();
    for (const [name, entry] of Object.entries(config.vpcs)) {
      const vpcId = isExternalVpc(entry) ? entry.external.vpcId : entry.vpcId;
      const path = isExternalVpc(entry) ? pathOf("vpcs", name, "external", "vpcId") : pathOf("vpcs", name, "vpcId");
      const first = firstNameOf.get(vpcId);
      if (first === undefined) firstNameOf.set(vpcId, name);
      else
        findings.push(
          error(
            path,
            `${vpcId} is already described as vpcs.${first}; describe each VPC once and refer to it by that name`,
          ),
        );
    }
    return findings;
  },
};
