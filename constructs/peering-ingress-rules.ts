import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import type { ITerraformDependable, TerraformProvider } from "cdktf";
import { Construct } from "constructs";
import { managedSides, type Peering, type PeeringIngressRule, type Vpc, vpcOf } from "../model/network";
import { ingressRuleId } from "./address";
import { literal, literalTags } from "./terraform-literal";

/** Props of {@link PeeringIngressRules}. */
export interface PeeringIngressRulesProps {
  readonly peering: Peering;
  readonly providerFor: (vpc: Vpc) => TerraformProvider;
  /** Rules that reference a peer security group wait for this: AWS resolves such references only over an active peering. */
  readonly acceptance?: ITerraformDependable;
}

/** The protocol as `aws_vpc_security_group_ingress_rule.ip_protocol` takes it. */
const IP_PROTOCOL = { tcp: "tcp", udp: "udp", icmp: "icmp", icmpv6: "icmpv6", all: "-1" } as const;

/**
 * Inbound security group rules that let the peer VPC in, one
 * `aws_vpc_security_group_ingress_rule` per rule and source, on the provider
 * of the side that owns the security group. A peer security group is written
 * `<peer account id>/<sg id>` when the peer is another account, as AWS wants.
 * Adopted peerings import each rule by its `sgr-` id.
 * Addresses: `<peering>_ingress_<side>_<sg id>_<protocol>[-<ports>]_from_<source>`.
 */
export class PeeringIngressRules extends Construct {
  /** Each ingress rule of the model with the `aws_vpc_security_group_ingress_rule` made for it, in emission order. */
  readonly resources: ReadonlyArray<{
    readonly rule: PeeringIngressRule;
    readonly resource: VpcSecurityGroupIngressRule;
  }>;

  constructor(scope: Construct, id: string, props: PeeringIngressRulesProps) {
    super(scope, id);
    const { peering, providerFor, acceptance } = props;
    const resources: Array<{ rule: PeeringIngressRule; resource: VpcSecurityGroupIngressRule }> = [];
    for (const side of managedSides(peering)) {
      const provider = providerFor(vpcOf(peering, side));
      for (const rule of peering.ingress[side]) {
        const { source } = rule;
        const resource = new VpcSecurityGroupIngressRule(this, ingressRuleId(rule), {
          provider,
          securityGroupId: rule.securityGroupId,
          ipProtocol: IP_PROTOCOL[rule.protocol],
          fromPort: rule.fromPort,
          toPort: rule.toPort,
          description: literal(rule.description),
          ...(source.kind === "securityGroup"
            ? {
                referencedSecurityGroupId: peering.sameAccount
                  ? source.securityGroupId
                  : `${source.ownerAccountId}/${source.securityGroupId}`,
                dependsOn: acceptance ? [acceptance] : undefined,
              }
            : source.family === "ipv4"
              ? { cidrIpv4: source.cidr.text }
              : { cidrIpv6: source.cidr.text }),
          tags: literalTags({ ...peering.tags, Name: `${peering.name}-${side}` }),
        });
        if (peering.existingConnectionId && rule.existingRuleId) resource.importFrom(rule.existingRuleId, provider);
        resources.push({ rule, resource });
      }
    }
    this.resources = resources;
  }
}
