/**
 * cdktf's HCL writes a resource's provider as a string (`provider = "aws.app-us-east-1"`),
 * which Terraform reads but deprecates ("Quoted references are deprecated", once per
 * resource), and `depends_on` and `ignore_changes` entries the same way; this writes those
 * references bare (`provider = aws.app-us-east-1`, `depends_on = [aws_route.x]`,
 * `ignore_changes = [auto_accept]`).
 */
export function unquoteProviderReferences(hcl: string): string {
  return hcl
    .replace(/^(\s*provider\s*=\s*)"([A-Za-z][\w-]*(?:\.[A-Za-z][\w-]*)?)"[ \t]*$/gm, "$1$2")
    .replace(
      /(\bdepends_on\s*=\s*\[)([^\]]*)\]/g,
      (_all, open: string, items: string) => `${open}${items.replace(/"([A-Za-z][\w-]*\.[A-Za-z0-9][\w-]*)"/g, "$1")}]`,
    )
    .replace(
      /(\bignore_changes\s*=\s*\[)([^\]]*)\]/g,
      (_all, open: string, items: string) => `${open}${items.replace(/"([a-z_][a-z0-9_]*)"/g, "$1")}]`,
    );
}
