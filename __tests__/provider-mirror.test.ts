import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { findProviderMirror, impliedMirrorDirs } from "../scripts/terraform/provider-mirror";
import { newestSatisfying, satisfies } from "../scripts/terraform/version-constraint";
import { AWS_PROVIDER_VERSION } from "../stacks/provider-requirements";

const PLATFORM = "linux_amd64";

/** Lays out a Terraform filesystem mirror holding the given AWS provider versions. */
function mirrorWith(root: string, ...versions: string[]): string {
  return mirrorFor(PLATFORM, root, ...versions);
}

function mirrorFor(platform: string, root: string, ...versions: string[]): string {
  for (const version of versions) {
    const dir = join(root, "registry.terraform.io", "hashicorp", "aws", version, platform);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `terraform-provider-aws_v${version}_x5`), "");
  }
  return root;
}

describe("GIVEN the project's AWS provider constraint", () => {
  it("THEN it accepts 5.100.0 (the mirror's) and every 6.x, and nothing older or from 7 on", () => {
    expect(AWS_PROVIDER_VERSION).toBe(">= 5.100, < 7");
    expect(
      ["5.100.0", "5.101.3", "6.0.0", "6.66.0"].filter((accepted) => !satisfies(accepted, AWS_PROVIDER_VERSION)),
    ).toEqual([]);
    expect(
      ["5.99.1", "4.67.0", "7.0.0", "not-a-version"].filter((refused) => satisfies(refused, AWS_PROVIDER_VERSION)),
    ).toEqual([]);
  });

  it("THEN the newest accepted version of a list is chosen, and ~> keeps to its series", () => {
    expect(newestSatisfying(["5.99.0", "6.2.0", "5.100.0", "7.1.0"], AWS_PROVIDER_VERSION)).toBe("6.2.0");
    expect(newestSatisfying(["5.99.0", "6.2.0", "5.100.4"], "~> 5.100.0")).toBe("5.100.4");
    expect(newestSatisfying(["4.0.0"], AWS_PROVIDER_VERSION)).toBeUndefined();
    expect(() => satisfies("5.100.0", ">= five")).toThrow('version constraint ">= five": cannot read ">= five"');
  });
});

describe("GIVEN a machine's folders", () => {
  const work = mkdtempSync(join(tmpdir(), "peering-mirror-"));
  const home = join(work, "home");
  afterAll(() => rmSync(work, { recursive: true, force: true }));
  const env = (extra: Record<string, string> = {}) => ({
    HOME: home,
    XDG_DATA_HOME: join(work, "xdg-home"),
    XDG_DATA_DIRS: join(work, "xdg-a"),
    ...extra,
  });

  it("THEN Terraform's implied mirror folders are the working folder's, the home folder's and each XDG data folder's", () => {
    expect(impliedMirrorDirs(env()).slice(1)).toEqual([
      join(home, ".terraform.d", "plugins"),
      join(work, "xdg-home", "terraform", "plugins"),
      join(work, "xdg-a", "terraform", "plugins"),
    ]);
    expect(impliedMirrorDirs({ HOME: home })).toContain("/usr/share/terraform/plugins");
  });

  it("WHEN TF_PROVIDER_MIRROR names a mirror THEN the newest accepted version there is used, and a wrong one is named in the reason", () => {
    const mirror = mirrorWith(join(work, "explicit"), "5.100.0", "6.10.0", "7.0.0");
    expect(
      findProviderMirror(AWS_PROVIDER_VERSION, { env: env({ TF_PROVIDER_MIRROR: mirror }), searchRoots: [] }),
    ).toEqual({ path: mirror, version: "6.10.0" });
    const old = mirrorWith(join(work, "old"), "5.1.0");
    expect(
      findProviderMirror(AWS_PROVIDER_VERSION, {
        env: env({ TF_PROVIDER_MIRROR: old }),
        searchRoots: [],
        platform: PLATFORM,
      }),
    ).toEqual({
      missing: `TF_PROVIDER_MIRROR=${old} holds no registry.terraform.io/hashicorp/aws/<version>/${PLATFORM} with a version that meets ">= 5.100, < 7"`,
    });
  });

  it("WHEN the mirror is packed, as terraform providers mirror writes it THEN its zip for this platform counts", () => {
    const packed = join(work, "packed");
    const dir = join(packed, "registry.terraform.io", "hashicorp", "aws");
    mkdirSync(dir, { recursive: true });
    for (const file of [
      "5.100.0.json",
      "index.json",
      "terraform-provider-aws_5.100.0_linux_amd64.zip",
      "terraform-provider-aws_6.3.0_darwin_arm64.zip",
    ])
      writeFileSync(join(dir, file), "");
    expect(
      findProviderMirror(AWS_PROVIDER_VERSION, {
        env: env({ TF_PROVIDER_MIRROR: packed }),
        searchRoots: [],
        platform: PLATFORM,
      }),
    ).toEqual({ path: packed, version: "5.100.0" });
  });

  it("WHEN an implied mirror folder holds the provider THEN it is found without a search", () => {
    const implied = mirrorWith(join(work, "xdg-a", "terraform", "plugins"), "5.100.0");
    expect(findProviderMirror(AWS_PROVIDER_VERSION, { env: env(), searchRoots: [], platform: PLATFORM })).toEqual({
      path: implied,
      version: "5.100.0",
    });
    rmSync(join(work, "xdg-a"), { recursive: true });
  });

  it("WHEN only some folder deep in the tree holds the layout THEN the search finds it, skipping builds for another platform", () => {
    const roots = join(work, "fs");
    mirrorFor("linux_arm64", join(roots, "opt", "a-wrong-platform"), "5.100.0");
    const deep = mirrorWith(join(roots, "opt", "plugins", "tf"), "5.100.0");
    const found = findProviderMirror(AWS_PROVIDER_VERSION, {
      env: env(),
      searchRoots: [roots],
      searchDepth: 4,
      platform: PLATFORM,
    });
    expect(found).toEqual({ path: deep, version: "5.100.0" });
    expect(
      findProviderMirror(AWS_PROVIDER_VERSION, { env: env(), searchRoots: [roots], platform: "darwin_arm64" }),
    ).toEqual({
      missing: `no provider mirror with registry.terraform.io/hashicorp/aws/<version>/darwin_arm64 with a version that meets ">= 5.100, < 7" in Terraform's implied mirror folders or below ${roots} (set TF_PROVIDER_MIRROR=/path/to/mirror)`,
    });
  });

  it("WHEN the layout is deeper than the search goes THEN it is not found", () => {
    const roots = join(work, "deep");
    mirrorWith(join(roots, "a", "b", "c", "d", "e"), "5.100.0");
    expect(
      findProviderMirror(AWS_PROVIDER_VERSION, {
        env: env(),
        searchRoots: [roots],
        searchDepth: 4,
        platform: PLATFORM,
      }),
    ).toHaveProperty("missing");
  });
});
