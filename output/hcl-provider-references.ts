import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

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

/** Rewrites the provider references of every stack's `cdk.tf` under `outdir/stacks/`. */
export function unquoteStackProviderReferences(outdir: string): void {
  const stacksDir = join(outdir, "stacks");
  for (const stack of readdirSync(stacksDir)) {
    const file = join(stacksDir, stack, "cdk.tf");
    let text: string;
    try {
      text = readFileSync(file, "utf8");
    } catch {
      continue; // a JSON stack, or a folder without a stack
    }
    const fixed = unquoteProviderReferences(text);
    if (fixed !== text) writeFileSync(file, fixed);
  }
}
