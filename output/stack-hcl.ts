import type { CheckBlockJson } from "../constructs/peering-connection-check";
import { renderCheckBlocks } from "./hcl-check-blocks";
import { unquoteProviderReferences } from "./hcl-provider-references";

/**
 * A stack's HCL as the template writes it (`npm run synth:hcl`, `npm run eject -- --hcl`): cdktf's HCL,
 * plus the `check` blocks it leaves out, with every provider, `depends_on` and `ignore_changes` reference bare.
 */
export function stackHcl(
  cdktfHcl: string,
  json: { readonly check?: Readonly<Record<string, CheckBlockJson>> },
): string {
  return unquoteProviderReferences(cdktfHcl + renderCheckBlocks(json.check ?? {}));
}
