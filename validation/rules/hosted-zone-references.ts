import { isExternalVpc } from "../../config/schema";
import { error, type Finding, pathOf } from "../../core/finding";
import { SIDES } from "../../model/network";
import { didYouMean } from "../closest-name";
import { COMPLETE, type ConfigRule } from "../rule";

/**
 * Every zone a peering shares is a zone of one of its sides, listed once in the config, and goes to
 * a VPC we act for: a zone id listed under two VPCs, an id in `shareHostedZones` that neither side
 * lists, a mode that names a side without zones, or a zone shared with an external VPC (whose
 * account we never act in, so nothing could associate it) is an error. Peerings whose VPCs are
 * unknown or set aside by the schema are left to the other rules.
 */
export const hostedZoneReferences: ConfigRule = {
  id: "hosted-zone-references",
  description:
    "Zones are listed under one VPC, and a peering shares only zones of its own sides, with a VPC we act for.",
  check(config, context = COMPLETE) {
    const findings: Finding[] = [];
    const ownerOf = new Map<string, string>();
    for (const [name, vpc] of Object.entries(config.vpcs)) {
      if (isExternalVpc(vpc)) continue;
      (vpc.hostedZones ?? []).forEach((zone, index) => {
        const owner = ownerOf.get(zone.zoneId);
        if (owner === undefined) {
          ownerOf.set(zone.zoneId, name);
          return;
        }
        findings.push(
          error(
            pathOf("vpcs", name, "hostedZones", index, "zoneId"),
            `zone ${zone.zoneId} is already listed under vpcs.${owner}.hostedZones; list each zone once, under the VPC whose account created it`,
          ),
        );
      });
    }
    for (const [name, peering] of Object.entries(config.peerings)) {
      const share = peering.shareHostedZones ?? "none";
      if (share === "none") continue;
      const entries = SIDES.map((side) => config.vpcs[peering[side]]);
      if (SIDES.some((side, i) => entries[i] === undefined || context.setAside.vpcs.has(peering[side]))) continue;
      const path = pathOf("peerings", name, "shareHostedZones");
      const zonesOf = (i: number) => {
        const vpc = entries[i];
        return vpc === undefined || isExternalVpc(vpc) ? [] : (vpc.hostedZones ?? []);
      };
      const sharing: number[] = [];
      if (Array.isArray(share)) {
        share.forEach((zoneId, index) => {
          const at = SIDES.findIndex((_, i) => zonesOf(i).some((zone) => zone.zoneId === zoneId));
          if (at >= 0) {
            sharing.push(at);
            if (share.indexOf(zoneId) !== index)
              findings.push(error(pathOf(path, index), `zone ${zoneId} is listed twice; list it once`));
            return;
          }
          const elsewhere = ownerOf.get(zoneId);
          const known = SIDES.flatMap((_, i) => zonesOf(i).map((zone) => zone.zoneId));
          findings.push(
            error(
              pathOf(path, index),
              elsewhere === undefined
                ? `no zone ${zoneId} under vpcs.${peering.requester}.hostedZones or vpcs.${peering.accepter}.hostedZones${didYouMean(zoneId, known)}`
                : `zone ${zoneId} belongs to vpcs.${elsewhere}, which is not a side of this peering; a peering shares only its own sides' zones (share it on a peering of vpcs.${elsewhere})`,
            ),
          );
        });
      } else {
        const sides = share === "both" ? [0, 1] : [SIDES.indexOf(share)];
        const withZones = sides.filter((i) => zonesOf(i).length > 0);
        if (withZones.length === 0) {
          const names = sides.map((i) => `vpcs.${peering[SIDES[i]]}.hostedZones`).join(" and ");
          findings.push(
            error(
              path,
              `"${share}" shares the zones of ${names}, and there are none; list the zones there, or write "none"`,
            ),
          );
        }
        sharing.push(...withZones);
      }
      for (const i of new Set(sharing)) {
        const receiver = SIDES[1 - i];
        const entry = entries[1 - i];
        if (entry !== undefined && isExternalVpc(entry)) {
          findings.push(
            error(
              path,
              `the ${receiver}, vpcs.${peering[receiver]}, is external: its account must associate the zones itself, and no stack acts in it; share no zones with it (write "none" or list only zones it does not receive)`,
            ),
          );
        }
      }
    }
    return findings;
  },
};
