import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { exampleConfig } from "../config/example";
import type { PeeringConfig } from "../config/schema";
import { loadConfig } from "../validation/load";
import { checkConfig, validateConfig } from "../validation/validate";
import { synthConfig } from "./support/synth";

const withBackend = (backend: unknown) => ({ ...exampleConfig, backend }) as PeeringConfig;

describe("GIVEN no backend in the config", () => {
  it("THEN every stack keeps local state in the project folder, one file per stack", () => {
    const stacks = synthConfig(exampleConfig);
    expect(stacks["peering-app"].json.terraform.backend).toEqual({
      local: { path: "../../../terraform.peering-app.tfstate" },
    });
    expect(stacks["peering-shared"].json.terraform.backend).toEqual({
      local: { path: "../../../terraform.peering-shared.tfstate" },
    });
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
      s3: {
        bucket: "acme-terraform-state",
        key: "peering-app.tfstate",
        region: "eu-west-1",
        encrypt: true,
        use_lockfile: true,
      },
    });
  });
});

describe("GIVEN an HCP Terraform backend", () => {
  const stacks = synthConfig(withBackend({ type: "cloud", organization: "acme", workspacePrefix: "acme-net-" }));

  it("THEN each stack gets its own workspace", () => {
    expect(stacks["peering-shared"].json.terraform.cloud).toEqual({
      organization: "acme",
      workspaces: { name: "acme-net-peering-shared" },
    });
    expect(stacks["peering-app"].json.terraform.cloud).toEqual({
      organization: "acme",
      workspaces: { name: "acme-net-peering-app" },
    });
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
    expect(findings).toContainEqual(
      expect.objectContaining({ severity: "error", path, message: expect.stringContaining(message) }),
    );
  });
});

describe("GIVEN accounts with read-only plan roles", () => {
  const config = structuredClone(exampleConfig) as PeeringConfig & {
    accounts: Record<string, { roleArn?: string; planRoleArn?: string }>;
  };
  const deployRoles = Object.values(config.accounts).map((a) => a.roleArn);

  it("WHEN synthesized for a plan THEN every provider assumes its account's plan role and none a deploy role", () => {
    for (const [name, stack] of Object.entries(synthConfig(config, "plan")).filter(([n]) => n.startsWith("peering-"))) {
      const roles = stack.json.provider.aws.map((p) => (p.assume_role as Array<{ role_arn: string }>)[0].role_arn);
      expect({ name, roles: roles.filter((role) => !role.endsWith(":role/peering-plan")) }).toEqual({
        name,
        roles: [],
      });
      for (const role of deployRoles) expect(stack.text).not.toContain(`"${role}"`);
    }
  });

  it("WHEN synthesized for a deploy THEN providers assume the deploy roles", () => {
    const providers = synthConfig(config)["peering-shared"].json.provider.aws;
    expect(JSON.stringify(providers)).not.toContain("peering-plan");
  });

  it("WHEN an account a stack acts in has a roleArn and no planRoleArn THEN plan mode fails naming the account, the field and the fix", () => {
    const missing = structuredClone(config);
    delete missing.accounts.data.planRoleArn;
    expect(() => validateConfig(missing, { source: "test", roles: "plan" })).toThrow(
      "accounts.data.planRoleArn: PEERING_ROLES=plan never assumes the deploy role (roleArn), and account data has no read-only plan role; set accounts.data.planRoleArn to a role of account 333333333333",
    );
    // the deploy mode needs no plan role, and the providers refuse plan mode on their own too
    expect(() => validateConfig(missing, { source: "test" })).not.toThrow();
    expect(() => synthConfig(missing, "plan")).toThrow(
      "accounts.data.planRoleArn: PEERING_ROLES=plan never assumes the deploy role",
    );
  });

  it("WHEN PEERING_ROLES=plan loads a config without a plan role THEN loading fails naming the account and the field", () => {
    const dir = mkdtempSync(join(tmpdir(), "peering-plan-mode-"));
    try {
      const missing = structuredClone(config);
      delete missing.accounts.shared.planRoleArn;
      const file = join(dir, "network.json");
      writeFileSync(file, JSON.stringify(missing));
      expect(() => loadConfig({ PEERING_CONFIG: file, PEERING_ROLES: "plan" })).toThrow(
        /accounts\.shared\.planRoleArn: PEERING_ROLES=plan never assumes the deploy role/,
      );
      expect(loadConfig({ PEERING_CONFIG: file }).roles).toBe("deploy");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("WHEN an account has no roleArn THEN plan mode uses the caller's credentials there, as deploys do", () => {
    const own = structuredClone(config);
    delete own.accounts.shared.roleArn;
    delete own.accounts.shared.planRoleArn;
    const providers = synthConfig(own, "plan")["peering-shared"].json.provider.aws;
    expect(providers.find((p) => p.alias === "shared-us-east-1")).not.toHaveProperty("assume_role");
  });

  it("THEN a plan role in another account is refused", () => {
    const elsewhere = structuredClone(config);
    elsewhere.accounts.app.planRoleArn = "arn:aws:iam::999999999999:role/peering-plan";
    expect(checkConfig(elsewhere).findings).toContainEqual(
      expect.objectContaining({
        severity: "error",
        path: "accounts.app.planRoleArn",
        message: expect.stringContaining("is in account 999999999999, not in 222222222222"),
      }),
    );
  });
});
