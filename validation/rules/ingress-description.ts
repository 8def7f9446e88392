import { error, type Finding, warning } from "../../core/finding";
import { ingressEntries } from "../ingress-entries";
import type { ConfigRule } from "../rule";

/** The characters AWS allows in a security group rule description. */
const ALLOWED = /^[a-zA-Z0-9. _\-:/()#,@[\]+=&;{}!$*]*$/;
const MAX_LENGTH = 255;
/** A description shorter than this many words (each with a letter) says little: "x", "again", "rule". */
const MIN_WORDS = 2;

const wordsOf = (text: string) =>
  text
    .trim()
    .split(/\s+/)
    .filter((word) => /[A-Za-z]/.test(word)).length;

/**
 * Every ingress rule says what it is for, within AWS's limits: at most 255
 * characters, of the characters AWS accepts, and not Terraform's placeholder
 * "Managed by Terraform" (which says nothing to the next reader). A
 * one-word description ("x", "again") is a warning.
 */
export const ingressDescription: ConfigRule = {
  id: "ingress-description",
  description: "Ingress rule descriptions are present, meaningful and accepted by AWS.",
  check(config) {
    const findings: Finding[] = [];
    for (const { path, rule } of ingressEntries(config)) {
      const at = `${path}.description`;
      const text = rule.description;
      if (text.trim() === "") {
        findings.push(error(at, 'describe what the rule lets in, e.g. "HTTPS from shared services"'));
      } else if (text.trim().toLowerCase() === "managed by terraform") {
        findings.push(
          error(
            at,
            '"Managed by Terraform" says nothing; describe what the rule lets in, e.g. "HTTPS from shared services"',
          ),
        );
      } else if (wordsOf(text) < MIN_WORDS) {
        findings.push(
          warning(
            at,
            `${JSON.stringify(text.slice(0, 40))} says little to the next reader; say what the rule lets in and from where, e.g. "HTTPS from shared services"`,
          ),
        );
      }
      if (text.length > MAX_LENGTH) {
        findings.push(error(at, `description is ${text.length} characters; AWS allows at most ${MAX_LENGTH}`));
      }
      const bad = [...new Set([...text].filter((c) => !ALLOWED.test(c)))];
      if (bad.length > 0) {
        findings.push(
          error(
            at,
            `AWS does not accept ${bad.map((c) => JSON.stringify(c)).join(", ")} in descriptions; use letters, digits, spaces and ._-:/()#,@[]+=&;{}!$*`,
          ),
        );
      }
    }
    return findings;
  },
};
