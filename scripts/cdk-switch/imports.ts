import type { CdkLibrary } from "../cdk-library";

/**
 * Source text with every module specifier of one library's packages
 * (`"cdktf"`, `"cdktf/lib/..."`, `"@cdktf/provider-aws/lib/<resource>"`) in
 * `import ... from`, side-effect `import`, `import()` and `require()` turned
 * into the other's. Provider classes keep their own module path: the
 * package root is never imported (it loads the whole provider).
 */
export function switchImports(source: string, from: CdkLibrary, to: CdkLibrary): string {
  const renames = new Map([
    [from.core.name, to.core.name],
    [from.aws.name, to.aws.name],
  ]);
  const names = [...renames.keys()].map((n) => n.replace(/[/.]/g, "\\$&")).join("|");
  const specifier = new RegExp(
    `(\\bfrom\\s+|\\bimport\\s+|\\bimport\\(\\s*|\\brequire\\(\\s*)(["'])(${names})((?:/[^"']*)?)\\2`,
    "g",
  );
  return source.replace(
    specifier,
    (_all, lead: string, quote: string, name: string, rest: string) =>
      `${lead}${quote}${renames.get(name)}${rest}${quote}`,
  );
}
