/** What is wrong with a `terraform validate -json` result, or nothing. */
export function hclValidation(output: string): string | undefined {
  let result: { valid?: boolean; warning_count?: number; diagnostics?: Array<{ severity: string; summary: string }> };
  try {
    result = JSON.parse(output) as typeof result;
  } catch {
    return `terraform validate did not answer in JSON: ${output.split("\n")[0]}`;
  }
  const diagnostics = (result.diagnostics ?? []).map((d) => `${d.severity}: ${d.summary}`);
  const counted = [...new Set(diagnostics)].map((line) => `${line} (x${diagnostics.filter((d) => d === line).length})`);
  if (result.valid && (result.warning_count ?? 0) === 0) return undefined;
  return counted.join("; ") || "invalid";
}
