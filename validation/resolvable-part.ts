import { isExternalVpc, type ParsedPeeringConfig } from "../config/schema";

/**
 * The part of a schema-valid config whose references all resolve: without
 * the VPCs whose account is unknown (or was set aside) and the peerings that
 * name such a VPC. `known-references` reports the unknown names; the network
 * rules check the rest. `complete` says nothing was left out.
 */
export function resolvablePart(config: ParsedPeeringConfig): { config: ParsedPeeringConfig; complete: boolean } {
  const vpcs = Object.fromEntries(
    Object.entries(config.vpcs).filter(([, vpc]) => isExternalVpc(vpc) || Object.hasOwn(config.accounts, vpc.account)),
  );
  const peerings = Object.fromEntries(
    Object.entries(config.peerings).filter(
      ([, peering]) => Object.hasOwn(vpcs, peering.requester) && Object.hasOwn(vpcs, peering.accepter),
    ),
  );
  const complete =
    Object.keys(vpcs).length === Object.keys(config.vpcs).length &&
    Object.keys(peerings).length === Object.keys(config.peerings).length;
  return { config: complete ? config : { ...config, vpcs, peerings }, complete };
}
