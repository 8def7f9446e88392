import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

/** What `terraform state list` said about one stack: its resource addresses, or why it could not be read. */
export type StateListing = { readonly resources: readonly string[] } | { readonly problem: string };

/** Lists the state of the stack in a folder (`terraform init` + `terraform state list` there, in the script). */
export type StateLister = (stackDir: string) => StateListing;

/** The stacks of a synthesized output folder, by name, with the folder each is planned in. */
export function manifestStacks(outdir: string): Map<string, string> {
  const file = join(outdir, "manifest.json");
  if (!existsSync(file)) throw new Error(`${file} does not exist; synthesize first (npm run synth)`);
  const manifest = JSON.parse(readFileSync(file, "utf8")) as { stacks?: Record<string, { workingDirectory?: string }> };
  return new Map(
    Object.entries(manifest.stacks ?? {}).map(([name, stack]) => [
      name,
      join(outdir, stack.workingDirectory ?? join("stacks", name)),
    ]),
  );
}

/** Stacks the base output has and the head output does not, sorted. */
export function vanishedStacks(base: ReadonlyMap<string, string>, head: ReadonlyMap<string, string>): string[] {
  return [...base.keys()].filter((name) => !head.has(name)).sort();
}

/** The outcome of {@link checkVanishedStacks}: one line per vanishing stack, and whether any blocks the change. */
export interface VanishedStacksCheck {
  readonly lines: readonly string[];
  readonly failed: boolean;
}

const shown = (addresses: readonly string[]) =>
  `${addresses.slice(0, 5).join(", ")}${addresses.length > 5 ? `, and ${addresses.length - 5} more` : ""}`;

/**
 * Compares the base branch's synthesized output with the head's: every stack
 * that vanishes while its state still holds resources fails the check, by
 * name. A stack whose state cannot be read fails too (nothing proves it is
 * empty); one whose state is empty may go.
 */
export function checkVanishedStacks(
  baseOutdir: string,
  headOutdir: string,
  listState: StateLister,
): VanishedStacksCheck {
  const base = manifestStacks(baseOutdir);
  const gone = vanishedStacks(base, manifestStacks(headOutdir));
  if (gone.length === 0) return { lines: ["no stack vanishes"], failed: false };
  let failed = false;
  const lines = gone.map((name) => {
    const listing = listState(base.get(name) as string);
    if ("problem" in listing) {
      failed = true;
      return `FAIL ${name} vanishes and its state could not be read (${listing.problem}); nothing shows that it holds no resources`;
    }
    if (listing.resources.length > 0) {
      failed = true;
      const count = `${listing.resources.length} resource${listing.resources.length === 1 ? "" : "s"}`;
      return `FAIL ${name} vanishes while its state still holds ${count} (${shown(listing.resources)}); nothing would plan their destruction and they would stay live, unmanaged: keep the stack until an applied plan of it has destroyed them, then remove it`;
    }
    return `ok   ${name} vanishes; its state holds no resources`;
  });
  return { lines, failed };
}
