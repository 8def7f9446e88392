import { exampleConfig } from "../config/example";
import type { PeeringConfig } from "../config/schema";
import { checkConfig } from "../validation/validate";
import { synthConfig } from "./support/synth";

const withBackend = (backend: unknown) => ({ ...exampleConfig, backend }) as PeeringConfig;

describe("GIVEN no backend in the config", () => {
  it("THEN every stack keeps local state in the project folder, one file per stack", () => {
    const stacks = synthConfig(exampleConfig);
    expect(stacks["peering-app"].json.terraform.backend).toEqual({ local: { path: "../../../terraform.peering-app.tfstate" } });
    expect(stacks["peering-shared"].json.terraform.backend).toEqual({ local: { path: "../../../terraform.peering-shared.tfstate" } });
  });
});

describe("GIVEN an S3 backend", () => {
  const stacks = synthConfig(
    withBackend({
      type: "s3",
      bucket: "acme-terraform-state",
      region: "us-east-1",
      keyPrefix: "network/vpc-peering",
      roleArn: "arn:aws:iam::111111111111:role/terraform-state",
    }),
  );

  it("THEN each stack gets its own encrypted key, S3-native locking and the state role", () => {
    expect(stacks["peering-shared"].json.terraform.backend).toEqual({
      s3: {
        bucket: "acme-terraform-state",
        key: "network/vpc-peering/peering-shared.tfstate",
        region: "us-east-1",
        encrypt: true,
        use_lockfile: true,
        assume_role: { role_arn: "arn:aws:iam::111111111111:role/terraform-state" },
      },
    });
    expect((stacks["peering-app"].json.terraform.backend as { s3: { key: string } }).s3.key).toBe(
      "network/vpc-peering/peering-app.tfstate",
    );
  });

  it("THEN no DynamoDB lock table is configured", () => {
    expect(JSON.stringify(stacks["peering-shared"].json.terraform)).not.toContain("dynamodb");
  });

  it("THEN without a keyPrefix the keys sit at the bucket root", () => {
    const plain = synthConfig(withBackend({ type: "s3", bucket: "acme-terraform-state", region: "eu-west-1" }));
    expect(plain["peering-app"].json.terraform.backend).toEqual({
      s3: { bucket: "acme-terraform-state", key: "peering-app.tfstate", region: "eu-west-1", encrypt: true, use_lockfile: true },
    });
  });
});

describe("GIVEN an HCP Terraform backend", () => {
  const stacks = synthConfig(withBackend({ type: "cloud", organization: "acme", workspacePrefix: "acme-net-" }));

  it("THEN each stack gets its own workspace", () => {
    expect(stacks["peering-shared"].json.terraform.cloud).toEqual({ organization: "acme", workspaces: { name: "acme-net-peering-shared" } });
    expect(stacks["peering-app"].json.terraform.cloud).toEqual({ organization: "acme", workspaces: { name: "acme-net-peering-app" } });
    expect(stacks["peering-app"].json.terraform.backend).toBeUndefined();
  });
});

describe("GIVEN incomplete backend settings", () => {
  it.each([
    [{ type: "s3", region: "us-east-1" }, "backend.bucket", "is required"],
    [{ type: "s3", bucket: "acme-terraform-state" }, "backend.region", "is required"],
    [{ type: "s3", bucket: "Bad_Bucket", region: "us-east-1" }, "backend.bucket", "must be an S3 bucket name"],
    [{ type: "cloud", workspacePrefix: "acme-" }, "backend.organization", "is required"],
    [{ type: "cloud", organization: "acme" }, "backend.workspacePrefix", "is required"],
    [{ type: "gcs" }, "backend.type", 'backend.type must be "local", "s3" or "cloud"'],
  ])("WHEN the backend is %j THEN validation names %s", (backend, path, message) => {
    const findings = checkConfig(withBackend(backend)).findings;
    expect(findings).toContainEqual(expect.objectContaining({ severity: "error", path, message: expect.stringContaining(message) }));
  });
});

describe("GIVEN accounts with read-only plan roles", () => {
  const config = structuredClone(exampleConfig) as PeeringConfig & { accounts: Record<string, { planRoleArn?: string }> };
  config.accounts.app.planRoleArn = "arn:aws:iam::222222222222:role/peering-plan";

  it("WHEN synthesized for a plan THEN providers assume the plan role where one is set, else the deploy role", () => {
    const providers = synthConfig(config, "plan")["peering-shared"].json.provider.aws;
    const roleOf = (alias?: string) => (providers.find((p) => p.alias === alias)!.assume_role as Array<{ role_arn: string }>)[0].role_arn;
    expect(roleOf("app-us-east-1")).toBe("arn:aws:iam::222222222222:role/peering-plan");
    expect(roleOf(undefined)).toBe("arn:aws:iam::111111111111:role/peering-deployer");
  });

  it("WHEN synthesized for a deploy THEN providers assume the deploy roles", () => {
    const providers = synthConfig(config)["peering-shared"].json.provider.aws;
    expect(JSON.stringify(providers)).not.toContain("peering-plan");
  });

  it("THEN a plan role in another account is refused", () => {
    config.accounts.app.planRoleArn = "arn:aws:iam::999999999999:role/peering-plan";
    expect(checkConfig(config).findings).toContainEqual(expect.objectContaining({
      severity: "error",
      path: "accounts.app.planRoleArn",
      message: expect.stringContaining("is in account 999999999999, not in 222222222222"),
    }));
  });
});
