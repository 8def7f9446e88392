import { error, type Finding, warning } from "../../core/finding";
import { COMPLETE, type ConfigRule } from "../rule";

/**
 * A config names at least one account, so that synth has a stack to write;
 * a config with accounts but no peerings is legal (every stack is empty, and
 * its plan destroys what it managed) and is said out loud.
 */
export const networkNotEmpty: ConfigRule = {
  id: "network-not-empty",
  description: "A config has at least one account, and says so when it has no peering.",
  check(config, context = COMPLETE) {
    const findings: Finding[] = [];
    if (!context.complete) return findings; // an entry the schema refused may be the account or peering missing here
    if (Object.keys(config.accounts).length === 0) {
      findings.push(
        error(
          "accounts",
          "no account is configured, so there is no stack to synthesize; add the accounts that own your VPCs",
        ),
      );
    } else if (Object.keys(config.peerings).length === 0) {
      findings.push(
        warning(
          "peerings",
          "no peering is configured: every account's stack is empty, and applying it destroys every peering it managed",
        ),
      );
    }
    return findings;
  },
};
