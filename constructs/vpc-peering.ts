import { Construct } from "constructs";
import type { ITerraformDependable, TerraformProvider } from "cdktf";
import { VpcPeeringConnection } from "@cdktf/provider-aws/lib/vpc-peering-connection";
import { VpcPeeringConnectionAccepterA } from "@cdktf/provider-aws/lib/vpc-peering-connection-accepter";
import type { Peering, Vpc } from "../model/network";
import { PART, type peeringAddress } from "./address";
import { PeeringDnsOptions } from "./peering-dns-options";
import { PeeringIngressRules } from "./peering-ingress-rules";
import { PeeringRoutes } from "./peering-routes";

/** Props of {@link VpcPeering}. */
export interface VpcPeeringProps {
  /** The resolved peering. */
  readonly peering: Peering;
  /** The provider that acts in a VPC's account and region. */
  readonly providerFor: (vpc: Vpc) => TerraformProvider;
}

/**
 * Everything one VPC peering needs on both sides:
 * the connection (requester), its acceptance (accepter, unless the requester
 * can auto-accept), DNS resolution options per side, routes per side and
 * security group ingress rules per side.
 *
 * Addresses: see {@link peeringAddress} in `./address`.
 */
export class VpcPeering extends Construct {
  /** The requester's `aws_vpc_peering_connection`. */
  readonly connection: VpcPeeringConnection;
  /** The accepter's `aws_vpc_peering_connection_accepter`, when one is needed. */
  readonly accepter?: VpcPeeringConnectionAccepterA;
  /**
   * The peering connection id as an expression that resolves only once the
   * peering is accepted (the accepter's id, or the auto-accepted connection's).
   */
  readonly acceptedConnectionId: string;
  /** What a resource that needs an active peering depends on. */
  readonly acceptance: ITerraformDependable;

  constructor(scope: Construct, id: string, props: VpcPeeringProps) {
    super(scope, id);
    const { peering, providerFor } = props;
    const { requester, accepter } = peering;

    this.connection = new VpcPeeringConnection(this, PART.connection, {
      provider: providerFor(requester),
      vpcId: requester.vpcId,
      peerVpcId: accepter.vpcId,
      peerOwnerId: accepter.account.accountId,
      peerRegion: peering.sameRegion ? undefined : accepter.region,
      autoAccept: peering.needsAccepter ? undefined : true,
      tags: { ...peering.tags, Name: peering.name, Side: "Requester" },
    });

    if (peering.needsAccepter) {
      this.accepter = new VpcPeeringConnectionAccepterA(this, PART.accepter, {
        provider: providerFor(accepter),
        vpcPeeringConnectionId: this.connection.id,
        autoAccept: true,
        tags: { ...peering.tags, Name: peering.name, Side: "Accepter" },
      });
    }
    this.acceptedConnectionId = this.accepter?.id ?? this.connection.id;
    this.acceptance = this.accepter ?? this.connection;

    new PeeringDnsOptions(this, PART.dns, { peering, providerFor, acceptedConnectionId: this.acceptedConnectionId });
    new PeeringRoutes(this, PART.routes, {
      peering,
      providerFor,
      connectionIdFor: (side) => (side === "requester" ? this.connection.id : this.acceptedConnectionId),
    });
    new PeeringIngressRules(this, PART.ingress, { peering, providerFor, acceptance: this.acceptance });
  }
}
