import "./token-stack-traces";
import { relative, resolve } from "node:path";
import { App, type TerraformStack } from "cdktf";
import type { RoleMode } from "../config/role-mode";
import { accountDocuments } from "../iam/account-documents";
import { accountRegions } from "../model/account-regions";
import type { Network } from "../model/network";
import { planStacks } from "../model/stacks";
import { BootstrapStack } from "./bootstrap-stack";
import { PeeringAccountStack } from "./peering-account-stack";

/** Options of {@link buildApp}. */
export interface BuildAppOptions {
  /** Where the app writes. */
  readonly outdir: string;
  /**
   * Where the output ends up, when it is written to a staging folder first.
   * @default outdir
   */
  readonly finalOutdir?: string;
  /**
   * Folder that holds local state files.
   * @default the current working directory
   */
  readonly projectDir?: string;
  /**
   * Which roles the providers assume.
   * @default "deploy"
   */
  readonly roles?: RoleMode;
}

/**
 * Builds the cdktf app of a validated network (see {@link addPeeringStacks}).
 * Local state files live in the project folder (`terraform.<stack>.tfstate`),
 * outside the output folder that every synth replaces; their paths are
 * written relative to each stack's folder so that the output is the same on
 * every machine.
 */
export function buildApp(network: Network, options: BuildAppOptions): App {
  const { outdir, finalOutdir = outdir, projectDir = process.cwd(), roles } = options;
  const app = new App({ outdir });
  addPeeringStacks(app, network, { outdir: finalOutdir, projectDir, roles });
  return app;
}

/** Where the output and the local state files live, and which roles the providers assume. */
export interface StackOptions {
  /** The output folder the stacks end up in. */
  readonly outdir: string;
  /** The folder that holds local state files. */
  readonly projectDir: string;
  /**
   * Which roles the providers assume.
   * @default "deploy"
   */
  readonly roles?: RoleMode;
}

/**
 * Adds one {@link PeeringAccountStack} per requesting account to an app, and
 * with `bootstrap: true` one {@link BootstrapStack} per account that has a role.
 */
export function addPeeringStacks(app: App, network: Network, location: StackOptions): TerraformStack[] {
  const localStatePath = (stackName: string) =>
    relative(
      resolve(location.outdir, "stacks", stackName),
      resolve(location.projectDir, `terraform.${stackName}.tfstate`),
    );
  const places = accountRegions(network);
  const stacks: TerraformStack[] = planStacks(network).map(
    (plan) =>
      new PeeringAccountStack(app, {
        network,
        plan,
        localStatePath: localStatePath(plan.name),
        roles: location.roles,
        accountRegions: places,
      }),
  );
  if (network.bootstrap && network.iam) {
    for (const documents of accountDocuments(network).filter((d) => d.trust)) {
      const regions = [...network.vpcs.values()]
        .filter((vpc) => vpc.account.name === documents.account.name)
        .map((vpc) => vpc.region);
      const name = `bootstrap-${documents.account.name}`;
      stacks.push(
        new BootstrapStack(app, {
          network,
          documents,
          region: [...regions].sort()[0],
          localStatePath: localStatePath(name),
        }),
      );
    }
  }
  return stacks;
}
