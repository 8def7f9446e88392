import { exampleConfig } from "../config/example";
import { planStacks } from "../model/stacks";
import { renderMockTest } from "../scripts/terraform/mock-test";
import { validateConfig } from "../validation/validate";

describe("GIVEN the shared account's stack of the example", () => {
  const { network } = validateConfig(exampleConfig, { source: "example" });
  const plan = planStacks(network).find((p) => p.name === "peering-shared")!;

  describe("WHEN its mocked terraform test is rendered", () => {
    const hcl = renderMockTest(plan, ["data-eu-west-1", "app-us-east-1"]);

    it("THEN it mocks the default provider and every alias", () => {
      expect(hcl).toContain('mock_provider "aws" {}');
      expect(hcl).toContain('mock_provider "aws" {\n  alias = "app-us-east-1"\n}');
      expect(hcl).toContain('mock_provider "aws" {\n  alias = "data-eu-west-1"\n}');
    });

    it("THEN it plans (one run that also validates, and never destroys a protected peering) with the connection and accepter ids known at plan time and distinct", () => {
      expect(hcl).toContain('run "mocked_plan" {\n  command = plan');
      expect(hcl).not.toContain("command = apply");
      expect(hcl).toContain(
        'override_resource {\n  target          = aws_vpc_peering_connection.shared-to-app_connection\n  override_during = plan\n  values          = { id = "mock-shared-to-app-connection" }\n}',
      );
      expect(hcl).toContain(
        'override_resource {\n  target          = aws_vpc_peering_connection_accepter.shared-to-app_accepter\n  override_during = plan\n  values          = { id = "mock-shared-to-app-accepter" }\n}',
      );
      // Same account and region: no accepter resource, so no override for one.
      expect(hcl).toContain('values          = { id = "mock-shared-to-tools-connection" }');
      expect(hcl).not.toContain("mock-shared-to-tools-accepter");
    });

    it("THEN it asserts that the accepter auto-accepts the requester's connection", () => {
      expect(hcl).toContain(
        "aws_vpc_peering_connection_accepter.shared-to-app_accepter.auto_accept == true && aws_vpc_peering_connection_accepter.shared-to-app_accepter.vpc_peering_connection_id == aws_vpc_peering_connection.shared-to-app_connection.id",
      );
    });

    it("THEN accepter-side routes must resolve to the accepter's id, requester-side ones to the connection's", () => {
      expect(hcl).toContain(
        'aws_route.shared-to-app_routes_accepter_rtb-0b1c2d3e4f5a60001_10-0-0-0_16.destination_cidr_block == "10.0.0.0/16" && aws_route.shared-to-app_routes_accepter_rtb-0b1c2d3e4f5a60001_10-0-0-0_16.route_table_id == "rtb-0b1c2d3e4f5a60001" && aws_route.shared-to-app_routes_accepter_rtb-0b1c2d3e4f5a60001_10-0-0-0_16.vpc_peering_connection_id == aws_vpc_peering_connection_accepter.shared-to-app_accepter.id',
      );
      expect(hcl).toContain(
        "aws_route.shared-to-app_routes_requester_rtb-0a1b2c3d4e5f60001_10-1-0-0_16.vpc_peering_connection_id == aws_vpc_peering_connection.shared-to-app_connection.id",
      );
    });

    it("THEN DNS options are asserted per side, and not at all for a peering that turns DNS off", () => {
      expect(hcl).toContain(
        "aws_vpc_peering_connection_options.shared-to-data_dns_accepter.accepter[0].allow_remote_vpc_dns_resolution == true",
      );
      expect(hcl).toContain(
        "aws_vpc_peering_connection_options.shared-to-data_dns_requester.requester[0].allow_remote_vpc_dns_resolution == true",
      );
      expect(hcl).not.toContain("shared-to-tools_dns");
    });

    it("THEN each shared zone's association is asserted, and its authorization only across accounts", () => {
      expect(hcl).toContain(
        'aws_route53_vpc_association_authorization.shared-to-app_zones_shared_internal_acme_to_app-use1_authorization.zone_id == "Z0SHAREDUSE1ACMENET01" && aws_route53_vpc_association_authorization.shared-to-app_zones_shared_internal_acme_to_app-use1_authorization.vpc_id == "vpc-0b1c2d3e4f5a67890"',
      );
      expect(hcl).toContain(
        'aws_route53_zone_association.shared-to-tools_zones_shared_internal_acme_to_tools-use1_association.zone_id == "Z0SHAREDUSE1ACMENET01" && aws_route53_zone_association.shared-to-tools_zones_shared_internal_acme_to_tools-use1_association.vpc_id == "vpc-0a1b2c3d4e5f6aaaa" && aws_route53_zone_association.shared-to-tools_zones_shared_internal_acme_to_tools-use1_association.vpc_region == "us-east-1"',
      );
      expect(hcl).not.toContain("shared-to-tools_zones_shared_internal_acme_to_tools-use1_authorization");
    });
  });
});

describe("GIVEN the outputs and check blocks of the shared account's stack", () => {
  const { network } = validateConfig(exampleConfig, { source: "example" });
  const plan = planStacks(network).find((p) => p.name === "peering-shared")!;

  it("THEN the mocked test asserts each peering's output and its peerings_by_name entry, field by field", () => {
    const hcl = renderMockTest(plan, []);
    expect(hcl).toContain(
      'condition     = output.peering_shared_to_tools.connection_id == aws_vpc_peering_connection.shared-to-tools_connection.id && output.peering_shared_to_tools.accept_status == aws_vpc_peering_connection.shared-to-tools_connection.accept_status && output.peering_shared_to_tools.requester_vpc_id == "vpc-0a1b2c3d4e5f67890" && output.peering_shared_to_tools.accepter_vpc_id == "vpc-0a1b2c3d4e5f6aaaa" && output.peering_shared_to_tools.accepter_region == "us-east-1"',
    );
    expect(hcl).toContain(
      'output.peerings_by_name["shared-to-data"].accept_status == aws_vpc_peering_connection_accepter.shared-to-data_accepter.accept_status',
    );
  });

  it("WHEN checks are on THEN the run lists every check in expect_failures (unknown until apply, and present)", () => {
    expect(renderMockTest(plan, [])).toContain(
      "  expect_failures = [check.peering_shared_to_app, check.peering_shared_to_data, check.peering_shared_to_tools]\n",
    );
  });

  it("WHEN checks are off THEN the run expects no check", () => {
    expect(renderMockTest(plan, [], false)).not.toContain("expect_failures");
  });
});
