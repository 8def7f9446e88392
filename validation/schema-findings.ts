import type { z } from "zod";
import { peeringConfigSchema } from "../config/schema";
import { didYouMean } from "./closest-name";
import { error, pathOf, type Finding } from "./finding";

type PathPart = PropertyKey;

/** The field names the schema allows at a path, for "did you mean" on unknown fields. */
function knownFieldsAt(path: readonly PathPart[]): string[] {
  let schema: z.core.$ZodType | undefined = peeringConfigSchema;
  const unwrap = () => {
    for (;;) {
      const def = schema?._zod.def as { type: string; innerType?: z.core.$ZodType; in?: z.core.$ZodType } | undefined;
      if (!def) return;
      if (def.innerType) schema = def.innerType;
      else if (def.type === "pipe" && def.in) schema = def.in;
      else return;
    }
  };
  for (const part of path) {
    unwrap();
    const def = schema?._zod.def as
      | { type: string; shape?: Record<string, z.core.$ZodType>; valueType?: z.core.$ZodType; element?: z.core.$ZodType }
      | undefined;
    if (def?.type === "object") schema = def.shape?.[String(part)];
    else if (def?.type === "record") schema = def.valueType;
    else if (def?.type === "array") schema = def.element;
    else return [];
  }
  unwrap();
  const def = schema?._zod.def as { type: string; shape?: Record<string, unknown> } | undefined;
  return def?.type === "object" && def.shape ? Object.keys(def.shape) : [];
}

function describeIssue(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case "invalid_key":
      return issue.issues[0]?.message ?? issue.message;
    case "unrecognized_keys":
      return issue.keys
        .map((key) => `unknown field "${key}"${didYouMean(key, knownFieldsAt(issue.path))}`)
        .join("; ");
    case "invalid_type":
      if (!issue.message.startsWith("Invalid input")) return issue.message; // the schema's own words
      if (issue.input === undefined) return `is required (expected ${issue.expected})`;
      return `expected ${issue.expected}, got ${Array.isArray(issue.input) ? "array" : typeof issue.input} ${JSON.stringify(issue.input)}`;
    default:
      return issue.message;
  }
}

/** Turns schema issues into findings: one line each, with the field path. */
export function schemaFindings(zodError: z.ZodError): Finding[] {
  return zodError.issues.map((issue) => error(pathOf(...issue.path.map((p) => (typeof p === "number" ? p : String(p)))), describeIssue(issue)));
}
