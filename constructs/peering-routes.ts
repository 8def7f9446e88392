import { Construct } from "constructs";
import type { TerraformProvider } from "cdktf";
import { Route } from "@cdktf/provider-aws/lib/route";
import { SIDES, vpcOf, type Peering, type Side, type Vpc } from "../model/network";
import { routeId } from "./address";

/** Props of {@link PeeringRoutes}. */
export interface PeeringRoutesProps {
  readonly peering: Peering;
  readonly providerFor: (vpc: Vpc) => TerraformProvider;
  /** The peering connection id a side's routes target. */
  readonly connectionIdFor: (side: Side) => string;
}

/**
 * The routes of both sides: for each selected route table and each
 * destination of the other VPC, an `aws_route` that targets the peering.
 * Addresses: `<peering>_routes_<side>_<route table id>_<destination>`.
 */
export class PeeringRoutes extends Construct {
  constructor(scope: Construct, id: string, props: PeeringRoutesProps) {
    super(scope, id);
    const { peering, providerFor, connectionIdFor } = props;
    for (const side of SIDES) {
      const provider = providerFor(vpcOf(peering, side));
      for (const route of peering.routes[side]) {
        const destination = route.destination.text;
        new Route(this, routeId(route), {
          provider,
          routeTableId: route.routeTableId,
          ...(route.destination.family === "ipv4"
            ? { destinationCidrBlock: destination }
            : { destinationIpv6CidrBlock: destination }),
          vpcPeeringConnectionId: connectionIdFor(side),
        });
      }
    }
  }
}
