import { existsSync, readdirSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { newestSatisfying } from "./version-constraint";

/** Where the provider lives inside a mirror. */
const AWS_IN_MIRROR = ["registry.terraform.io", "hashicorp", "aws"];

/** A mirror holding an AWS provider version that the stacks accept, or why none was found. */
export type MirrorLookup = { readonly path: string; readonly version: string } | { readonly missing: string };

/** What {@link findProviderMirror} may look at; every field has a default from the process. */
export interface MirrorSearchOptions {
  /** @default process.env */
  readonly env?: NodeJS.ProcessEnv;
  /** Folders searched for the layout when no implied mirror holds the provider. @default ["/"] */
  readonly searchRoots?: readonly string[];
  /** How many folders deep below a search root a mirror may start. @default 4 */
  readonly searchDepth?: number;
  /** `<os>_<arch>` as Terraform names the platform. @default this machine's */
  readonly platform?: string;
}

/** This machine's platform as Terraform names it: linux_amd64, darwin_arm64, ... */
export function terraformPlatform(): string {
  const arch =
    ({ x64: "amd64", ia32: "386", arm64: "arm64", arm: "arm" } as Record<string, string>)[process.arch] ?? process.arch;
  return `${process.platform === "win32" ? "windows" : process.platform}_${arch}`;
}

/**
 * Terraform's implied local mirror folders on Linux and other Unix systems
 * (CLI configuration docs, "Implied Local Mirror Directories"):
 * `terraform.d/plugins` in the working folder, `~/.terraform.d/plugins`, and
 * `terraform/plugins` in each XDG data folder (`$XDG_DATA_HOME`, default
 * `~/.local/share`, then `$XDG_DATA_DIRS`, default `/usr/local/share:/usr/share`).
 */
export function impliedMirrorDirs(env: NodeJS.ProcessEnv = process.env): string[] {
  const home = env.HOME ?? homedir();
  const dataHome = env.XDG_DATA_HOME || join(home, ".local", "share");
  const dataDirs = (env.XDG_DATA_DIRS || "/usr/local/share:/usr/share").split(":").filter(Boolean);
  return [
    join(process.cwd(), "terraform.d", "plugins"),
    join(home, ".terraform.d", "plugins"),
    ...[dataHome, ...dataDirs].map((d) => join(d, "terraform", "plugins")),
  ];
}

/**
 * The newest AWS provider version in `mirror` that `constraint` accepts and
 * that has a build for `platform`, in either of Terraform's mirror layouts:
 * unpacked (`<version>/<platform>/`) or packed
 * (`terraform-provider-aws_<version>_<platform>.zip`, as
 * `terraform providers mirror` writes it).
 */
function acceptedVersion(mirror: string, constraint: string, platform: string): string | undefined {
  const dir = join(mirror, ...AWS_IN_MIRROR);
  if (!existsSync(dir)) return undefined;
  const packed = new RegExp(`^terraform-provider-aws_(\\d+\\.\\d+\\.\\d+)_${platform}\\.zip$`);
  const versions = readdirSync(dir).flatMap((entry) => {
    if (existsSync(join(dir, entry, platform))) return [entry];
    const zip = packed.exec(entry);
    return zip ? [zip[1]] : [];
  });
  return newestSatisfying(versions, constraint);
}

/** Folders that never hold a mirror and are slow or unsafe to walk. */
const NOT_SEARCHED = new Set(["proc", "sys", "dev", "run", "node_modules", ".git", ".cache", ".npm", "lost+found"]);

/**
 * Walks `roots` breadth-first, at most `depth` folders down, for a folder that
 * holds the mirror layout; the shallowest match wins, then the alphabetically
 * first. Symbolic links are not followed.
 */
function searchForMirror(roots: readonly string[], depth: number, test: (dir: string) => boolean): string | undefined {
  let level = [...roots];
  for (let d = 0; d <= depth && level.length > 0; d++) {
    const next: string[] = [];
    for (const dir of level) {
      let entries: import("node:fs").Dirent[];
      try {
        entries = readdirSync(dir, { withFileTypes: true });
      } catch {
        continue; // unreadable: not ours to search
      }
      if (entries.some((e) => e.name === AWS_IN_MIRROR[0] && e.isDirectory()) && test(dir)) return dir;
      for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
        if (entry.isDirectory() && !NOT_SEARCHED.has(entry.name)) next.push(join(dir, entry.name));
      }
    }
    level = next;
  }
  return undefined;
}

/**
 * Finds a filesystem mirror (Terraform's layout,
 * `registry.terraform.io/hashicorp/aws/<version>/<os>_<arch>/`, or the packed
 * `.../aws/terraform-provider-aws_<version>_<os>_<arch>.zip`) holding an AWS
 * provider version that `constraint` accepts:
 * 1. `TF_PROVIDER_MIRROR`, when set (and then only there);
 * 2. Terraform's implied local mirror folders ({@link impliedMirrorDirs});
 * 3. a search of the filesystem for that layout.
 * The newest accepted version in the first mirror that has one is used.
 */
export function findProviderMirror(constraint: string, options: MirrorSearchOptions = {}): MirrorLookup {
  const env = options.env ?? process.env;
  const platform = options.platform ?? terraformPlatform();
  const wanted = `registry.terraform.io/hashicorp/aws/<version>/${platform} with a version that meets "${constraint}"`;
  const lookup = (path: string): MirrorLookup | undefined => {
    const version = acceptedVersion(path, constraint, platform);
    return version ? { path, version } : undefined;
  };
  if (env.TF_PROVIDER_MIRROR) {
    return (
      lookup(env.TF_PROVIDER_MIRROR) ?? { missing: `TF_PROVIDER_MIRROR=${env.TF_PROVIDER_MIRROR} holds no ${wanted}` }
    );
  }
  for (const dir of impliedMirrorDirs(env)) {
    const found = lookup(dir);
    if (found) return found;
  }
  const roots = options.searchRoots ?? ["/"];
  const searched = searchForMirror(
    roots,
    options.searchDepth ?? 4,
    (dir) => acceptedVersion(dir, constraint, platform) !== undefined,
  );
  return (
    (searched && lookup(searched)) || {
      missing: `no provider mirror with ${wanted} in Terraform's implied mirror folders or below ${roots.join(", ")} (set TF_PROVIDER_MIRROR=/path/to/mirror)`,
    }
  );
}

/**
 * Writes a Terraform CLI config that installs the AWS provider from the mirror
 * only (no registry is reachable), for TF_CLI_CONFIG_FILE. The home
 * directory's own CLI config is never touched.
 */
export function writeMirrorCliConfig(file: string, mirror: string): void {
  writeFileSync(
    file,
    [
      "# Written by scripts/terraform-check.ts: providers come from the local mirror only.",
      "provider_installation {",
      "  filesystem_mirror {",
      `    path    = ${JSON.stringify(mirror)}`,
      '    include = ["registry.terraform.io/hashicorp/aws"]',
      "  }",
      "}",
      "",
    ].join("\n"),
  );
}
