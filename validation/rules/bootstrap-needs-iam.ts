import { error, type Finding } from "../../core/finding";
import type { ConfigRule } from "../rule";

/** Bootstrap stacks create roles whose trust policy names the deployer: the config must say who that is. */
export const bootstrapNeedsIam: ConfigRule = {
  id: "bootstrap-needs-iam",
  description: "bootstrap: true comes with iam.deployerRoleArn.",
  check(config) {
    const findings: Finding[] = [];
    if (config.bootstrap && !config.iam) {
      findings.push(
        error(
          "iam.deployerRoleArn",
          "bootstrap: true creates roles that trust the role running terraform; set iam.deployerRoleArn, e.g. arn:aws:iam::111111111111:role/platform-deployer",
        ),
      );
    }
    return findings;
  },
};
