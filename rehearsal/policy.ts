/**
 * IAM policy evaluation for one identity-based policy set: explicit Deny wins,
 * then an Allow must match the action, the resource and every condition, else
 * the implicit deny. Action and resource patterns take `*` and `?`; actions
 * match case-insensitively.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
 * Condition operators (String*, Arn*, Bool, ...IfExists; a missing key fails
 * every operator except the negated ones):
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
 */

/** A statement as IAM stores it (single values or lists). */
export interface Statement {
  readonly Sid?: string;
  readonly Effect: "Allow" | "Deny";
  readonly Action?: string | readonly string[];
  readonly NotAction?: string | readonly string[];
  readonly Resource?: string | readonly string[];
  readonly NotResource?: string | readonly string[];
  readonly Principal?: unknown;
  readonly Condition?: Readonly<
    Record<string, Readonly<Record<string, string | boolean | readonly (string | boolean)[]>>>
  >;
}

/** A policy document. */
export interface Policy {
  readonly Version?: string;
  readonly Statement: Statement | readonly Statement[];
}

/** The condition keys of one request, each with its values. */
export type ConditionContext = Readonly<Record<string, readonly string[]>>;

/** The outcome of evaluating one action on one resource. */
export interface Decision {
  readonly allowed: boolean;
  /** The Sid (or index) of the statement that decided: the Allow that matched or the Deny that refused. */
  readonly statement?: string;
  readonly explicitDeny?: boolean;
}

const asList = <T>(v: T | readonly T[] | undefined): readonly T[] =>
  v === undefined ? [] : Array.isArray(v) ? (v as readonly T[]) : [v as T];

/** Whether a value matches an IAM pattern with `*` and `?`. */
export function globMatch(pattern: string, value: string, ignoreCase = false): boolean {
  const re = new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, "\\$&")
      .replace(/\*/g, ".*")
      .replace(/\?/g, ".")}$`,
    ignoreCase ? "is" : "s",
  );
  return re.test(value);
}

function matchesAny(patterns: readonly string[], value: string, ignoreCase: boolean): boolean {
  return patterns.some((p) => globMatch(p, value, ignoreCase));
}

function actionMatches(statement: Statement, action: string): boolean {
  if (statement.NotAction !== undefined) return !matchesAny(asList(statement.NotAction), action, true);
  return matchesAny(asList(statement.Action), action, true);
}

function resourceMatches(statement: Statement, resource: string): boolean {
  if (statement.NotResource !== undefined) return !matchesAny(asList(statement.NotResource), resource, false);
  if (statement.Resource === undefined) return true; // trust policies have no Resource
  return matchesAny(asList(statement.Resource), resource, false);
}

/** Whether one condition operator holds for the context. */
function operatorHolds(operator: string, key: string, expected: readonly string[], context: ConditionContext): boolean {
  let op = operator;
  let ifExists = false;
  if (op.endsWith("IfExists")) {
    ifExists = true;
    op = op.slice(0, -"IfExists".length);
  }
  let anyValue = false;
  if (op.startsWith("ForAnyValue:")) {
    anyValue = true;
    op = op.slice("ForAnyValue:".length);
  }
  const actualKey = Object.keys(context).find((k) => k.toLowerCase() === key.toLowerCase());
  const actual = actualKey === undefined ? undefined : context[actualKey];
  const negated = /Not/.test(op);
  if (actual === undefined || actual.length === 0) return ifExists || negated;
  const test = (value: string): boolean => {
    switch (op) {
      case "StringEquals":
      case "ArnEquals":
        return expected.includes(value);
      case "StringEqualsIgnoreCase":
        return expected.some((e) => e.toLowerCase() === value.toLowerCase());
      case "StringLike":
      case "ArnLike":
        return expected.some((e) => globMatch(e, value));
      case "StringNotEquals":
      case "ArnNotEquals":
        return !expected.includes(value);
      case "StringNotLike":
      case "ArnNotLike":
        return !expected.some((e) => globMatch(e, value));
      case "Bool":
        return expected.some((e) => e.toLowerCase() === value.toLowerCase());
      default:
        throw new Error(`policy condition operator ${operator} is not modelled by the local AWS (rehearsal/policy.ts)`);
    }
  };
  return anyValue || !negated ? actual.some(test) : actual.every(test);
}

function conditionsHold(statement: Statement, context: ConditionContext): boolean {
  for (const [operator, byKey] of Object.entries(statement.Condition ?? {})) {
    for (const [key, expected] of Object.entries(byKey)) {
      if (!operatorHolds(operator, key, asList(expected).map(String), context)) return false;
    }
  }
  return true;
}

/** Evaluates one action on one resource against a set of policies. */
export function evaluate(
  policies: readonly Policy[],
  action: string,
  resource: string,
  context: ConditionContext,
): Decision {
  let allow: string | undefined;
  for (const policy of policies) {
    asList(policy.Statement).forEach((statement, index) => {
      if (
        !actionMatches(statement, action) ||
        !resourceMatches(statement, resource) ||
        !conditionsHold(statement, context)
      )
        return;
      const name = statement.Sid ?? `#${index}`;
      if (statement.Effect === "Deny") throw Object.assign(new Error("deny"), { deniedBy: name });
      allow ??= name;
    });
  }
  return allow === undefined ? { allowed: false } : { allowed: true, statement: allow };
}

/** Like {@link evaluate}, with an explicit Deny reported rather than thrown. */
export function decide(
  policies: readonly Policy[],
  action: string,
  resource: string,
  context: ConditionContext,
): Decision {
  try {
    return evaluate(policies, action, resource, context);
  } catch (e) {
    const deniedBy = (e as { deniedBy?: string }).deniedBy;
    if (deniedBy === undefined) throw e;
    return { allowed: false, statement: deniedBy, explicitDeny: true };
  }
}

/** Whether a trust policy lets `principalArn` (and its account) call `action` with the context given. */
export function trustAdmits(trust: Policy, principalArn: string, action: string, context: ConditionContext): boolean {
  const account = principalArn.split(":")[4];
  const principalMatches = (statement: Statement) => {
    const p = statement.Principal as string | { AWS?: string | string[] } | undefined;
    if (p === "*") return true;
    const aws = asList(typeof p === "object" ? p.AWS : undefined);
    return aws.some((v) => v === "*" || v === principalArn || v === account || v === `arn:aws:iam::${account}:root`);
  };
  let allowed = false;
  for (const statement of asList(trust.Statement)) {
    if (!actionMatches(statement, action) || !principalMatches(statement) || !conditionsHold(statement, context))
      continue;
    if (statement.Effect === "Deny") return false;
    allowed = true;
  }
  return allowed;
}
