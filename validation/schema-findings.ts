import type { z } from "zod";
import { RETIRED_FIELDS } from "../config/retired-fields";
import { peeringConfigSchema } from "../config/schema";
import { echo } from "../core/echo";
import { error, type Finding, pathOf } from "../core/finding";
import { didYouMean } from "./closest-name";

type PathPart = PropertyKey;

type SchemaDef = {
  type: string;
  innerType?: z.core.$ZodType;
  in?: z.core.$ZodType;
  shape?: Record<string, z.core.$ZodType>;
  valueType?: z.core.$ZodType;
  element?: z.core.$ZodType;
  options?: z.core.$ZodType[];
};

const defOf = (schema: z.core.$ZodType | undefined) => schema?._zod.def as SchemaDef | undefined;

/** The object schemas a schema may be, looking through optional/default wrappers and unions. */
function objectsOf(schema: z.core.$ZodType | undefined): SchemaDef[] {
  const def = defOf(schema);
  if (!def) return [];
  if (def.innerType) return objectsOf(def.innerType);
  if (def.type === "pipe" && def.in) return objectsOf(def.in);
  if (def.type === "union") return (def.options ?? []).flatMap(objectsOf);
  return [def];
}

/** The field names the schema allows at a path, for "did you mean" on unknown fields. */
function knownFieldsAt(path: readonly PathPart[]): string[] {
  let candidates = objectsOf(peeringConfigSchema);
  for (const part of path) {
    candidates = candidates.flatMap((def) => {
      if (def.type === "object") return objectsOf(def.shape?.[String(part)]);
      if (def.type === "record") return objectsOf(def.valueType);
      if (def.type === "array") return objectsOf(def.element);
      return [];
    });
  }
  return [...new Set(candidates.flatMap((def) => (def.type === "object" && def.shape ? Object.keys(def.shape) : [])))];
}

function describeIssue(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case "invalid_key":
      return issue.issues[0]?.message ?? issue.message;
    case "unrecognized_keys":
      return issue.keys
        .map((key) => `unknown field ${echo(key)}${didYouMean(key, knownFieldsAt(issue.path))}`)
        .join("; ");
    case "invalid_type":
      if (!issue.message.startsWith("Invalid input")) return issue.message; // the schema's own words
      if (issue.input === undefined) return `is required (expected ${issue.expected})`;
      return `expected ${issue.expected}, got ${Array.isArray(issue.input) ? "array" : typeof issue.input} ${echo(issue.input)}`;
    default:
      return issue.message;
  }
}

/**
 * The issues to report for one issue. A value that fits no branch of a union
 * (a VPC that is neither ours nor external, an ingress source) is reported
 * with the issues of the branch it came closest to, so the message points at
 * the field to fix; when two branches come equally close, the union's own
 * message says what the shapes are.
 */
function expand(
  issue: z.core.$ZodIssue,
  prefix: readonly PropertyKey[],
): Array<{ issue: z.core.$ZodIssue; path: PropertyKey[] }> {
  const path = [...prefix, ...issue.path];
  if (issue.code === "invalid_union" && issue.errors.length > 0) {
    const sizes = issue.errors.map((branch) => branch.length);
    const fewest = Math.min(...sizes);
    if (sizes.filter((n) => n === fewest).length === 1) {
      return issue.errors[sizes.indexOf(fewest)].flatMap((inner) => expand(inner, path));
    }
  }
  return [{ issue, path }];
}

const pathText = (path: readonly PropertyKey[]) => pathOf(...path.map((p) => (typeof p === "number" ? p : String(p))));

/** A field of an earlier config version gets its own finding, at its own path, saying how to migrate. */
function retiredFieldFindings(
  issue: z.core.$ZodIssue,
  path: PropertyKey[],
): { retired: Finding[]; rest?: z.core.$ZodIssue } {
  if (issue.code !== "unrecognized_keys") return { retired: [], rest: issue };
  const retired: Finding[] = [];
  const unknown: string[] = [];
  for (const key of issue.keys) {
    const fieldPath = pathText([...path, key]);
    const migration = RETIRED_FIELDS[fieldPath];
    if (migration) retired.push(error(fieldPath, migration));
    else unknown.push(key);
  }
  return { retired, rest: unknown.length > 0 ? { ...issue, keys: unknown } : undefined };
}

/** Turns schema issues into findings: one line each, with the field path. */
export function schemaFindings(zodError: z.ZodError): Finding[] {
  return zodError.issues
    .flatMap((issue) => expand(issue, []))
    .flatMap(({ issue, path }) => {
      const { retired, rest } = retiredFieldFindings(issue, path);
      return rest ? [...retired, error(pathText(path), describeIssue({ ...rest, path } as z.core.$ZodIssue))] : retired;
    });
}
