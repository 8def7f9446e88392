/**
 * Config text is data: Terraform reads every string of its JSON (and HCL) as
 * a template, where `${...}` is an expression and `%{...}` a directive. A tag
 * such as `${file("~/.aws/credentials")}` would be evaluated, with the plan's
 * credentials, and its result posted into a pull-request comment. Every
 * string that comes from the config goes through {@link literal} on its way
 * into a resource, so that Terraform sees exactly the text the config held.
 *
 * @see https://developer.hashicorp.com/terraform/language/expressions/strings#escape-sequences-1
 */
export function literal(text: string): string {
  // A function replacement: in a replacement string, "$$" would mean one "$".
  return text.replace(/([$%])\{/g, (_, sigil: string) => `${sigil}${sigil}{`);
}

/** {@link literal} on every key and value of a tag map. */
export function literalTags(tags: Readonly<Record<string, string>>): Record<string, string> {
  const escaped: Record<string, string> = {};
  for (const [key, value] of Object.entries(tags)) escaped[literal(key)] = literal(value);
  return escaped;
}
