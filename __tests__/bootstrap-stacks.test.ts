import { exampleConfig } from "../config/example";
import { type AccountDocuments, accountDocuments } from "../iam/account-documents";
import { validateConfig } from "../validation/validate";
import { resourcesOf, type SynthesizedStack, synthConfig } from "./support/synth";

/**
 * Exact expectations on what a bootstrap stack writes: the values are
 * spelled out here, not taken from the code under test, so that changing a
 * role's description, the inline policy's name or the provider source fails.
 */
describe("GIVEN the example config (project acme-net, bootstrap: true) and its app account", () => {
  let app: SynthesizedStack;
  let docs: AccountDocuments;
  beforeAll(() => {
    app = synthConfig(exampleConfig)["bootstrap-app"];
    const { network } = validateConfig(exampleConfig, { source: "example" });
    docs = accountDocuments(network).find((d) => d.account.name === "app") as AccountDocuments;
  });

  it("THEN the stack holds exactly the deploy and plan roles and one inline policy each", () => {
    expect(Object.keys(app.json.resource ?? {}).sort()).toEqual(["aws_iam_role", "aws_iam_role_policy"]);
    expect(Object.keys(resourcesOf(app, "aws_iam_role")).sort()).toEqual(["deployer_role", "planner_role"]);
    expect(Object.keys(resourcesOf(app, "aws_iam_role_policy")).sort()).toEqual(["deployer_policy", "planner_policy"]);
  });

  it("THEN the deploy role is exactly: its name and path from roleArn, the project in its description, the trust policy, one-hour sessions", () => {
    expect(resourcesOf(app, "aws_iam_role").deployer_role).toEqual({
      name: "peering-accepter",
      path: "/",
      description: "Deploys the VPC peerings of this account (acme-net)",
      assume_role_policy: JSON.stringify(docs.trust),
      max_session_duration: 3600,
      provider: "aws",
    });
  });

  it("THEN the plan role says it is read-only", () => {
    expect(resourcesOf(app, "aws_iam_role").planner_role).toMatchObject({
      name: "peering-plan",
      description: "Plans the VPC peerings of this account (read-only) (acme-net)",
      max_session_duration: 3600,
    });
  });

  it("THEN each role's inline policy is named vpc-peering and holds exactly the generated document", () => {
    expect(resourcesOf(app, "aws_iam_role_policy").deployer_policy).toEqual({
      name: "vpc-peering",
      role: "${aws_iam_role.deployer_role.name}",
      policy: JSON.stringify(docs.policy),
      provider: "aws",
    });
    expect(resourcesOf(app, "aws_iam_role_policy").planner_policy).toMatchObject({
      name: "vpc-peering",
      role: "${aws_iam_role.planner_role.name}",
      policy: JSON.stringify(docs.planPolicy),
    });
  });

  it("THEN required_providers names the AWS provider by its full registry source and the project's version range", () => {
    expect((app.json.terraform.required_providers as Record<string, unknown>).aws).toEqual({
      source: "hashicorp/aws",
      version: ">= 5.100, < 7",
    });
  });
});
