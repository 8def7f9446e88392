import { AwsProvider } from "@cdktf/provider-aws/lib/provider";

/** A copy of plain objects and arrays without their `undefined` properties; anything else (a token) as it is. */
function withoutUnset(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutUnset);
  if (value === null || typeof value !== "object" || Object.getPrototypeOf(value) !== Object.prototype) return value;
  const set: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) if (item !== undefined) set[key] = withoutUnset(item);
  return set;
}

/**
 * The AWS provider, writing only the arguments it was given. The bindings
 * list every argument of the provider (about 35, and 10 per `assume_role`),
 * unset ones as `undefined`, and cdktf resolves each of them before
 * JSON drops it; with a provider for every account and region in every
 * stack, that was a visible part of synth. The Terraform JSON is the same.
 */
export class CompactAwsProvider extends AwsProvider {
  protected override synthesizeAttributes(): { [name: string]: unknown } {
    return withoutUnset(super.synthesizeAttributes()) as { [name: string]: unknown };
  }
}
