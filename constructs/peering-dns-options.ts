import { VpcPeeringConnectionOptions } from "@cdktf/provider-aws/lib/vpc-peering-connection-options";
import type { TerraformProvider } from "cdktf";
import { Construct } from "constructs";
import { dnsOptionSides, type Peering, type Side, type Vpc, vpcOf } from "../model/network";

/** Props of {@link PeeringDnsOptions}. */
export interface PeeringDnsOptionsProps {
  readonly peering: Peering;
  readonly providerFor: (vpc: Vpc) => TerraformProvider;
  /** The connection id that resolves only after acceptance: options can only be set on an active peering. */
  readonly acceptedConnectionId: string;
}

/**
 * Private DNS resolution across the peering, when the peering asks for it:
 * one `aws_vpc_peering_connection_options` per side we manage, set by that side's own
 * provider (each account may only set its own side's options), never inline
 * on the connection. Addresses: `<peering>_dns_requester`, `<peering>_dns_accepter`.
 */
export class PeeringDnsOptions extends Construct {
  /** The `aws_vpc_peering_connection_options` of each side that gets one, in emission order. */
  readonly resources: ReadonlyArray<{ readonly side: Side; readonly resource: VpcPeeringConnectionOptions }>;

  constructor(scope: Construct, id: string, props: PeeringDnsOptionsProps) {
    super(scope, id);
    const { peering, providerFor, acceptedConnectionId } = props;
    this.resources = dnsOptionSides(peering).map((side) => {
      const block = { allowRemoteVpcDnsResolution: true };
      const resource = new VpcPeeringConnectionOptions(this, side, {
        provider: providerFor(vpcOf(peering, side)),
        vpcPeeringConnectionId: acceptedConnectionId,
        ...(side === "requester" ? { requester: block } : { accepter: block }),
      });
      return { side, resource };
    });
  }
}
