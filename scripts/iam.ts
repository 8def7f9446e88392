/**
 * `npm run iam`: writes each account's IAM documents to cdktf.out/iam/
 * (`<account>.policy.json`, `<account>.trust.json`, and for plan roles
 * `<account>.plan-policy.json`, `<account>.plan-trust.json`, and the CI
 * roles' `ci/plan.*.json`, `ci/deploy.*.json`) for teams whose IAM is managed
 * elsewhere. Every synth writes the same files. The folder is replaced all or
 * nothing: written beside it first, then swapped in, so that nothing of an
 * earlier config is left and a failure leaves it as it was.
 */
import { join } from "node:path";
import { loadConfig } from "../validation/load";
import { IAM_DIR, replaceIamDocuments } from "../output/write-iam-documents";
import { ConfigValidationError, error } from "../core/finding";
import { runCommand } from "../output/run-command";

runCommand(() => {
  const { network, source } = loadConfig();
  if (!network.iam) {
    throw new ConfigValidationError(
      [error("iam.deployerRoleArn", "trust policies name the role that runs terraform; set iam.deployerRoleArn, e.g. arn:aws:iam::111111111111:role/platform-deployer")],
      source,
    );
  }
  const dir = join(process.env.CDKTF_OUTDIR ?? "cdktf.out", IAM_DIR);
  for (const file of replaceIamDocuments(network, dir)) process.stdout.write(`wrote ${join(dir, file)}\n`);
});
