import type { AcknowledgementConfig } from "../../config/schema";
import { error, type Finding, pathOf } from "../../core/finding";

/**
 * Applies the config's `acknowledge` list to the findings of every other
 * rule: a warning with the same rule id and path is marked acknowledged (it
 * no longer blocks strict mode; the report lists it with its reason). An
 * acknowledgement that matches no warning is an error, so that a fixed or
 * moved warning never leaves a stale exception behind; one that names an
 * error is refused (errors cannot be accepted).
 */
export const unmatchedAcknowledgements = {
  id: "unmatched-acknowledgements",
  description: "Every acknowledgement matches a warning of this config.",
  /**
   * @param complete whether the findings cover the whole config (an entry the
   * schema refused may be what an acknowledgement names: then none is reported unmatched)
   * @returns the findings, acknowledged warnings marked, and the problems of the acknowledgements
   */
  apply(
    acknowledgements: readonly AcknowledgementConfig[],
    findings: readonly Finding[],
    complete: boolean,
  ): { findings: Finding[]; problems: Finding[] } {
    const problems: Finding[] = [];
    const reasons = new Map<string, string>();
    acknowledgements.forEach((ack, index) => {
      const key = `${ack.rule} ${ack.path}`;
      const at = pathOf("acknowledge", index);
      const matching = findings.filter((f) => `${f.rule} ${f.path}` === key);
      if (matching.some((f) => f.severity === "error")) {
        problems.push(
          error(
            at,
            `${ack.rule} at ${ack.path} is an error, and errors cannot be acknowledged; fix it, or remove this acknowledgement`,
          ),
        );
      } else if (matching.length === 0) {
        if (complete) {
          problems.push(
            error(
              at,
              `no ${ack.rule} warning at ${ack.path}: it was fixed or moved; remove this acknowledgement, or copy the rule and path printed with the warning`,
            ),
          );
        }
      } else if (reasons.has(key)) {
        problems.push(error(at, `${ack.rule} at ${ack.path} is acknowledged twice; keep one`));
      } else {
        reasons.set(key, ack.reason);
      }
    });
    const marked = findings.map((f) => {
      const reason = f.severity === "warning" ? reasons.get(`${f.rule} ${f.path}`) : undefined;
      return reason === undefined ? f : { ...f, acknowledged: reason };
    });
    return { findings: marked, problems };
  },
};
