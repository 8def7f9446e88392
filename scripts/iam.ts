/**
 * `npm run iam`: writes each account's IAM documents to cdktf.out/iam/
 * (`<account>.policy.json`, `<account>.trust.json`, and for plan roles
 * `<account>.plan-policy.json`, `<account>.plan-trust.json`, and the CI
 * roles' `ci/plan.*.json`, `ci/deploy.*.json`) for teams whose IAM is managed
 * elsewhere. It is a synth (the documents are part of every output) that
 * lists the documents: the output folder is replaced all or nothing, only
 * what synth wrote before is replaced, and documents of an earlier config
 * (an account since removed, a role no longer configured) are gone.
 */
import { join } from "node:path";
import { ConfigValidationError, error } from "../core/finding";
import { runCommand } from "../output/run-command";
import { synthesizeNetwork } from "../output/synthesize-network";
import { IAM_DIR } from "../output/write-iam-documents";
import { loadConfig } from "../validation/load";

runCommand(() => {
  const { network, source, roles, warnings } = loadConfig();
  if (!network.iam) {
    throw new ConfigValidationError(
      [
        error(
          "iam.deployerRoleArn",
          "trust policies name the role that runs terraform; set iam.deployerRoleArn, e.g. arn:aws:iam::111111111111:role/platform-deployer",
        ),
      ],
      source,
    );
  }
  const outdir = process.env.CDKTF_OUTDIR ?? "cdktf.out";
  const result = synthesizeNetwork(network, outdir, { roles, warnings });
  for (const note of result.notes) process.stderr.write(`warning: ${note}\n`);
  for (const file of result.files.filter((f) => f.startsWith(`${IAM_DIR}/`)))
    process.stdout.write(`wrote ${join(outdir, file)}\n`);
});
