import { exampleConfig } from "../config/example";
import { AWS_PROVIDER_SOURCE, AWS_PROVIDER_VERSION } from "../stacks/provider-requirements";
import { synthConfig } from "./support/synth";

describe("GIVEN the example config, with peering and bootstrap stacks", () => {
  const stacks = synthConfig(exampleConfig);

  it("THEN every stack requires the AWS provider by its registry address and the project's constraint, not the bindings' pin", () => {
    expect(Object.keys(stacks).sort()).toEqual([
      "bootstrap-app",
      "bootstrap-data",
      "bootstrap-shared",
      "peering-app",
      "peering-data",
      "peering-shared",
    ]);
    for (const stack of Object.values(stacks)) {
      expect(stack.json.terraform.required_providers).toEqual({
        aws: { source: "hashicorp/aws", version: ">= 5.100, < 7" },
      });
    }
    expect([AWS_PROVIDER_SOURCE, AWS_PROVIDER_VERSION]).toEqual(["hashicorp/aws", ">= 5.100, < 7"]);
  });

  it("THEN no exact provider version from the bindings is left anywhere in a stack", () => {
    for (const stack of Object.values(stacks)) expect(stack.text).not.toMatch(/"version": "\d+\.\d+\.\d+"/);
  });
});
