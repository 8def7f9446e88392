import type { CdkLibrary } from "../cdk-library";

/** Sections that keep naming the CLI they were written about: measured numbers, and the switch itself. */
const KEPT_SECTIONS = ["## Performance", "## Running without CDKTF"];

/**
 * The README's commands for the other library's CLI: `npx cdktf ...` in code
 * spans and code blocks becomes `npx cdktn ...`. Prose, the benchmark's
 * measurements (taken with one CLI) and the section on the switch itself
 * are left as written.
 */
export function switchReadmeCommands(readme: string, from: CdkLibrary, to: CdkLibrary): string {
  const command = new RegExp(`\\bnpx ${from.cli.bin}(?= )`, "g");
  const switchCode = (text: string) =>
    text
      .split(/(```[\s\S]*?```|`[^`\n]+`)/)
      .map((part, i) => (i % 2 === 1 ? part.replace(command, `npx ${to.cli.bin}`) : part))
      .join("");
  return readme
    .split(/^(?=## )/m)
    .map((section) =>
      KEPT_SECTIONS.some((heading) => section.startsWith(`${heading}\n`)) ? section : switchCode(section),
    )
    .join("");
}
