import { Route53VpcAssociationAuthorization } from "@cdktf/provider-aws/lib/route53-vpc-association-authorization";
import { Route53ZoneAssociation } from "@cdktf/provider-aws/lib/route53-zone-association";
import type { TerraformProvider } from "cdktf";
import { Construct } from "constructs";
import type { Peering, Vpc, ZoneShare } from "../model/network";
import { zoneShareKey } from "../model/rule-key";
import { ZONE_PART } from "./address";
import { literal } from "./terraform-literal";

/** Props of {@link PeeringZoneAssociations}. */
export interface PeeringZoneAssociationsProps {
  readonly peering: Peering;
  readonly providerFor: (vpc: Vpc) => TerraformProvider;
}

/** The resources of one zone share: the authorization (across accounts only) and the association. */
export interface ZoneShareResources {
  readonly share: ZoneShare;
  readonly authorization?: Route53VpcAssociationAuthorization;
  readonly association: Route53ZoneAssociation;
}

/**
 * The private hosted zones each side resolves through the peering (`shareHostedZones`):
 *
 * - same account: an `aws_route53_zone_association` through the VPC owner's provider;
 * - across accounts: an `aws_route53_vpc_association_authorization` through the zone owner's
 *   provider, then the association through the VPC owner's provider, which depends on it (Route 53
 *   refuses the association without it, and a destroy disassociates before it deletes the
 *   authorization). https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/hosted-zone-private-associate-vpcs-different-accounts.html
 *
 * Both live in the peering's stack, each on the aliased provider of its own account, as the
 * accepter does. `vpc_region` is always written, so the association never depends on the region of
 * the provider that makes it. Addresses: `<peering>_zones_<zone name with _>_to_<vpc>_authorization`
 * and `..._association`.
 */
export class PeeringZoneAssociations extends Construct {
  /** The resources of each share, in the peering's order (zone name, then VPC). */
  readonly resources: readonly ZoneShareResources[];

  constructor(scope: Construct, id: string, props: PeeringZoneAssociationsProps) {
    super(scope, id);
    const { peering, providerFor } = props;
    this.resources = peering.zoneShares.map((share) => {
      const key = zoneShareKey(share);
      const target = {
        zoneId: literal(share.zone.zoneId),
        vpcId: literal(share.vpc.vpcId),
        vpcRegion: literal(share.vpc.region),
      };
      const authorization = share.crossAccount
        ? new Route53VpcAssociationAuthorization(this, `${key}_${ZONE_PART.authorization}`, {
            provider: providerFor(share.owner),
            ...target,
          })
        : undefined;
      const association = new Route53ZoneAssociation(this, `${key}_${ZONE_PART.association}`, {
        provider: providerFor(share.vpc),
        ...target,
        dependsOn: authorization ? [authorization] : undefined,
      });
      return { share, authorization, association };
    });
  }
}
