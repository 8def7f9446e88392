import type { ConfigRule, NetworkRule } from "../rule";
import { adoptionIds } from "./adoption-ids";
import { bootstrapNeedsIam } from "./bootstrap-needs-iam";
import { crossAccountRoles } from "./cross-account-roles";
import { hostedZoneAcrossRegions } from "./hosted-zone-across-regions";
import { hostedZoneNameConflicts } from "./hosted-zone-name-conflicts";
import { hostedZoneReferences } from "./hosted-zone-references";
import { ingressCidrWithinPeer } from "./ingress-cidr-within-peer";
import { ingressDescription } from "./ingress-description";
import { ingressPorts } from "./ingress-ports";
import { ingressSensitivePorts } from "./ingress-sensitive-ports";
import { knownReferences } from "./known-references";
import { nestedRouteDestinations } from "./nested-route-destinations";
import { networkNotEmpty } from "./network-not-empty";
import { noCidrOverlap } from "./no-cidr-overlap";
import { noSelfPeering } from "./no-self-peering";
import { onePeeringPerPair } from "./one-peering-per-pair";
import { oneSidedPeerings } from "./one-sided-peerings";
import { peeringsPerVpcQuota } from "./peerings-per-vpc-quota";
import { planRolesInPlanMode } from "./plan-roles-in-plan-mode";
import { responseRouting } from "./response-routing";
import { roleArnAccount } from "./role-arn-account";
import { routeTableDestinations } from "./route-table-destinations";
import { routesPerRouteTableQuota } from "./routes-per-route-table-quota";
import { routesWithinPeer } from "./routes-within-peer";
import { rulesPerSecurityGroupQuota } from "./rules-per-security-group-quota";
import { samePartition } from "./same-partition";
import { securityGroupReferenceRegion } from "./security-group-reference-region";
import { separatePlanIdentities } from "./separate-plan-identities";
import { uniqueIngressRules } from "./unique-ingress-rules";
import { uniquePreviousNames } from "./unique-previous-names";
import { uniqueVpcIds } from "./unique-vpc-ids";
import { unmatchedAcknowledgements } from "./unmatched-acknowledgements";
import { unusedVpcs } from "./unused-vpcs";

/** Applies the config's `acknowledge` list to every other rule's findings; runs last. */
export { unmatchedAcknowledgements };

/** Rules whose errors make the network impossible to resolve: unknown names. */
export const REFERENCE_RULES: readonly ConfigRule[] = [knownReferences, hostedZoneReferences];

/** Rules on single config entries and ids; they run with the reference rules. */
export const CONFIG_RULES: readonly ConfigRule[] = [
  networkNotEmpty,
  roleArnAccount,
  uniqueVpcIds,
  uniquePreviousNames,
  ingressPorts,
  ingressDescription,
  bootstrapNeedsIam,
  separatePlanIdentities,
  unusedVpcs,
];

/** Rules on the resolved network; they run once references resolve. */
export const NETWORK_RULES: readonly NetworkRule[] = [
  noSelfPeering,
  samePartition,
  onePeeringPerPair,
  noCidrOverlap,
  routesWithinPeer,
  routeTableDestinations,
  nestedRouteDestinations,
  peeringsPerVpcQuota,
  routesPerRouteTableQuota,
  rulesPerSecurityGroupQuota,
  securityGroupReferenceRegion,
  ingressCidrWithinPeer,
  ingressSensitivePorts,
  uniqueIngressRules,
  crossAccountRoles,
  oneSidedPeerings,
  adoptionIds,
  responseRouting,
  hostedZoneNameConflicts,
  hostedZoneAcrossRegions,
];

/** Rules on the resolved network that apply only to plan mode (`PEERING_ROLES=plan`). */
export const PLAN_MODE_RULES: readonly NetworkRule[] = [planRolesInPlanMode];
