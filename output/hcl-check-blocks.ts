import type { CheckBlockJson } from "../constructs/peering-connection-check";

const WHOLE_EXPRESSION = /^\$\{([^{}]*)\}$/;
/**
 * An interpolation, or the escapes `$${` and `%%{` that literal() writes for config text: both kept as
 * they are, so that text after an escape (`$${"} b`) is still escaped as text.
 */
const INTERPOLATION = /(\$\$\{|%%\{|\$\{[^{}]*\})/;

/**
 * A Terraform JSON string as an HCL expression: `"${expr}"` alone becomes
 * `expr`; anything else a quoted template, with `"` and `\` escaped outside
 * its interpolations (whose text HCL parses as it is).
 */
export function hclExpression(jsonString: string): string {
  const whole = WHOLE_EXPRESSION.exec(jsonString);
  if (whole) return whole[1];
  const parts = jsonString.split(INTERPOLATION);
  const escaped = parts.map((part, index) =>
    index % 2 === 1 ? part : part.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n"),
  );
  return `"${escaped.join("")}"`;
}

/**
 * The HCL of the `check` blocks of a stack's Terraform JSON. cdktf's HCL
 * output writes only the blocks it knows, and a stack's `check` blocks are a
 * raw override (cdktf 0.21 has no construct for them), so they are rendered
 * here: a provider reference bare (`provider = aws.<alias>`), every other
 * argument as an expression.
 */
export function renderCheckBlocks(checks: Readonly<Record<string, CheckBlockJson>>): string {
  const blocks = Object.entries(checks).map(([name, check]) => {
    const lines = [`check "${name}" {`];
    for (const [type, byName] of Object.entries(check.data ?? {})) {
      for (const [dataName, args] of Object.entries(byName)) {
        lines.push(`  data "${type}" "${dataName}" {`);
        for (const [key, value] of Object.entries(args))
          lines.push(`    ${key} = ${key === "provider" ? value : hclExpression(value)}`);
        lines.push("  }");
      }
    }
    for (const assertion of check.assert) {
      lines.push(
        "  assert {",
        `    condition     = ${hclExpression(assertion.condition)}`,
        `    error_message = ${hclExpression(assertion.error_message)}`,
        "  }",
      );
    }
    lines.push("}");
    return lines.join("\n");
  });
  return blocks.length > 0 ? `\n\n${blocks.join("\n\n")}\n` : "";
}
