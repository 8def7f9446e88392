import { join } from "node:path";
import { Route } from "@cdktf/provider-aws/lib/route";
import { VpcPeeringConnection } from "@cdktf/provider-aws/lib/vpc-peering-connection";
import { VpcPeeringConnectionAccepterA } from "@cdktf/provider-aws/lib/vpc-peering-connection-accepter";
import { VpcPeeringConnectionOptions } from "@cdktf/provider-aws/lib/vpc-peering-connection-options";
import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import { TerraformStack, Testing } from "cdktf";
import { exampleConfig } from "../config/example";
import { readConfigFile } from "../config/read-config-file";
import type { PeeringConfig } from "../config/schema";
import { PeeringAccountStack } from "../stacks/peering-account-stack";
import { addPeeringStacks } from "../stacks/synthesize";
import { validateConfig } from "../validation/validate";
import { resourcesOf, type SynthesizedStack, synthConfig } from "./support/synth";

/** Routes of one peering side, as `route table id -> destination` pairs. */
function routesOf(stack: SynthesizedStack, peering: string, side: "requester" | "accepter"): string[] {
  return Object.entries(resourcesOf(stack, "aws_route"))
    .filter(([name]) => name.startsWith(`${peering}_routes_${side}_`))
    .map(([, r]) => `${r.route_table_id} -> ${r.destination_cidr_block ?? r.destination_ipv6_cidr_block}`)
    .sort();
}

describe("GIVEN the example config", () => {
  const stacks = synthConfig(exampleConfig);
  const shared = stacks["peering-shared"];
  const app = stacks["peering-app"];

  describe("WHEN it is synthesized", () => {
    it("THEN there is one peering stack per account, named after the account, and a bootstrap stack per account role", () => {
      expect(Object.keys(stacks).sort()).toEqual([
        "bootstrap-app",
        "bootstrap-data",
        "bootstrap-shared",
        "peering-app",
        "peering-data",
        "peering-shared",
      ]);
    });

    it("THEN the data account, which requests nothing, keeps an empty stack with a provider for every account and region", () => {
      const data = stacks["peering-data"].json;
      expect(data.resource ?? {}).toEqual({});
      expect(data.provider.aws.map((p) => p.alias ?? "(default)").sort()).toEqual([
        "app-us-east-1",
        "data-eu-west-1",
        "shared-us-east-1",
      ]);
      expect(data.provider.aws.find((p) => p.alias === "data-eu-west-1")).toMatchObject({
        region: "eu-west-1",
        allowed_account_ids: ["333333333333"],
      });
    });

    it("THEN every peering stack declares the same accounts and regions, whatever peerings it holds", () => {
      const places = (name: string) =>
        stacks[name].json.provider.aws.map((p) => `${(p.allowed_account_ids as string[])[0]}/${p.region}`).sort();
      expect(places("peering-app")).toEqual(places("peering-shared"));
      expect(places("peering-data")).toEqual(places("peering-shared"));
    });

    it.each(["peering-shared", "peering-app"])("THEN stack %s matches its snapshot", (name) => {
      expect(stacks[name].text).toMatchSnapshot();
    });

    it("THEN the provider source and version are pinned and local state lives outside the output folder", () => {
      expect(shared.json.terraform).toEqual({
        backend: { local: { path: "../../../terraform.peering-shared.tfstate" } },
        required_providers: { aws: { source: "hashicorp/aws", version: ">= 5.100, < 7" } },
      });
    });
  });

  describe("WHEN the providers of the shared account's stack are read", () => {
    const providers = shared.json.provider.aws;
    const byAlias = (alias: string | undefined) => providers.find((p) => p.alias === alias);

    it("THEN the requester's provider is aliased like every other (none is implicit), pinned to its account and assuming its role", () => {
      expect(byAlias("shared-us-east-1")).toEqual({
        alias: "shared-us-east-1",
        region: "us-east-1",
        allowed_account_ids: ["111111111111"],
        assume_role: [
          {
            role_arn: "arn:aws:iam::111111111111:role/peering-deployer",
            external_id: "acme-net-shared",
            session_name: "acme-net-vpc-peering",
          },
        ],
        default_tags: [{ tags: { Project: "acme-net", owner: "platform", "cost-center": "cc-1234" } }],
      });
    });

    it("THEN each accepter (account, region) has an aliased provider pinned to that account", () => {
      expect(providers.map((p) => p.alias ?? "(default)").sort()).toEqual([
        "app-us-east-1",
        "data-eu-west-1",
        "shared-us-east-1",
      ]);
      expect(byAlias("data-eu-west-1")).toMatchObject({
        region: "eu-west-1",
        allowed_account_ids: ["333333333333"],
        assume_role: [{ role_arn: "arn:aws:iam::333333333333:role/peering-accepter", external_id: "acme-net-data" }],
      });
    });
  });

  describe("WHEN the cross-account, same-region peering shared-to-app is read", () => {
    it("THEN the requester creates the connection to the accepter's VPC and account, without peer_region or auto_accept", () => {
      const connection = resourcesOf(shared, "aws_vpc_peering_connection")["shared-to-app_connection"];
      expect(connection).toEqual({
        provider: "aws.shared-us-east-1",
        vpc_id: "vpc-0a1b2c3d4e5f67890",
        peer_vpc_id: "vpc-0b1c2d3e4f5a67890",
        peer_owner_id: "222222222222",
        tags: { Name: "shared-to-app", Side: "Requester", purpose: "app-to-shared-services" },
      });
    });

    it("THEN the accepter accepts it through the accepter account's aliased provider", () => {
      expect(shared.text).toHaveResourceWithProperties(VpcPeeringConnectionAccepterA, {
        provider: "aws.app-us-east-1",
        vpc_peering_connection_id: "${aws_vpc_peering_connection.shared-to-app_connection.id}",
        auto_accept: true,
        tags: { Name: "shared-to-app", Side: "Accepter", purpose: "app-to-shared-services" },
      });
    });

    it("THEN the accepter ignores later changes of auto_accept, which AWS cannot report once accepted (an import would show it)", () => {
      expect(resourcesOf(shared, "aws_vpc_peering_connection_accepter")["shared-to-app_accepter"].lifecycle).toEqual({
        ignore_changes: ["auto_accept"],
      });
    });

    it("THEN every requester route table gets every accepter CIDR, IPv6 included since both sides have IPv6", () => {
      expect(routesOf(shared, "shared-to-app", "requester")).toEqual([
        "rtb-0a1b2c3d4e5f60001 -> 10.1.0.0/16",
        "rtb-0a1b2c3d4e5f60001 -> 2600:1f18:cccc:dd00::/56",
        "rtb-0a1b2c3d4e5f60002 -> 10.1.0.0/16",
        "rtb-0a1b2c3d4e5f60002 -> 2600:1f18:cccc:dd00::/56",
      ]);
    });

    it("THEN every accepter route table gets every requester CIDR, the secondary one included", () => {
      expect(routesOf(shared, "shared-to-app", "accepter")).toEqual([
        "rtb-0b1c2d3e4f5a60001 -> 10.0.0.0/16",
        "rtb-0b1c2d3e4f5a60001 -> 100.64.0.0/20",
        "rtb-0b1c2d3e4f5a60001 -> 2600:1f18:aaaa:bb00::/56",
        "rtb-0b1c2d3e4f5a60002 -> 10.0.0.0/16",
        "rtb-0b1c2d3e4f5a60002 -> 100.64.0.0/20",
        "rtb-0b1c2d3e4f5a60002 -> 2600:1f18:aaaa:bb00::/56",
      ]);
    });

    it("THEN requester routes target the connection and accepter routes wait for the acceptance", () => {
      const routes = resourcesOf(shared, "aws_route");
      expect(routes["shared-to-app_routes_requester_rtb-0a1b2c3d4e5f60001_10-1-0-0_16"]).toEqual({
        provider: "aws.shared-us-east-1",
        route_table_id: "rtb-0a1b2c3d4e5f60001",
        destination_cidr_block: "10.1.0.0/16",
        vpc_peering_connection_id: "${aws_vpc_peering_connection.shared-to-app_connection.id}",
      });
      expect(routes["shared-to-app_routes_accepter_rtb-0b1c2d3e4f5a60002_2600-1f18-aaaa-bb00--_56"]).toEqual({
        provider: "aws.app-us-east-1",
        route_table_id: "rtb-0b1c2d3e4f5a60002",
        destination_ipv6_cidr_block: "2600:1f18:aaaa:bb00::/56",
        vpc_peering_connection_id: "${aws_vpc_peering_connection_accepter.shared-to-app_accepter.id}",
      });
    });

    it("THEN DNS resolution is set per side, by that side's provider, after acceptance", () => {
      const options = resourcesOf(shared, "aws_vpc_peering_connection_options");
      expect(options["shared-to-app_dns_requester"]).toEqual({
        provider: "aws.shared-us-east-1",
        vpc_peering_connection_id: "${aws_vpc_peering_connection_accepter.shared-to-app_accepter.id}",
        requester: { allow_remote_vpc_dns_resolution: true },
      });
      expect(options["shared-to-app_dns_accepter"]).toEqual({
        provider: "aws.app-us-east-1",
        vpc_peering_connection_id: "${aws_vpc_peering_connection_accepter.shared-to-app_accepter.id}",
        accepter: { allow_remote_vpc_dns_resolution: true },
      });
    });

    it("THEN ingress rules reference the peer's security group as <account id>/<sg id>, once the peering is accepted", () => {
      expect(shared.text).toHaveResourceWithProperties(VpcSecurityGroupIngressRule, {
        provider: "aws.app-us-east-1",
        security_group_id: "sg-0b1c2d3e4f5a60001",
        referenced_security_group_id: "111111111111/sg-0a1b2c3d4e5f60001",
        ip_protocol: "tcp",
        from_port: 443,
        to_port: 443,
        description: "HTTPS from shared services",
        depends_on: ["aws_vpc_peering_connection_accepter.shared-to-app_accepter"],
      });
    });

    it("THEN requester-side ingress lands on the requester's security group through the requester's provider", () => {
      expect(shared.text).toHaveResourceWithProperties(VpcSecurityGroupIngressRule, {
        provider: "aws.shared-us-east-1",
        security_group_id: "sg-0a1b2c3d4e5f60002",
        referenced_security_group_id: "222222222222/sg-0b1c2d3e4f5a60002",
        from_port: 8080,
        to_port: 8081,
      });
    });
  });

  describe("WHEN the cross-account, cross-region peering shared-to-data is read", () => {
    it("THEN the connection names the accepter's region and the accepter uses that region's provider", () => {
      expect(shared.text).toHaveResourceWithProperties(VpcPeeringConnection, {
        vpc_id: "vpc-0a1b2c3d4e5f67890",
        peer_vpc_id: "vpc-0c1d2e3f4a5b67890",
        peer_owner_id: "333333333333",
        peer_region: "eu-west-1",
      });
      expect(shared.text).toHaveResourceWithProperties(VpcPeeringConnectionAccepterA, {
        provider: "aws.data-eu-west-1",
        vpc_peering_connection_id: "${aws_vpc_peering_connection.shared-to-data_connection.id}",
        auto_accept: true,
      });
    });

    it("THEN only the chosen route tables and destinations get routes", () => {
      expect(routesOf(shared, "shared-to-data", "requester")).toEqual(["rtb-0a1b2c3d4e5f60001 -> 10.2.0.0/16"]);
      expect(routesOf(shared, "shared-to-data", "accepter")).toEqual([
        "rtb-0c1d2e3f4a5b60001 -> 10.0.0.0/16",
        "rtb-0c1d2e3f4a5b60001 -> 100.64.0.0/20",
      ]);
    });

    it("THEN no IPv6 route is made, since only one side has IPv6", () => {
      const ipv6 = Object.keys(resourcesOf(shared, "aws_route")).filter(
        (name) => name.startsWith("shared-to-data_") && name.includes("--"),
      );
      expect(ipv6).toEqual([]);
    });

    it("THEN the CIDR ingress rule uses cidr_ipv4 and does not wait for acceptance", () => {
      const rule = resourcesOf(shared, "aws_vpc_security_group_ingress_rule")[
        "shared-to-data_ingress_accepter_sg-0c1d2e3f4a5b60001_tcp-443_from_10-0-0-0_16"
      ];
      expect(rule).toMatchObject({ provider: "aws.data-eu-west-1", cidr_ipv4: "10.0.0.0/16" });
      expect(rule).not.toHaveProperty("depends_on");
      expect(rule).not.toHaveProperty("referenced_security_group_id");
    });

    it("THEN each ingress rule of this peering (it has no tags of its own) is tagged exactly Name: <peering>-<side> (project tags come from the provider's default_tags)", () => {
      const rules = Object.entries(resourcesOf(shared, "aws_vpc_security_group_ingress_rule")).filter(([name]) =>
        name.startsWith("shared-to-data_"),
      );
      expect(rules.length).toBeGreaterThan(0);
      expect(Object.fromEntries(rules.map(([name, rule]) => [name, rule.tags]))).toEqual(
        Object.fromEntries(rules.map(([name]) => [name, { Name: `shared-to-data-${name.split("_")[2]}` }])),
      );
      expect(
        resourcesOf(shared, "aws_vpc_security_group_ingress_rule")[
          "shared-to-data_ingress_accepter_sg-0c1d2e3f4a5b60001_tcp-443_from_10-0-0-0_16"
        ].tags,
      ).toEqual({
        Name: "shared-to-data-accepter",
      });
    });
  });

  describe("WHEN the same-account, same-region peering shared-to-tools is read", () => {
    it("THEN the requester auto-accepts and no accepter resource exists", () => {
      expect(resourcesOf(shared, "aws_vpc_peering_connection")["shared-to-tools_connection"]).toMatchObject({
        auto_accept: true,
        peer_owner_id: "111111111111",
        lifecycle: { ignore_changes: ["auto_accept"] },
      });
      expect(resourcesOf(shared, "aws_vpc_peering_connection_accepter")).not.toHaveProperty("shared-to-tools_accepter");
    });

    it("THEN accepter-side routes target the connection itself, through the same provider", () => {
      expect(shared.text).toHaveResourceWithProperties(Route, {
        provider: "aws.shared-us-east-1",
        route_table_id: "rtb-0a1b2c3d4e5f6aaa1",
        destination_cidr_block: "100.64.0.0/20",
        vpc_peering_connection_id: "${aws_vpc_peering_connection.shared-to-tools_connection.id}",
      });
    });

    it("THEN no DNS options are set, since the peering turns DNS resolution off", () => {
      const names = Object.keys(resourcesOf(shared, "aws_vpc_peering_connection_options"));
      expect(names.filter((n) => n.startsWith("shared-to-tools"))).toEqual([]);
    });

    it("THEN a peerVpc source becomes one ICMP rule per requester CIDR", () => {
      const rules = Object.values(resourcesOf(shared, "aws_vpc_security_group_ingress_rule")).filter(
        (r) => r.security_group_id === "sg-0a1b2c3d4e5f6aaa1",
      );
      expect(rules.map((r) => r.cidr_ipv4).sort()).toEqual(["10.0.0.0/16", "100.64.0.0/20"]);
      expect(rules.filter((r) => !(r.ip_protocol === "icmp" && r.from_port === -1 && r.to_port === -1))).toEqual([]);
    });
  });

  describe("WHEN the app account's own stack is read", () => {
    it("THEN it holds only the peering app requests, on app's own aliased provider", () => {
      expect(Object.keys(resourcesOf(app, "aws_vpc_peering_connection"))).toEqual(["app-to-data_connection"]);
      expect(resourcesOf(app, "aws_vpc_peering_connection")["app-to-data_connection"].provider).toBe(
        "aws.app-us-east-1",
      );
      expect(app.json.provider.aws.find((p) => p.alias === "app-us-east-1")).toMatchObject({
        allowed_account_ids: ["222222222222"],
      });
    });

    it("THEN a route table subset on the requester still routes to the accepter's secondary CIDR", () => {
      expect(routesOf(app, "app-to-data", "requester")).toEqual([
        "rtb-0b1c2d3e4f5a60001 -> 10.2.0.0/16",
        "rtb-0b1c2d3e4f5a60001 -> 10.20.0.0/16",
      ]);
    });
  });
});

describe("GIVEN the stacks of the example config and of the adoption example, built but not synthesized", () => {
  const configs = {
    example: exampleConfig,
    adoption: readConfigFile(join(__dirname, "..", "config", "examples", "adopt-and-one-sided.yaml")) as PeeringConfig,
  };

  describe("WHEN cdktf's own preparing pass, which PeeringAccountStack skips, runs on each peering stack", () => {
    it.each(Object.keys(configs))(
      "THEN for the %s config it adds no construct and changes nothing in the stack's Terraform JSON",
      (name) => {
        const { network } = validateConfig(configs[name as keyof typeof configs], { source: "test config" });
        const stacks = addPeeringStacks(Testing.app(), network, {
          outdir: "/project/cdktf.out",
          projectDir: "/project",
        });
        const peeringStacks = stacks.filter((stack) => stack instanceof PeeringAccountStack);
        expect(peeringStacks.length).toBeGreaterThan(1);
        for (const stack of peeringStacks) {
          const constructs = stack.node.findAll().length;
          const json = JSON.stringify(stack.toTerraform());
          TerraformStack.prototype.prepareStack.call(stack);
          expect(stack.node.findAll()).toHaveLength(constructs);
          expect(JSON.stringify(stack.toTerraform())).toBe(json);
        }
      },
    );
  });
});

describe("GIVEN a same-account peering across regions", () => {
  const config: PeeringConfig = {
    project: "solo",
    accounts: { main: { accountId: "444444444444" } },
    vpcs: {
      east: {
        account: "main",
        region: "us-east-1",
        vpcId: "vpc-11111111",
        cidrBlocks: ["10.10.0.0/16"],
        routeTableIds: ["rtb-11111111"],
      },
      west: {
        account: "main",
        region: "us-west-2",
        vpcId: "vpc-22222222",
        cidrBlocks: ["10.20.0.0/16"],
        ipv6CidrBlocks: ["2600:1f14:1:100::/56"],
        routeTableIds: ["rtb-22222222"],
      },
    },
    peerings: {
      "east-to-west": {
        requester: "east",
        accepter: "west",
        ingress: {
          accepter: [
            {
              securityGroupId: "sg-22222222",
              source: { peerVpc: true },
              protocol: "tcp",
              ports: 443,
              description: "HTTPS from east",
            },
          ],
        },
      },
    },
  };
  const stack = synthConfig(config)["peering-main"];

  it("THEN an accepter is still needed, on the same account's provider for the other region", () => {
    expect(stack.text).toHaveResourceWithProperties(VpcPeeringConnection, {
      peer_region: "us-west-2",
      peer_owner_id: "444444444444",
    });
    expect(stack.text).toHaveResourceWithProperties(VpcPeeringConnectionAccepterA, {
      provider: "aws.main-us-west-2",
      auto_accept: true,
    });
    expect(resourcesOf(stack, "aws_vpc_peering_connection")["east-to-west_connection"]).not.toHaveProperty(
      "auto_accept",
    );
  });

  it("THEN without roleArn the providers use the caller's credentials and assume no role", () => {
    for (const provider of stack.json.provider.aws) {
      expect(provider).not.toHaveProperty("assume_role");
      expect(provider.allowed_account_ids).toEqual(["444444444444"]);
    }
  });

  it("THEN no IPv6 route or rule is made when only the accepter has IPv6", () => {
    expect(stack.text).not.toContain("ipv6");
    expect(Object.keys(resourcesOf(stack, "aws_vpc_security_group_ingress_rule"))).toEqual([
      "east-to-west_ingress_accepter_sg-22222222_tcp-443_from_10-10-0-0_16",
    ]);
  });

  it("THEN DNS options on both sides wait for the accepter", () => {
    expect(stack.text).toHaveResourceWithProperties(VpcPeeringConnectionOptions, {
      provider: "aws.main-us-west-2",
      vpc_peering_connection_id: "${aws_vpc_peering_connection_accepter.east-to-west_accepter.id}",
    });
  });
});

describe("GIVEN a same-account, same-region peering with security group references", () => {
  const config: PeeringConfig = {
    project: "solo",
    accounts: { main: { accountId: "444444444444" } },
    vpcs: {
      a: {
        account: "main",
        region: "us-east-1",
        vpcId: "vpc-11111111",
        cidrBlocks: ["10.10.0.0/16"],
        ipv6CidrBlocks: ["2600:1f18:1:100::/56"],
      },
      b: {
        account: "main",
        region: "us-east-1",
        vpcId: "vpc-22222222",
        cidrBlocks: ["10.20.0.0/16"],
        ipv6CidrBlocks: ["2600:1f18:2:100::/56"],
      },
    },
    peerings: {
      "a-to-b": {
        requester: "a",
        accepter: "b",
        ingress: {
          accepter: [
            {
              securityGroupId: "sg-22222222",
              source: { securityGroupId: "sg-11111111" },
              protocol: "all",
              description: "All from a",
            },
            {
              securityGroupId: "sg-22222222",
              source: { peerVpc: true },
              protocol: "udp",
              ports: 53,
              description: "DNS from a",
            },
          ],
        },
      },
    },
  };
  const stack = synthConfig(config)["peering-main"];

  it("THEN the referenced security group is written without an account prefix, and waits for the auto-accepted connection", () => {
    expect(stack.text).toHaveResourceWithProperties(VpcSecurityGroupIngressRule, {
      referenced_security_group_id: "sg-11111111",
      ip_protocol: "-1",
      depends_on: ["aws_vpc_peering_connection.a-to-b_connection"],
    });
  });

  it("THEN a peerVpc source covers the IPv6 block too when both sides have IPv6", () => {
    expect(stack.text).toHaveResourceWithProperties(VpcSecurityGroupIngressRule, {
      cidr_ipv6: "2600:1f18:1:100::/56",
      ip_protocol: "udp",
      from_port: 53,
    });
    expect(stack.text).toHaveResourceWithProperties(VpcSecurityGroupIngressRule, {
      cidr_ipv4: "10.10.0.0/16",
      ip_protocol: "udp",
    });
  });

  it("THEN a VPC without route tables gets no routes", () => {
    expect(resourcesOf(stack, "aws_route")).toEqual({});
  });
});
