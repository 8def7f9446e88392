import { exampleConfig } from "../config/example";
import type { PeeringConfig } from "../config/schema";
import { accountDocuments } from "../iam/account-documents";
import type { PolicyDocument } from "../iam/policy-document";
import { renderZoneSection } from "../report/zone-section";
import { validateConfig } from "../validation/validate";
import { resourcesOf, synthConfig } from "./support/synth";
import { compliantConfig, findingsOf } from "./validation/fixture";

const AUTHORIZATION = "aws_route53_vpc_association_authorization";
const ASSOCIATION = "aws_route53_zone_association";

/** A clone of the example, to edit. */
const example = () => structuredClone(exampleConfig) as unknown as PeeringConfig;

describe("GIVEN the example config, whose shared-to-app peering shares zones both ways across accounts and whose shared-to-tools peering shares one within an account", () => {
  const stacks = synthConfig(exampleConfig);
  const shared = stacks["peering-shared"];

  it("THEN the cross-account zone of shared is authorized by shared's provider for app's VPC, and associated by app's provider after the authorization", () => {
    expect(
      resourcesOf(shared, AUTHORIZATION)["shared-to-app_zones_shared_internal_acme_to_app-use1_authorization"],
    ).toEqual(
      expect.objectContaining({
        provider: "aws.shared-us-east-1",
        zone_id: "Z0SHAREDUSE1ACMENET01",
        vpc_id: "vpc-0b1c2d3e4f5a67890",
        vpc_region: "us-east-1",
      }),
    );
    expect(
      resourcesOf(shared, ASSOCIATION)["shared-to-app_zones_shared_internal_acme_to_app-use1_association"],
    ).toEqual(
      expect.objectContaining({
        provider: "aws.app-us-east-1",
        zone_id: "Z0SHAREDUSE1ACMENET01",
        vpc_id: "vpc-0b1c2d3e4f5a67890",
        vpc_region: "us-east-1",
        depends_on: [
          "aws_route53_vpc_association_authorization.shared-to-app_zones_shared_internal_acme_to_app-use1_authorization",
        ],
      }),
    );
  });

  it("THEN the other way round, app's zone is authorized by app's provider and associated by shared's", () => {
    expect(
      resourcesOf(shared, AUTHORIZATION)["shared-to-app_zones_app_internal_acme_to_shared-use1_authorization"],
    ).toMatchObject({
      provider: "aws.app-us-east-1",
      zone_id: "Z0APPUSE1ACMENET00001",
      vpc_id: "vpc-0a1b2c3d4e5f67890",
    });
    expect(
      resourcesOf(shared, ASSOCIATION)["shared-to-app_zones_app_internal_acme_to_shared-use1_association"],
    ).toMatchObject({
      provider: "aws.shared-us-east-1",
      zone_id: "Z0APPUSE1ACMENET00001",
      vpc_id: "vpc-0a1b2c3d4e5f67890",
    });
  });

  it("THEN within one account there is no authorization: one association through the VPC owner's provider, depending on nothing", () => {
    const association = resourcesOf(shared, ASSOCIATION)[
      "shared-to-tools_zones_shared_internal_acme_to_tools-use1_association"
    ];
    expect(association).toMatchObject({
      provider: "aws.shared-us-east-1",
      zone_id: "Z0SHAREDUSE1ACMENET01",
      vpc_id: "vpc-0a1b2c3d4e5f6aaaa",
      vpc_region: "us-east-1",
    });
    expect(association.depends_on).toBeUndefined();
    expect(
      Object.keys(resourcesOf(shared, AUTHORIZATION)).filter((name) => name.startsWith("shared-to-tools")),
    ).toEqual([]);
  });

  it("THEN the zone resources sit only in the stack of the peering's requester, like its accepter", () => {
    for (const name of ["peering-app", "peering-data"]) {
      expect(resourcesOf(stacks[name], AUTHORIZATION)).toEqual({});
      expect(resourcesOf(stacks[name], ASSOCIATION)).toEqual({});
    }
    expect(Object.keys(resourcesOf(shared, AUTHORIZATION))).toHaveLength(2);
    expect(Object.keys(resourcesOf(shared, ASSOCIATION))).toHaveLength(3);
  });

  it("THEN the report says which VPC resolves which zone, through which peering, and who authorizes it", () => {
    const { network } = validateConfig(exampleConfig, { source: "example" });
    expect(renderZoneSection(network)).toEqual([
      "## Private hosted zones",
      "",
      "Each VPC resolves the zones its account created and associated with it, and the zones shared with it here (`shareHostedZones`).",
      "",
      "| zone | owned by | resolved by | through | how |",
      "| --- | --- | --- | --- | --- |",
      "| app.internal.acme (Z0APPUSE1ACMENET00001) | app-use1 (app, us-east-1) | shared-use1 (shared, us-east-1) | shared-to-app | authorized by app, associated by shared |",
      "| shared.internal.acme (Z0SHAREDUSE1ACMENET01) | shared-use1 (shared, us-east-1) | app-use1 (app, us-east-1) | shared-to-app | authorized by shared, associated by app |",
      "| shared.internal.acme (Z0SHAREDUSE1ACMENET01) | shared-use1 (shared, us-east-1) | tools-use1 (shared, us-east-1) | shared-to-tools | associated by shared |",
      "",
    ]);
  });
});

describe("GIVEN a config without hosted zones", () => {
  it("THEN no zone resource is synthesized and the report has no zone section (shareHostedZones defaults to none)", () => {
    const config = compliantConfig() as unknown as PeeringConfig;
    const stacks = synthConfig(config);
    for (const stack of Object.values(stacks)) {
      expect(resourcesOf(stack, AUTHORIZATION)).toEqual({});
      expect(resourcesOf(stack, ASSOCIATION)).toEqual({});
    }
    expect(renderZoneSection(validateConfig(config, { source: "fixture" }).network)).toEqual([]);
  });

  it("WHEN zones are listed but no peering shares them THEN nothing is synthesized and the report says no peering shares a zone", () => {
    const config = compliantConfig();
    config.vpcs.hub.hostedZones = [{ zoneId: "Z0HUBZONE000000001", name: "hub.internal" }];
    const stacks = synthConfig(config as unknown as PeeringConfig);
    expect(resourcesOf(stacks["peering-hub"], ASSOCIATION)).toEqual({});
    expect(renderZoneSection(validateConfig(config, { source: "fixture" }).network)).toContain(
      "No peering shares a zone.",
    );
  });
});

describe("GIVEN the example with its peerings in another order and a zone share added elsewhere", () => {
  it("THEN no existing zone resource changes: addresses come from peering, zone and VPC names", () => {
    const before = synthConfig(exampleConfig)["peering-shared"];
    const config = example() as unknown as { peerings: Record<string, Record<string, unknown>>; acknowledge?: unknown };
    config.peerings = Object.fromEntries(Object.entries(config.peerings).reverse());
    config.peerings["shared-to-data"].shareHostedZones = "requester";
    config.acknowledge = [
      {
        rule: "hosted-zone-across-regions",
        path: "peerings.shared-to-data.shareHostedZones",
        reason: "data reaches the shared services by name across regions on purpose",
      },
    ];
    const after = synthConfig(config as unknown as PeeringConfig)["peering-shared"];
    for (const type of [AUTHORIZATION, ASSOCIATION]) {
      const old = resourcesOf(before, type);
      const now = resourcesOf(after, type);
      expect(Object.keys(old).length).toBeGreaterThan(0);
      for (const name of Object.keys(old)) expect(now[name]).toEqual(old[name]);
    }
    expect(Object.keys(resourcesOf(after, ASSOCIATION))).toContain(
      "shared-to-data_zones_shared_internal_acme_to_data-euw1_association",
    );
  });

  it("THEN a renamed peering (previousName) moves its zone resources instead of replacing them", () => {
    const config = example() as unknown as { peerings: Record<string, Record<string, unknown>> };
    config.peerings["shared-and-app"] = { ...config.peerings["shared-to-app"], previousName: "shared-to-app" };
    delete config.peerings["shared-to-app"];
    const stack = synthConfig(config as unknown as PeeringConfig)["peering-shared"];
    const moved = (stack.json as unknown as { moved?: Array<{ from: string; to: string }> }).moved ?? [];
    expect(moved).toContainEqual({
      from: "aws_route53_zone_association.shared-to-app_zones_shared_internal_acme_to_app-use1_association",
      to: "aws_route53_zone_association.shared-and-app_zones_shared_internal_acme_to_app-use1_association",
    });
    expect(moved).toContainEqual({
      from: "aws_route53_vpc_association_authorization.shared-to-app_zones_shared_internal_acme_to_app-use1_authorization",
      to: "aws_route53_vpc_association_authorization.shared-and-app_zones_shared_internal_acme_to_app-use1_authorization",
    });
  });
});

describe("GIVEN a zone shared with an external VPC", () => {
  it("THEN it is refused: no stack acts in the external account, so nothing could associate the zone", () => {
    const config = compliantConfig() as unknown as Record<string, Record<string, Record<string, unknown>>>;
    config.vpcs.hub.hostedZones = [{ zoneId: "Z0HUBZONE000000001", name: "hub.internal" }];
    config.vpcs.vendor = {
      external: { accountId: "444444444444", region: "us-east-1", vpcId: "vpc-00000009", cidrBlocks: ["10.9.0.0/16"] },
    };
    config.peerings["hub-to-vendor"] = { requester: "hub", accepter: "vendor", shareHostedZones: "requester" };
    expect(findingsOf(config)).toContainEqual(
      expect.objectContaining({
        severity: "error",
        path: "peerings.hub-to-vendor.shareHostedZones",
        message: expect.stringContaining(
          "the accepter, vpcs.vendor, is external: its account must associate the zones itself, and no stack acts in it",
        ),
      }),
    );
  });
});

/** Every statement of a document that names a Route 53 action, as `Sid: actions on resources`. */
const route53Statements = (doc: PolicyDocument) =>
  doc.Statement.filter((s) => [s.Action].flat().some((a) => String(a).startsWith("route53:"))).map(
    (s) => `${s.Sid}: ${[s.Action].flat().join(",")} on ${[s.Resource].flat().join(",")}`,
  );

describe("GIVEN the example's IAM documents", () => {
  const { network } = validateConfig(exampleConfig, { source: "example" });
  const docs = Object.fromEntries(accountDocuments(network).map((d) => [d.account.name, d]));

  it("THEN shared's deploy role authorizes exactly its own zone and associates exactly the zones its VPCs resolve (app's, and its own with tools-use1), nothing else of Route 53", () => {
    expect(route53Statements(docs.shared.policy)).toEqual([
      "AuthorizeZoneAssociations: route53:CreateVPCAssociationAuthorization,route53:DeleteVPCAssociationAuthorization,route53:ListVPCAssociationAuthorizations on arn:aws:route53:::hostedzone/Z0SHAREDUSE1ACMENET01",
      // shared associates app's zone with shared-use1 and its own zone with tools-use1
      "AssociateSharedZones: route53:AssociateVPCWithHostedZone,route53:DisassociateVPCFromHostedZone on arn:aws:route53:::hostedzone/Z0APPUSE1ACMENET00001,arn:aws:route53:::hostedzone/Z0SHAREDUSE1ACMENET01",
      "WaitForZoneAssociations: route53:GetChange on arn:aws:route53:::change/*",
      "ReadZoneAssociations: ec2:DescribeVpcs,route53:ListHostedZonesByVPC on *",
    ]);
  });

  it("THEN app's deploy role authorizes exactly its own zone and associates exactly shared's zone", () => {
    expect(route53Statements(docs.app.policy)).toEqual([
      "AuthorizeZoneAssociations: route53:CreateVPCAssociationAuthorization,route53:DeleteVPCAssociationAuthorization,route53:ListVPCAssociationAuthorizations on arn:aws:route53:::hostedzone/Z0APPUSE1ACMENET00001",
      "AssociateSharedZones: route53:AssociateVPCWithHostedZone,route53:DisassociateVPCFromHostedZone on arn:aws:route53:::hostedzone/Z0SHAREDUSE1ACMENET01",
      "WaitForZoneAssociations: route53:GetChange on arn:aws:route53:::change/*",
      "ReadZoneAssociations: ec2:DescribeVpcs,route53:ListHostedZonesByVPC on *",
    ]);
  });

  it("THEN data, which shares and resolves no zone, gets no Route 53 action at all", () => {
    expect(route53Statements(docs.data.policy)).toEqual([]);
    expect(route53Statements(docs.data.planPolicy)).toEqual([]);
  });

  it("THEN the plan roles get only the reads: listing the authorizations of their own zones, and the zones of their VPCs", () => {
    // ec2:DescribeVpcs, which the zone reads need too, is granted once, by ReadForDiscover
    expect(route53Statements(docs.shared.planPolicy)).toEqual([
      "ReadZoneAssociationAuthorizations: route53:ListVPCAssociationAuthorizations on arn:aws:route53:::hostedzone/Z0SHAREDUSE1ACMENET01",
      "ReadZoneAssociations: route53:ListHostedZonesByVPC on *",
    ]);
    expect(route53Statements(docs.app.planPolicy)).toEqual([
      "ReadZoneAssociationAuthorizations: route53:ListVPCAssociationAuthorizations on arn:aws:route53:::hostedzone/Z0APPUSE1ACMENET00001",
      "ReadZoneAssociations: route53:ListHostedZonesByVPC on *",
    ]);
  });

  it("THEN no policy lists an action twice on every resource (*)", () => {
    for (const doc of Object.values(docs).flatMap((d) => [d.policy, d.planPolicy])) {
      const onEverything = doc.Statement.filter((s) => s.Resource === "*").flatMap((s) => [s.Action].flat());
      expect(onEverything.filter((action, i) => onEverything.indexOf(action) !== i)).toEqual([]);
    }
  });
});
