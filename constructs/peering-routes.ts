import { Route } from "@cdktf/provider-aws/lib/route";
import type { TerraformProvider } from "cdktf";
import { Construct } from "constructs";
import { managedSides, type Peering, type PeeringRoute, type Side, type Vpc, vpcOf } from "../model/network";
import { routeId } from "./address";

/** Props of {@link PeeringRoutes}. */
export interface PeeringRoutesProps {
  readonly peering: Peering;
  readonly providerFor: (vpc: Vpc) => TerraformProvider;
  /** The peering connection id a side's routes target. */
  readonly connectionIdFor: (side: Side) => string;
}

/**
 * The routes of the sides we manage: for each selected route table and each
 * destination of the other VPC, an `aws_route` that targets the peering
 * (imported as `<route table id>_<destination>` when the peering is adopted).
 * Addresses: `<peering>_routes_<side>_<route table id>_<destination>`.
 */
export class PeeringRoutes extends Construct {
  /** Each route of the model with the `aws_route` made for it, in emission order. */
  readonly resources: ReadonlyArray<{ readonly route: PeeringRoute; readonly resource: Route }>;

  constructor(scope: Construct, id: string, props: PeeringRoutesProps) {
    super(scope, id);
    const { peering, providerFor, connectionIdFor } = props;
    const resources: Array<{ route: PeeringRoute; resource: Route }> = [];
    for (const side of managedSides(peering)) {
      const provider = providerFor(vpcOf(peering, side));
      for (const route of peering.routes[side]) {
        const destination = route.destination.text;
        const resource = new Route(this, routeId(route), {
          provider,
          routeTableId: route.routeTableId,
          ...(route.destination.family === "ipv4"
            ? { destinationCidrBlock: destination }
            : { destinationIpv6CidrBlock: destination }),
          vpcPeeringConnectionId: connectionIdFor(side),
        });
        // The AWS provider's import id of a route: <route table id>_<destination>.
        if (peering.existingConnectionId) resource.importFrom(`${route.routeTableId}_${destination}`, provider);
        resources.push({ route, resource });
      }
    }
    this.resources = resources;
  }
}
