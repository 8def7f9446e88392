import type { QueryParams } from "./query";
import { list, str, strings } from "./query";
import { AwsError } from "./xml";

/**
 * Describe filters: `Filter.N.Name` / `Filter.N.Value.M`; values of one
 * filter are OR-ed, filters are AND-ed, `*` and `?` are wildcards, and
 * `tag:<key>` / `tag-key` work on every resource.
 * https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/Using_Filtering.html#Filtering_Resources_CLI
 * A filter this local AWS does not know answers an error naming it.
 */

/** The values a resource has for a filter name, or undefined when the filter is not modelled. */
export type FilterField<T> = (item: T, name: string) => readonly string[] | undefined;

const wildcard = (pattern: string, value: string) =>
  new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, "\\$&")
      .replace(/\*/g, ".*")
      .replace(/\?/g, ".")}$`,
  ).test(value);

/** Keeps the items every filter of the request admits. */
export function applyFilters<T extends { tags: Record<string, string> }>(
  action: string,
  params: QueryParams,
  items: readonly T[],
  field: FilterField<T>,
): T[] {
  const filters = list(params, "Filter").map((f) => ({ name: str(f, "Name") ?? "", values: strings(f, "Value") }));
  return items.filter((item) =>
    filters.every(({ name, values }) => {
      let have: readonly string[] | undefined;
      if (name.startsWith("tag:")) {
        const v = item.tags[name.slice(4)];
        have = v === undefined ? [] : [v];
      } else if (name === "tag-key") {
        have = Object.keys(item.tags);
      } else {
        have = field(item, name);
      }
      if (have === undefined)
        throw new AwsError(
          "InvalidParameterValue",
          `local AWS: ${action} filter "${name}" is not implemented (rehearsal/ec2-filters.ts)`,
        );
      return values.some((v) => have.some((h) => wildcard(v, h)));
    }),
  );
}
