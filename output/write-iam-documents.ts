import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { accountDocumentFiles } from "../iam/account-documents";
import type { Network } from "../model/network";

/** Where every synth (and `npm run iam`) writes the account roles' IAM documents, when the config has `iam`. */
export const IAM_DIR = "iam";

/** Writes `<account>.policy.json`, `<account>.trust.json`, ..., `ci/plan.trust.json`, ... into a folder, beside what it holds. */
export function writeIamDocuments(network: Network, dir: string): string[] {
  mkdirSync(dir, { recursive: true });
  const files = accountDocumentFiles(network);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return Object.keys(files);
}
