import type { CdkLibrary } from "../cdk-library";

/**
 * The README's commands for the other library's CLI: `npx cdktf ...` in code
 * spans and code blocks becomes `npx cdktn ...`. Prose that names a library
 * (as the section on the switch itself does) is left as written.
 */
export function switchReadmeCommands(readme: string, from: CdkLibrary, to: CdkLibrary): string {
  const command = new RegExp(`\\bnpx ${from.cli.bin}(?= )`, "g");
  return readme
    .split(/(```[\s\S]*?```|`[^`\n]+`)/)
    .map((part, i) => (i % 2 === 1 ? part.replace(command, `npx ${to.cli.bin}`) : part))
    .join("");
}
