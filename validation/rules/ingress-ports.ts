import { error, type Finding, warning } from "../../core/finding";
import { ingressEntries } from "../ingress-entries";
import type { ConfigRule } from "../rule";

/** Port ranges wider than this are flagged: they usually mean "everything" written the long way. */
const WIDE_RANGE = 1024;

/**
 * tcp and udp rules name their ports (0-65535, from <= to); `all`, `icmp` and
 * `icmpv6` take none. `all` and ranges wider than 1024 ports are legal but
 * open much more than a peer usually needs: warnings.
 */
export const ingressPorts: ConfigRule = {
  id: "ingress-ports",
  description: "Ports fit the protocol; broad openings are flagged.",
  check(config) {
    const findings: Finding[] = [];
    for (const { path, rule } of ingressEntries(config)) {
      const portsPath = `${path}.ports`;
      if (rule.protocol === "tcp" || rule.protocol === "udp") {
        if (rule.ports === undefined) {
          findings.push(error(portsPath, `${rule.protocol} rules need ports: a port (443) or a range [from, to]`));
          continue;
        }
        const [from, to] = typeof rule.ports === "number" ? [rule.ports, rule.ports] : rule.ports;
        if (from > to) {
          findings.push(error(portsPath, `port range [${from}, ${to}] runs backwards; did you mean [${to}, ${from}]?`));
        } else if (to - from + 1 > WIDE_RANGE) {
          findings.push(
            warning(
              portsPath,
              `port range [${from}, ${to}] opens ${to - from + 1} ports to the peer; narrow it to the ports the service uses`,
            ),
          );
        }
      } else if (rule.ports !== undefined) {
        findings.push(
          error(
            portsPath,
            rule.protocol === "all"
              ? "protocol all opens every port; remove ports, or use tcp/udp with ports"
              : `${rule.protocol} rules open every ICMP type and code; remove ports`,
          ),
        );
      }
      if (rule.protocol === "all") {
        findings.push(
          warning(
            `${path}.protocol`,
            "protocol all opens every port and protocol to the peer; name the protocol and ports the service uses",
          ),
        );
      }
    }
    return findings;
  },
};
