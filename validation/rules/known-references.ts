import { isExternalVpc } from "../../config/schema";
import { error, pathOf, type Finding } from "../../core/finding";
import { didYouMean } from "../closest-name";
import type { ConfigRule } from "../rule";

/** Every account and VPC a config names exists, else the closest existing key is suggested. */
export const knownReferences: ConfigRule = {
  id: "known-references",
  description: "VPCs name existing accounts; peerings name existing VPCs.",
  check(config) {
    const findings: Finding[] = [];
    const accountNames = Object.keys(config.accounts);
    for (const [name, vpc] of Object.entries(config.vpcs)) {
      if (isExternalVpc(vpc)) continue;
      if (!Object.hasOwn(config.accounts, vpc.account)) {
        findings.push(
          error(pathOf("vpcs", name, "account"), `no account named "${vpc.account}"${didYouMean(vpc.account, accountNames)}`),
        );
      }
    }
    const vpcNames = Object.keys(config.vpcs);
    for (const [name, peering] of Object.entries(config.peerings)) {
      for (const side of ["requester", "accepter"] as const) {
        const vpcName = peering[side];
        if (!Object.hasOwn(config.vpcs, vpcName)) {
          findings.push(error(pathOf("peerings", name, side), `no VPC named "${vpcName}"${didYouMean(vpcName, vpcNames)}`));
        }
      }
    }
    return findings;
  },
};
