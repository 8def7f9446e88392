import { VpcPeeringConnection } from "@cdktf/provider-aws/lib/vpc-peering-connection";
import { VpcPeeringConnectionAccepterA } from "@cdktf/provider-aws/lib/vpc-peering-connection-accepter";
import type { ITerraformDependable, TerraformProvider } from "cdktf";
import { Construct } from "constructs";
import { isManaged, type Peering, type Vpc } from "../model/network";
import { PART, peeringAddress } from "./address";
import { PeeringDnsOptions } from "./peering-dns-options";
import { PeeringIngressRules } from "./peering-ingress-rules";
import { PeeringRoutes } from "./peering-routes";
import { PeeringZoneAssociations } from "./peering-zone-associations";
import { literalTags } from "./terraform-literal";

/** Props of {@link VpcPeering}. */
export interface VpcPeeringProps {
  /** The resolved peering. */
  readonly peering: Peering;
  /** The provider that acts in a VPC's account and region (never asked for an external VPC). */
  readonly providerFor: (vpc: Vpc) => TerraformProvider;
}

/**
 * Everything one VPC peering needs on the sides we manage:
 * the connection (requester), its acceptance (accepter, unless the requester
 * can auto-accept), DNS resolution options per side, routes per side and
 * security group ingress rules per side, and the private hosted zones each side resolves.
 *
 * - One-sided peerings: with an external accepter only the connection and our
 *   side are made (it stays pending until they accept); with an external
 *   requester we accept the connection it requested (`peeringConnectionId`),
 *   or adopt our side of it once it is active (`existing`).
 *   The connection's arguments do not depend on whether a side is external,
 *   so toggling one never replaces it.
 * - Adopted peerings (`existing`): every resource gets a Terraform `import`
 *   block with the id the AWS provider documents for its type.
 * - `protect`: `prevent_destroy` on the connection and the accepter.
 * - `previousName`: a `moved` block from every old address to the new one.
 *
 * Addresses: see {@link peeringAddress} in `./address`.
 */
export class VpcPeering extends Construct {
  /** The requester's `aws_vpc_peering_connection`, unless the requester is external. */
  readonly connection?: VpcPeeringConnection;
  /** The accepter's `aws_vpc_peering_connection_accepter`, when one is needed and the accepter is ours. */
  readonly accepter?: VpcPeeringConnectionAccepterA;
  /** DNS resolution options, per side that gets them. */
  readonly dnsOptions: PeeringDnsOptions;
  /** The routes of the sides we manage. */
  readonly routes: PeeringRoutes;
  /** The ingress rules of the sides we manage. */
  readonly ingressRules: PeeringIngressRules;
  /** The private hosted zones each side resolves through the peering (`shareHostedZones`). */
  readonly zoneAssociations: PeeringZoneAssociations;

  /**
   * The resource that holds the connection in this stack: the requester's
   * connection, else our accepter (an external requester's connection).
   */
  get connectionOwner(): VpcPeeringConnection | VpcPeeringConnectionAccepterA {
    const owner = this.connection ?? this.accepter;
    if (!owner) throw new Error(`peerings.${this.node.id}: the stack holds neither its connection nor its accepter`);
    return owner;
  }

  constructor(scope: Construct, id: string, props: VpcPeeringProps) {
    super(scope, id);
    const { peering, providerFor } = props;
    const { requester, accepter } = peering;
    const lifecycle = peering.protect ? { preventDestroy: true } : undefined;
    // AWS cannot report auto_accept once the connection exists, so an imported resource would show it as a change on
    // every plan; the provider documents ignore_changes as the fix. It only acts on create, which it still does:
    // https://registry.terraform.io/providers/hashicorp/aws/5.100.0/docs/resources/vpc_peering_connection_accepter#import
    const acceptingLifecycle = { ...lifecycle, ignoreChanges: ["auto_accept"] };

    if (isManaged(peering, "requester")) {
      this.connection = new VpcPeeringConnection(this, PART.connection, {
        provider: providerFor(requester),
        vpcId: requester.vpcId,
        peerVpcId: accepter.vpcId,
        peerOwnerId: accepter.account.accountId,
        peerRegion: peering.sameRegion ? undefined : accepter.region,
        autoAccept: peering.needsAccepter ? undefined : true,
        tags: literalTags({ ...peering.tags, Name: peering.name, Side: "Requester" }),
        lifecycle: peering.needsAccepter ? lifecycle : acceptingLifecycle,
      });
    }
    // An external requester's connection: given while it waits for us, or adopted once active (validated: one of them).
    const requestedId =
      this.connection?.id ?? ((peering.incomingConnectionId ?? peering.existingConnectionId) as string);

    if (peering.needsAccepter && isManaged(peering, "accepter")) {
      this.accepter = new VpcPeeringConnectionAccepterA(this, PART.accepter, {
        provider: providerFor(accepter),
        vpcPeeringConnectionId: requestedId,
        autoAccept: true,
        tags: literalTags({ ...peering.tags, Name: peering.name, Side: "Accepter" }),
        lifecycle: acceptingLifecycle,
      });
    }
    // Resolves only once the peering is accepted (or auto-accepted with the connection).
    const acceptedConnectionId = this.accepter?.id ?? requestedId;
    const acceptance: ITerraformDependable | undefined = this.accepter ?? this.connection;

    this.dnsOptions = new PeeringDnsOptions(this, PART.dns, { peering, providerFor, acceptedConnectionId });
    this.routes = new PeeringRoutes(this, PART.routes, {
      peering,
      providerFor,
      connectionIdFor: (side) => (side === "requester" ? requestedId : acceptedConnectionId),
    });
    this.ingressRules = new PeeringIngressRules(this, PART.ingress, { peering, providerFor, acceptance });
    this.zoneAssociations = new PeeringZoneAssociations(this, PART.zones, { peering, providerFor });

    if (peering.existingConnectionId) this.importExisting(peering.existingConnectionId);
    if (peering.previousName) this.moveFrom(peering.previousName);
  }

  /** Import blocks for the connection, the accepter and the DNS options (by peering connection id). */
  private importExisting(peeringConnectionId: string): void {
    // Routes and ingress rules import themselves (their ids differ); DNS options share the connection's id.
    const resources = [this.connection, this.accepter, ...this.dnsOptions.resources.map((dns) => dns.resource)];
    for (const resource of resources) resource?.importFrom(peeringConnectionId, resource.provider);
  }

  /**
   * `moved` blocks from the addresses the peering had under its previous name,
   * each computed by {@link peeringAddress} from the model object the resource was made for.
   */
  private moveFrom(previousName: string): void {
    const previous = { name: previousName };
    this.connection?.moveFromId(peeringAddress.connection(previous));
    this.accepter?.moveFromId(peeringAddress.accepter(previous));
    for (const { side, resource } of this.dnsOptions.resources)
      resource.moveFromId(peeringAddress.dnsOptions(previous, side));
    for (const { route, resource } of this.routes.resources) resource.moveFromId(peeringAddress.route(previous, route));
    for (const { rule, resource } of this.ingressRules.resources)
      resource.moveFromId(peeringAddress.ingressRule(previous, rule));
    for (const { share, authorization, association } of this.zoneAssociations.resources) {
      authorization?.moveFromId(peeringAddress.zoneAuthorization(previous, share));
      association.moveFromId(peeringAddress.zoneAssociation(previous, share));
    }
  }
}
