import { type TerraformElement, TerraformStack } from "cdktf";
import { type Construct, Node } from "constructs";
import type { RoleMode } from "../config/role-mode";
import { AwsProviders } from "../constructs/aws-providers";
import { addConnectionCheck } from "../constructs/peering-connection-check";
import { addPeeringOutputs } from "../constructs/peering-outputs";
import { VpcPeering } from "../constructs/vpc-peering";
import type { AccountRegion } from "../model/account-regions";
import type { Network } from "../model/network";
import type { StackPlan } from "../model/stacks";
import { requireAwsProvider } from "./provider-requirements";
import { configureStateBackend } from "./state-backend";

/** Props of {@link PeeringAccountStack}. */
export interface PeeringAccountStackProps {
  /** The resolved network (project, default tags). */
  readonly network: Network;
  /** The account's stack plan: which peerings it requests. */
  readonly plan: StackPlan;
  /**
   * Path of the local state file, relative to the stack's folder (local backend only).
   * @default "terraform.tfstate" (inside the stack folder)
   */
  readonly localStatePath?: string;
  /**
   * Which role each provider assumes: the account's `roleArn` (`deploy`), or
   * its read-only `planRoleArn` where set (`plan`, for pull-request plans).
   * @default "deploy"
   */
  readonly roles?: RoleMode;
  /**
   * The (account, region) pairs to declare a provider for: `accountRegions(network)`,
   * the same for every peering stack of a network, so `addPeeringStacks` computes them once.
   */
  readonly accountRegions: readonly AccountRegion[];
}

/**
 * The Terraform stack of one account: every peering that account requests,
 * with both sides of each, every resource on the aliased provider of its own
 * account and region (there is no unaliased default provider). It declares a provider for every
 * account and region of the config's VPCs, used or not (Terraform configures
 * only the ones that resources use), so that removing a peering plans its
 * destruction instead of failing on a missing provider configuration.
 *
 * Logical ids (the names in Terraform addresses) are the construct path below
 * the stack joined with `_`, without the hash suffix cdktf adds by default:
 * `aws_route.shared-to-app_routes_requester_rtb-0a1b2c3d4e5f67890_10-1-0-0_16`.
 * Every path part comes from a name or value in the config, so addresses stay
 * the same when the config is reordered or grows.
 *
 * Outputs: `peering_<name>` per peering and `peerings_by_name` (see
 * `constructs/peering-outputs.ts`); with `checks` (the default), one `check`
 * block per peering (see `constructs/peering-connection-check.ts`).
 */
export class PeeringAccountStack extends TerraformStack {
  private readonly allocatedIds = new Map<string, string>();

  constructor(scope: Construct, props: PeeringAccountStackProps) {
    const { network, plan } = props;
    super(scope, plan.name);
    configureStateBackend(this, network.backend, props.localStatePath ?? "terraform.tfstate");
    requireAwsProvider(this);
    const providers = new AwsProviders(this, "providers", {
      project: network.project,
      tags: network.tags,
      roles: props.roles ?? "deploy",
    });
    // Every (account, region) of our VPCs, declared up front and in a fixed order: a peering's
    // providers must outlive it, or Terraform cannot plan the destruction of a removed peering.
    for (const { account, region } of props.accountRegions) providers.forAccountRegion(account, region);
    const peerings = plan.peerings.map((peering) => ({
      peering,
      resources: new VpcPeering(this, peering.name, {
        peering,
        providerFor: (vpc) => providers.forAccountRegion(vpc.account, vpc.region),
      }),
    }));
    addPeeringOutputs(this, peerings);
    if (network.checks) {
      for (const { peering, resources } of peerings) addConnectionCheck(this, peering, resources.connectionOwner);
    }
  }

  /**
   * Skips cdktf's preparing pass. cdktf resolves every element of a stack
   * three times on synth: once here, only to find references to elements of
   * other stacks (which it turns into outputs and remote-state data sources),
   * then once per element and once for the whole stack to write it. A peering
   * stack references nothing outside itself: it is built from its own plan,
   * with its own providers, and no construct is shared between stacks (see
   * `addPeeringStacks`); so this pass would find nothing, and it cost a third
   * of synth time (1,000 peerings over 50 accounts: about 2 s).
   * `__tests__/peering-stacks.test.ts` runs cdktf's pass on the example
   * network and checks that it adds nothing.
   */
  override prepareStack(): void {
    this.ensureBackendExists();
  }

  /** Readable, hash-free logical ids; fails loudly if two elements would share one. */
  override allocateLogicalId(element: TerraformElement | Node): string {
    const node = element instanceof Node ? element : element.node;
    const parts = node.scopes.slice(node.scopes.indexOf(this) + 1).map((scope) => scope.node.id);
    const logicalId = parts.join("_");
    const owner = this.allocatedIds.get(logicalId);
    if (owner !== undefined && owner !== node.path) {
      throw new Error(`two resources would share the Terraform address ${logicalId}: ${owner} and ${node.path}`);
    }
    this.allocatedIds.set(logicalId, node.path);
    return logicalId;
  }
}
