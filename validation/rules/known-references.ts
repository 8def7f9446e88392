import { isExternalVpc } from "../../config/schema";
import { error, type Finding, pathOf } from "../../core/finding";
import { didYouMean } from "../closest-name";
import { COMPLETE, type ConfigRule } from "../rule";

/**
 * Every account and VPC a config names exists, else the closest existing key is
 * suggested. An entry the schema refused still exists: naming it is no error here.
 */
export const knownReferences: ConfigRule = {
  id: "known-references",
  description: "VPCs name existing accounts; peerings name existing VPCs.",
  check(config, context = COMPLETE) {
    const findings: Finding[] = [];
    const { setAside } = context;
    const accountNames = [...Object.keys(config.accounts), ...setAside.accounts];
    for (const [name, vpc] of Object.entries(config.vpcs)) {
      if (isExternalVpc(vpc)) continue;
      if (!Object.hasOwn(config.accounts, vpc.account) && !setAside.accounts.has(vpc.account)) {
        findings.push(
          error(
            pathOf("vpcs", name, "account"),
            `no account named "${vpc.account}"${didYouMean(vpc.account, accountNames)}`,
          ),
        );
      }
    }
    const vpcNames = [...Object.keys(config.vpcs), ...setAside.vpcs];
    for (const [name, peering] of Object.entries(config.peerings)) {
      for (const side of ["requester", "accepter"] as const) {
        const vpcName = peering[side];
        if (!Object.hasOwn(config.vpcs, vpcName) && !setAside.vpcs.has(vpcName)) {
          findings.push(
            error(pathOf("peerings", name, side), `no VPC named "${vpcName}"${didYouMean(vpcName, vpcNames)}`),
          );
        }
      }
    }
    // Entries the schema set aside still name others: a misspelt name there is a problem of its own.
    const field = (entry: unknown, key: string) =>
      typeof entry === "object" && entry !== null ? (entry as Record<string, unknown>)[key] : undefined;
    for (const [name, entry] of setAside.written?.vpcs ?? []) {
      const account = field(entry, "account");
      if (typeof account === "string" && !Object.hasOwn(config.accounts, account) && !setAside.accounts.has(account)) {
        findings.push(
          error(pathOf("vpcs", name, "account"), `no account named "${account}"${didYouMean(account, accountNames)}`),
        );
      }
    }
    for (const [name, entry] of setAside.written?.peerings ?? []) {
      for (const side of ["requester", "accepter"] as const) {
        const vpcName = field(entry, side);
        if (typeof vpcName === "string" && !Object.hasOwn(config.vpcs, vpcName) && !setAside.vpcs.has(vpcName)) {
          findings.push(
            error(pathOf("peerings", name, side), `no VPC named "${vpcName}"${didYouMean(vpcName, vpcNames)}`),
          );
        }
      }
    }
    return findings;
  },
};
