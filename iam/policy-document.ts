/** An IAM policy document, as AWS reads it. */
export interface PolicyDocument {
  readonly Version: "2012-10-17";
  readonly Statement: readonly PolicyStatement[];
}

/** One statement of a policy document. */
export interface PolicyStatement {
  readonly Sid: string;
  readonly Effect: "Allow" | "Deny";
  /** Roles (`AWS`) or an identity provider (`Federated`, for web identity tokens such as GitHub's OIDC). */
  readonly Principal?: { readonly AWS?: string | readonly string[]; readonly Federated?: string };
  readonly Action: string | readonly string[];
  readonly Resource?: string | readonly string[];
  readonly Condition?: Readonly<Record<string, Readonly<Record<string, string | readonly string[]>>>>;
}

/** Sorted, without duplicates: policies come out the same whatever the config's order. */
export function sortedUnique(values: Iterable<string>): string[] {
  return [...new Set(values)].sort();
}

/**
 * A policy document from statements, dropping those with nothing to allow,
 * and every action an earlier statement already allows on every resource
 * (`"*"`, no condition): each action is listed once where it is granted.
 */
export function policyDocument(statements: readonly PolicyStatement[]): PolicyDocument {
  const onEverything = new Set<string>();
  const kept: PolicyStatement[] = [];
  for (const statement of statements) {
    if (Array.isArray(statement.Resource) && statement.Resource.length === 0) continue;
    const actions = [statement.Action].flat();
    const fresh = statement.Resource === "*" ? actions.filter((a) => !onEverything.has(a)) : actions;
    if (fresh.length === 0) continue;
    kept.push(fresh.length === actions.length ? statement : { ...statement, Action: fresh });
    if (statement.Effect === "Allow" && statement.Resource === "*" && !statement.Condition)
      for (const action of fresh) onEverything.add(action);
  }
  return { Version: "2012-10-17", Statement: kept };
}
