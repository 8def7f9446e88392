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

/** A policy document from statements, dropping those with nothing to allow. */
export function policyDocument(statements: readonly PolicyStatement[]): PolicyDocument {
  const kept = statements.filter(
    (s) => s.Resource === undefined || (Array.isArray(s.Resource) ? s.Resource.length > 0 : true),
  );
  return { Version: "2012-10-17", Statement: kept };
}
