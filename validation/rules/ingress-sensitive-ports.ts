import { type Finding, warning } from "../../core/finding";
import { SIDES } from "../../model/network";
import type { NetworkRule } from "../rule";

/** Administrative and database ports that deserve the narrowest source there is. */
const SENSITIVE_PORTS: ReadonlyMap<number, string> = new Map([
  [22, "SSH"],
  [3389, "RDP"],
  [3306, "MySQL"],
  [5432, "PostgreSQL"],
  [1433, "SQL Server"],
  [6379, "Redis"],
  [27017, "MongoDB"],
]);

/**
 * Warns when a CIDR source (a whole block of the peer) reaches an
 * administrative or database port: a security group reference admits only
 * the instances that need it.
 */
export const ingressSensitivePorts: NetworkRule = {
  id: "ingress-sensitive-ports",
  description: "CIDR sources on administrative or database ports are flagged.",
  check(network) {
    const findings: Finding[] = [];
    const flagged = new Set<string>();
    for (const peering of network.peerings) {
      for (const side of SIDES) {
        for (const rule of peering.ingress[side]) {
          if (rule.source.kind !== "cidr" || rule.protocol !== "tcp" || flagged.has(rule.path)) continue;
          const hit = [...SENSITIVE_PORTS].filter(
            ([port]) => port >= (rule.fromPort ?? 0) && port <= (rule.toPort ?? 65535),
          );
          if (hit.length === 0) continue;
          flagged.add(rule.path);
          const names = hit.map(([port, name]) => `${port} (${name})`).join(", ");
          findings.push(
            warning(
              `${rule.path}.source`,
              `a CIDR source reaches ${names}; ${peering.sameRegion ? "reference the peer's security group ({ securityGroupId: sg-... }) so that only the instances that need it get in" : "keep the CIDR as narrow as the clients that need it (security group references do not work across regions)"}`,
            ),
          );
        }
      }
    }
    return findings;
  },
};
