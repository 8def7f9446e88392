import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { Network } from "../model/network";
import { replaceFolder } from "./replace-folder";
import { accountDocumentFiles } from "../iam/account-documents";

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

/**
 * Replaces a folder with exactly the IAM documents of this config, all or
 * nothing (see {@link replaceFolder}): documents of an earlier config (an
 * account since removed, a role no longer configured) do not survive, and a
 * failure leaves the folder as it was.
 */
export function replaceIamDocuments(network: Network, dir: string): string[] {
  return replaceFolder(dir, (staging) => writeIamDocuments(network, staging));
}
