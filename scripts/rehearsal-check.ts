/**
 * `npm run rehearse:test` (called by .ci/run): the Terraform half of the
 * rehearsal tests. The real Terraform AWS provider applies, re-plans,
 * adopts, renames, removes and destroys against the local AWS (rehearsal/),
 * with the generated IAM roles enforced:
 *
 * - config/example.ts: a statement dropped from a role's policy makes the
 *   apply fail naming the action and the resource; then every stack applies
 *   with 0 denials, the world holds what the config asks, every stack
 *   re-plans clean, and destroy leaves exactly the seeded VPCs, route tables
 *   and security groups. The actions the provider called are written to
 *   rehearsal/observed-actions.json.
 * - config/examples/adopt-and-one-sided.yaml: the adopted peering plans
 *   imports only; a new peering plans only additions; the rename plans moves
 *   only; a reordered config plans nothing; the external accepter stays
 *   pending-acceptance until the vendor accepts, after which `existing`
 *   plans no change; removing a peering plans exactly its destruction; a
 *   protected peering stops destroy.
 * - npm run discover on an estate made by hand (rehearsal/hand-made-estate.ts):
 *   the written config validates, every stack plans imports only (nothing
 *   added or destroyed), applies, re-plans clean, and discover writes the
 *   same bytes again.
 *
 * Prints one `SKIPPED: <why>` line where terraform or the provider mirror is
 * missing (a failure when CI=true).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { isDeepStrictEqual } from "node:util";
import { parse, stringify } from "yaml";
import { exampleConfig } from "../config/example";
import { readConfigFile } from "../config/read-config-file";
import { peeringAddress } from "../constructs/address";
import { runDiscover } from "../discover/run-discover";
import { accountDocuments } from "../iam/account-documents";
import type { Network } from "../model/network";
import {
  PEERINGS_OUTPUT,
  type PeeringOutputValue,
  peeringCheckName,
  peeringOutputName,
} from "../model/peering-output-names";
import { planStacks } from "../model/stacks";
import { synthesizeNetwork } from "../output/synthesize-network";
import { leftovers, livePeering, worldProblems, zoneProblems } from "../rehearsal/expectations";
import {
  ESTATE_DEPLOY_ROLE,
  ESTATE_DEPLOYER,
  estateAccountsConfig,
  estateExternalId,
  handMadeEstate,
} from "../rehearsal/hand-made-estate";
import { putRole } from "../rehearsal/iam";
import { type ObservedActions, sortedObservations } from "../rehearsal/observe";
import type { Policy } from "../rehearsal/policy";
import { describeOutcome, planDiff } from "../rehearsal/print";
import { inPhases, type PlannedChange, Rehearsal, type StackOutcome } from "../rehearsal/rehearsal";
import { BASE_ACCESS_KEY } from "../rehearsal/seed";
import { handle, startLocalAws } from "../rehearsal/server";
import { pluginCacheDir, terraformMissing } from "../rehearsal/setup";
import { addBaseCredential } from "../rehearsal/sts";
import { terraformSetup } from "../rehearsal/terraform";
import { validateConfig } from "../validation/validate";

const ADOPT_CONFIG = "config/examples/adopt-and-one-sided.yaml";
const results: Array<{ name: string; ok: boolean; detail: string }> = [];

function check(name: string, ok: boolean, detail = ""): boolean {
  results.push({ name, ok, detail });
  console.log(`${ok ? "ok  " : "FAIL"} ${name}${detail && !ok ? `\n     ${detail.split("\n").join("\n     ")}` : ""}`);
  return ok;
}

function synth(config: unknown, outdir: string, source: string): Network {
  const { network, warnings } = validateConfig(config, { source });
  synthesizeNetwork(network, outdir, { warnings });
  return network;
}

const worldIds = (r: Rehearsal) =>
  JSON.stringify([
    r.aws.world.vpcs.map((v) => v.id),
    r.aws.world.routeTables.map((t) => t.id),
    r.aws.world.securityGroups.map((g) => g.id),
  ]);

async function applyAll(r: Rehearsal, label: string): Promise<StackOutcome[]> {
  const outcomes = await inPhases(r.stacks(), (s) => r.apply(s));
  for (const o of outcomes) console.log(describeOutcome(o));
  check(
    `${label}: every stack applies`,
    outcomes.every((o) => o.ok),
    outcomes
      .filter((o) => !o.ok)
      .map((o) => o.stack)
      .join(", "),
  );
  return outcomes;
}

/**
 * Every stack re-plans clean: no resource change. With check blocks (`checks`, the default) the plan
 * also reads each check's data source, which Terraform lists as a read and for which
 * `-detailed-exitcode` exits 2 (hashicorp/terraform#35226): those reads are the only changes allowed.
 */
async function replanClean(r: Rehearsal, label: string): Promise<void> {
  const outcomes = await inPhases(r.stacks(), (s) => r.plannedChanges(s));
  const dirty = outcomes.filter((o) => !o.outcome.ok || o.changes.length > 0);
  check(
    `${label}: terraform plan of every stack plans no change (check blocks' reads aside)`,
    dirty.length === 0,
    dirty
      .map(
        (o) =>
          `${o.outcome.stack} (exit ${o.outcome.exitCode})\n${describeChanges(o.changes)}\n${planDiff(o.outcome.output)}`,
      )
      .join("\n"),
  );
}

/** After apply: every peering's outputs hold the connection id the world has, accepted (`active`), with its VPC ids and accepter region. */
async function outputsMatchWorld(r: Rehearsal, network: Network, label: string): Promise<void> {
  const problems: string[] = [];
  for (const plan of planStacks(network)) {
    const outputs = await r.outputs(plan.name);
    const byName = (outputs[PEERINGS_OUTPUT] ?? {}) as Record<string, PeeringOutputValue>;
    for (const peering of plan.peerings) {
      const live = livePeering(r.aws.world, peering);
      const expected: PeeringOutputValue = {
        connection_id: live?.id ?? "(no live connection in the world)",
        accept_status: live?.status ?? "",
        requester_vpc_id: peering.requester.vpcId,
        accepter_vpc_id: peering.accepter.vpcId,
        accepter_region: peering.accepter.region,
      };
      for (const [name, value] of [
        [peeringOutputName(peering.name), outputs[peeringOutputName(peering.name)]],
        [`${PEERINGS_OUTPUT}["${peering.name}"]`, byName[peering.name]],
      ] as const) {
        if (!isDeepStrictEqual(value, expected))
          problems.push(`${plan.name} ${name} = ${JSON.stringify(value)}, expected ${JSON.stringify(expected)}`);
      }
    }
  }
  check(
    `${label}: terraform output -json gives each peering's real connection id, its status, VPC ids and accepter region`,
    problems.length === 0,
    problems.join("\n"),
  );
}

/**
 * What the check blocks cost: every peering stack planned twice with them and twice without
 * (`checks: false`), counting the DescribeVpcPeeringConnections calls the plans make and timing them.
 * Without checks, `plan -detailed-exitcode` exits 0 again.
 */
async function measureChecks(r: Rehearsal, network: Network, outdir: string, noChecksOutdir: string): Promise<void> {
  const peeringStacks = r.stacks().filter((s) => !s.startsWith("bootstrap-"));
  const measure = async () => {
    const rounds: Array<{ seconds: number; describes: number; exitCodes: number[] }> = [];
    for (let round = 0; round < 2; round++) {
      const outcomes = await inPhases(peeringStacks, (s) => r.plan(s));
      rounds.push({
        seconds: outcomes.reduce((sum, o) => sum + o.seconds, 0),
        describes: outcomes.flatMap((o) => o.calls).filter((c) => c.action === "ec2:DescribeVpcPeeringConnections")
          .length,
        exitCodes: outcomes.map((o) => o.exitCode),
      });
    }
    return rounds;
  };
  const withChecks = await measure();
  r.useOutput(noChecksOutdir);
  const without = await measure();
  r.useOutput(outdir);
  const peerings = network.peerings.length;
  const seconds = (rounds: typeof withChecks) => rounds.map((x) => x.seconds.toFixed(1)).join(" s, ");
  console.log(
    `cost of checks (${peerings} peerings, ${peeringStacks.length} peering stacks, plan of every peering stack, 2 rounds each): ` +
      `with checks ${seconds(withChecks)} s and ${withChecks[0].describes} DescribeVpcPeeringConnections calls; ` +
      `checks: false ${seconds(without)} s and ${without[0].describes} calls`,
  );
  check(
    "checks: each check adds exactly one DescribeVpcPeeringConnections call to a plan",
    withChecks.every((x) => x.describes - without[0].describes === peerings) &&
      without.every((x) => x.describes === without[0].describes),
    `with: ${withChecks.map((x) => x.describes).join(", ")}; without: ${without.map((x) => x.describes).join(", ")}`,
  );
  // A stack without peerings has no check, so its plan exits 0 either way.
  const expectedWith = peeringStacks.map((stack) =>
    planStacks(network).find((p) => p.name === stack)?.peerings.length ? 2 : 0,
  );
  check(
    "checks: with checks plan -detailed-exitcode exits 2 (the reads) in every stack with a peering, with checks: false it exits 0",
    withChecks.every((x) => x.exitCodes.join() === expectedWith.join()) &&
      without.every((x) => x.exitCodes.every((c) => c === 0)),
    `with: ${withChecks.map((x) => x.exitCodes.join("/")).join(", ")}; without: ${without.map((x) => x.exitCodes.join("/")).join(", ")}`,
  );
}

/**
 * A peering deleted by hand (DeleteVpcPeeringConnection as its account, as in the console): a plan
 * that refreshes plans to recreate it (the check's read waits for it); a plan with -refresh=false,
 * like a check-only run, warns through the check block.
 */
async function deletedByHand(r: Rehearsal, network: Network, stack: string, peeringName: string): Promise<void> {
  const peering = network.peerings.find((p) => p.name === peeringName);
  const live = peering && livePeering(r.aws.world, peering);
  if (!peering || live?.status !== "active") throw new Error(`the world has no active connection for ${peeringName}`);
  addBaseCredential(r.aws.world, "AKIACONSOLE", `arn:aws:iam::${peering.requester.account.accountId}:user/console`);
  const deleted = handle(
    r.aws.world,
    `AWS4-HMAC-SHA256 Credential=AKIACONSOLE/20260101/${peering.requester.region}/ec2/aws4_request`,
    `Action=DeleteVpcPeeringConnection&VpcPeeringConnectionId=${live.id}`,
  );
  const stale = await r.run(stack, ["plan", "-refresh=false", "-lock=false"]);
  const refreshed = await r.run(stack, ["plan", "-lock=false"]);
  check(
    `drift: ${peeringName} deleted by hand: plan -refresh=false warns through check.${peeringCheckName(peeringName)}`,
    deleted.status === 200 &&
      stale.ok &&
      /Warning: Check block assertion failed/.test(stale.output) &&
      flat(stale.output).includes(`VPC peering ${peeringName} (${live.id}) is deleted, not active`),
    `${deleted.xml}\n${stale.output.slice(-3000)}`,
  );
  check(
    `drift: ${peeringName} deleted by hand: a refreshing plan plans to recreate the connection`,
    refreshed.ok && refreshed.output.includes(`${peeringAddress.connection(peering)} will be created`),
    refreshed.output.slice(-3000),
  );
}

async function changesOf(r: Rehearsal): Promise<PlannedChange[]> {
  const all: PlannedChange[] = [];
  for (const stack of r.stacks()) {
    const { outcome, changes } = await r.plannedChanges(stack);
    if (!outcome.ok) throw new Error(`plan of ${stack} failed:\n${planDiff(outcome.output)}`);
    all.push(...changes);
  }
  return all;
}

/** Terraform's output as one line: its diagnostics' box characters gone and wrapped lines joined. */
const flat = (output: string) => output.replace(/[│╷╵]/g, " ").replace(/\s+/g, " ");

const describeChanges = (changes: PlannedChange[]) =>
  changes
    .map(
      (c) =>
        `${c.actions.join("/")}${c.importing ? " (import)" : ""}${c.previousAddress ? ` (moved from ${c.previousAddress})` : ""} ${c.address}${c.changedAttributes.length > 0 ? ` [${c.changedAttributes.join(", ")}]` : ""}`,
    )
    .join("\n");

/** config/example.ts: IAM negative test, apply, world, re-plan, destroy; observes the actions. */
async function exampleScenarios(workDir: string, env: NodeJS.ProcessEnv, observed: ObservedActions): Promise<number> {
  const outdir = join(workDir, "example.out");
  const network = synth(exampleConfig, outdir, "config/example.ts");
  const r = await Rehearsal.start(network, outdir, join(workDir, "example"), env);
  r.observed = observed;
  const started = Date.now();
  try {
    const seeded = worldIds(r);
    const bootstraps = await inPhases(
      r.stacks().filter((s) => s.startsWith("bootstrap-")),
      (s) => r.apply(s),
    );
    check(
      "example: bootstrap stacks create the roles",
      bootstraps.every((o) => o.ok),
    );

    // Negative: the app account's role without the statement that allows routes.
    const role = r.aws.world.roles.find((x) => x.arn === "arn:aws:iam::222222222222:role/peering-accepter");
    const policy = role?.inlinePolicies["vpc-peering"] as { Statement: Array<{ Sid?: string }> } | undefined;
    if (!role || !policy)
      throw new Error("the bootstrap stack did not create peering-accepter with its vpc-peering policy");
    const full = policy.Statement;
    role.inlinePolicies["vpc-peering"] = {
      ...policy,
      Statement: full.filter((s) => s.Sid !== "RoutesInConfiguredTables"),
    } as never;
    const refused = await r.apply("peering-app");
    role.inlinePolicies["vpc-peering"] = policy as never;
    const denial = refused.denials[0];
    check(
      "IAM: without RoutesInConfiguredTables the apply fails naming ec2:CreateRoute and the route table",
      !refused.ok &&
        denial?.action === "ec2:CreateRoute" &&
        /route-table\/rtb-/.test(denial.resource) &&
        refused.output.includes("UnauthorizedOperation"),
      denial ? `denied ${denial.action} on ${denial.resource}` : "no denial recorded",
    );
    r.aws.world.calls = r.aws.world.calls.filter((c) => c.decision !== "deny");

    const applied = await inPhases(
      r.stacks().filter((s) => !s.startsWith("bootstrap-")),
      (s) => r.apply(s),
    );
    for (const o of applied) console.log(describeOutcome(o));
    check(
      "example: every peering stack applies",
      applied.every((o) => o.ok),
    );
    const problems = worldProblems(r.aws.world, network);
    check(
      "example: peerings active, routes, rules and DNS options as configured",
      problems.length === 0,
      problems.join("\n"),
    );
    const zones = zoneProblems(r.aws.world, network);
    const shared = network.peerings.flatMap((p) => p.zoneShares);
    check(
      "example: every shared private hosted zone is associated with the VPC that resolves it (across accounts after the zone's authorization)",
      shared.some((share) => share.crossAccount) && zones.length === 0,
      zones.join("\n"),
    );
    await replanClean(r, "example");
    await outputsMatchWorld(r, network, "example");
    const noChecksOutdir = join(workDir, "example-no-checks.out");
    synth({ ...exampleConfig, checks: false }, noChecksOutdir, "config/example.ts with checks: false");
    await measureChecks(r, network, outdir, noChecksOutdir);

    // Remove the last peering an account requests: the account keeps its stack, empty, whose plan
    // destroys exactly that peering (through the accepter's provider, still declared); then apply.
    const app = network.vpcs.get("app-use1");
    const data = network.vpcs.get("data-euw1");
    if (!app || !data) throw new Error("config/example.ts has the VPCs app-use1 and data-euw1");
    const liveAppToData = () =>
      r.aws.world.peerings.filter(
        (p) => p.requester.vpcId === app.vpcId && p.accepter.vpcId === data.vpcId && p.status === "active",
      );
    const [appToData] = liveAppToData();
    const withoutLast = structuredClone(exampleConfig) as { peerings: Record<string, unknown> };
    delete withoutLast.peerings["app-to-data"];
    const removedOutdir = join(workDir, "example-removed.out");
    synth(withoutLast, removedOutdir, "config/example.ts without app-to-data");
    r.useOutput(removedOutdir);
    // The bootstrap stacks narrow the role policies in place (the peering's statements go); the
    // peering stacks destroy exactly the peering's resources. Nothing else may change.
    const removal = (await changesOf(r)).filter(
      (c) => !(c.address.startsWith("aws_iam_role_policy.") && c.actions.join() === "update"),
    );
    const notRemoval = removal.filter((c) => c.actions.join() !== "delete" || !c.address.includes("app-to-data"));
    check(
      "remove last: removing an account's last peering plans exactly the destruction of its resources",
      removal.length > 0 && notRemoval.length === 0,
      describeChanges(notRemoval.length ? notRemoval : removal),
    );
    const removedApply = await inPhases(
      r.stacks().filter((s) => !s.startsWith("bootstrap-")),
      (s) => r.apply(s),
    );
    for (const o of removedApply) console.log(describeOutcome(o));
    const stillThere = [
      ...liveAppToData().map((p) => `peering ${p.id} is still active`),
      ...r.aws.world.routeTables.flatMap((t) =>
        t.routes
          .filter((x) => appToData && x.vpcPeeringConnectionId === appToData.id)
          .map((x) => `route ${t.id} -> ${x.vpcPeeringConnectionId}`),
      ),
    ];
    check(
      "remove last: the emptied stack applies and the world keeps no peering or route of it",
      appToData !== undefined && removedApply.every((o) => o.ok) && stillThere.length === 0,
      [...removedApply.filter((o) => !o.ok).map((o) => `${o.stack} failed`), ...stillThere].join("\n"),
    );
    r.useOutput(outdir);
    await deletedByHand(r, network, "peering-shared", "shared-to-tools");

    const destroyed = await inPhases(r.stacks(), (s) => r.destroy(s), true);
    for (const o of destroyed) console.log(describeOutcome(o));
    check(
      "example: every stack destroys",
      destroyed.every((o) => o.ok),
    );
    const left = leftovers(r.aws.world);
    check(
      "example: destroy leaves exactly the seeded VPCs, route tables and security groups",
      left.length === 0 && worldIds(r) === seeded,
      left.join("\n"),
    );
    const denials = r.aws.world.calls.filter((c) => c.decision === "deny");
    check(
      "example: 0 IAM denials (apply, re-plan, destroy)",
      denials.length === 0,
      denials.map((d) => `${d.action} on ${d.resource}: ${d.detail}`).join("\n"),
    );
    return (Date.now() - started) / 1000;
  } finally {
    await r.close();
  }
}

/** The adoption/one-sided example and its variants. */
async function adoptScenarios(workDir: string, env: NodeJS.ProcessEnv, observed: ObservedActions): Promise<void> {
  const base = readConfigFile(ADOPT_CONFIG) as { peerings: Record<string, Record<string, unknown>> };
  const variant = (
    name: string,
    edit: (peerings: Record<string, Record<string, unknown>>) => Record<string, Record<string, unknown>>,
  ) => {
    const config = structuredClone(base);
    config.peerings = edit(config.peerings);
    const outdir = join(workDir, `adopt-${name}.out`);
    return { outdir, network: synth(config, outdir, `${ADOPT_CONFIG} (${name})`) };
  };
  const adoptedOnly = variant("adopted-only", (p) => ({
    "shared-to-app": p["shared-to-app"],
    "partner-to-app": p["partner-to-app"],
  }));
  const full = variant("full", (p) => p);
  const r = await Rehearsal.start(full.network, full.outdir, join(workDir, "adopt"), env);
  r.observed = observed;
  try {
    // Adopt: the hand-made peering (seeded with its routes and rules) plans imports only.
    r.useOutput(adoptedOnly.outdir);
    const adoptPlan = (await changesOf(r)).filter((c) => c.address.includes("shared-to-app"));
    const notImports = adoptPlan.filter(
      (c) => !c.importing || c.actions.includes("create") || c.actions.includes("delete"),
    );
    check(
      "adopt: the existing peering plans imports only (0 to add, 0 to destroy)",
      adoptPlan.length > 0 && notImports.length === 0,
      describeChanges(notImports.length ? notImports : adoptPlan.slice(0, 3)),
    );
    for (const o of await inPhases(r.stacks(), (s) => r.apply(s, "update"))) console.log(describeOutcome(o));

    // Add: the remaining peerings under their old name (tools-app) plan only additions.
    const before = variant("before-rename", (p) => {
      const { "tools-to-app": tools, ...rest } = p;
      const { previousName: _previous, ...old } = tools;
      return { ...rest, "tools-app": old };
    });
    r.useOutput(before.outdir);
    const added = await changesOf(r);
    const notAdds = added.filter((c) => c.actions.join() !== "create" && !c.importing);
    check(
      "add: adding peerings plans only additions",
      added.length > 0 && notAdds.length === 0,
      describeChanges(notAdds),
    );
    const applied = await applyAll(r, "adopt (before rename)");
    void applied;

    // Rename: previousName plans moves only.
    r.useOutput(full.outdir);
    const renamed = await changesOf(r);
    const replaced = renamed.filter(
      (c) => c.previousAddress === undefined || c.actions.includes("create") || c.actions.includes("delete"),
    );
    check(
      "rename: previousName plans moves, no create or destroy",
      renamed.length > 0 && replaced.length === 0,
      describeChanges(replaced),
    );
    // The Name tag is derived from the peering's name, so a rename also
    // updates it in place (README, Adopting peerings): nothing else may change.
    const beyondName = renamed.filter(
      (c) =>
        c.actions.join() !== "no-op" &&
        (c.actions.join() !== "update" || c.changedAttributes.some((a) => a !== "tags" && a !== "tags_all")),
    );
    check(
      "rename: besides the moves, only tags change, in place (the Name tag follows the new name)",
      beyondName.length === 0,
      describeChanges(beyondName),
    );
    await applyAll(r, "adopt (renamed)");
    const problems = worldProblems(r.aws.world, full.network);
    check(
      "adopt: the world holds the config (vendor peering pending-acceptance, partner peering accepted)",
      problems.length === 0,
      problems.join("\n"),
    );
    await replanClean(r, "adopt");
    await outputsMatchWorld(r, full.network, "adopt");
    const vendorCheck = await r.run("peering-shared", ["plan", "-lock=false"]);
    check(
      "external accepter: the check block says the connection is still waiting for acceptance",
      vendorCheck.ok &&
        /VPC peering shared-to-vendor \(pcx-[0-9a-f]+\) is still waiting for\s+acceptance/.test(vendorCheck.output),
      vendorCheck.output.slice(-3000),
    );

    // Reorder: the same peerings in another order plan nothing.
    const reordered = variant("reordered", (p) => Object.fromEntries(Object.entries(p).reverse()));
    r.useOutput(reordered.outdir);
    const reorderChanges = await changesOf(r);
    check("reorder: a reordered config plans no change", reorderChanges.length === 0, describeChanges(reorderChanges));

    // External accepter: pending until the vendor accepts in the world; then `existing` plans no add/destroy.
    const vendor = full.network.peerings.find((p) => p.name === "shared-to-vendor");
    const pcx = r.aws.world.peerings.find(
      (p) => p.accepter.vpcId === vendor?.accepter.vpcId && p.status === "pending-acceptance",
    );
    check("external accepter: the connection stays pending-acceptance", pcx !== undefined);
    addBaseCredential(r.aws.world, "AKIAVENDOR", "arn:aws:iam::444444444444:user/vendor");
    const accepted = handle(
      r.aws.world,
      "AWS4-HMAC-SHA256 Credential=AKIAVENDOR/20260101/us-east-1/ec2/aws4_request",
      `Action=AcceptVpcPeeringConnection&VpcPeeringConnectionId=${pcx?.id}`,
    );
    check(
      "external accepter: the vendor accepts it in the world",
      accepted.status === 200 && pcx?.status === "active",
      accepted.xml,
    );
    // The README says: add `existing`; validation then also asks for the sgr- id of each rule (as a user would, from AWS).
    const vendorRule = r.aws.world.rules.find(
      (x) => x.groupId === "sg-0a1b2c3d4e5f60002" && x.cidrIpv4 === "10.50.0.0/16",
    );
    const nextStep = variant("vendor-accepted", (p) => {
      const vendorPeering = structuredClone(p["shared-to-vendor"]) as {
        ingress: { requester: Array<Record<string, unknown>> };
      };
      vendorPeering.ingress.requester[0].existingRuleIds = { "10.50.0.0/16": vendorRule?.id };
      return { ...p, "shared-to-vendor": { ...vendorPeering, existing: { peeringConnectionId: pcx?.id } } };
    });
    r.useOutput(nextStep.outdir);
    const afterAccept = await changesOf(r);
    const bad = afterAccept.filter((c) => c.actions.includes("create") || c.actions.includes("delete"));
    check(
      "external accepter: once accepted, `existing` (the README's next step) plans no add or destroy",
      bad.length === 0,
      describeChanges(bad),
    );

    // External requester: the partner's connection, accepted by our stack, is active; given as `existing` instead
    // of peeringConnectionId (the README's form for one accepted before the config), its resources plan no change.
    const partnerAdopted = variant("partner-existing", (p) => {
      const { peeringConnectionId, ...partner } = p["partner-to-app"] as { peeringConnectionId: string };
      return { ...p, "partner-to-app": { ...partner, existing: { peeringConnectionId } } };
    });
    r.useOutput(partnerAdopted.outdir);
    const partnerChanges = (await changesOf(r)).filter((c) => c.address.includes("partner-to-app"));
    check(
      "external requester: once active, `existing` instead of peeringConnectionId plans no change",
      partnerChanges.length === 0,
      describeChanges(partnerChanges),
    );

    // Remove: dropping a peering plans exactly the destruction of its resources.
    r.useOutput(full.outdir);
    const removed = variant("removed", (p) => {
      const { "shared-to-vendor": _vendor, ...rest } = p;
      return rest;
    });
    r.useOutput(removed.outdir);
    const removal = await changesOf(r);
    const wrong = removal.filter((c) => c.actions.join() !== "delete" || !c.address.includes("shared-to-vendor"));
    check(
      "remove: removing a peering plans exactly the destruction of its resources",
      removal.length > 0 && wrong.length === 0,
      describeChanges(wrong.length ? wrong : removal),
    );

    // Protect: destroy stops at the protected peerings.
    r.useOutput(full.outdir);
    const protectedDestroy = await r.run("peering-shared", ["plan", "-destroy", "-lock=false"]);
    check(
      "protect: a protected peering stops destroy",
      !protectedDestroy.ok && /prevent_destroy/.test(protectedDestroy.output),
      planDiff(protectedDestroy.output),
    );
    const denials = r.aws.world.calls.filter((c) => c.decision === "deny");
    check(
      "adopt: 0 IAM denials",
      denials.length === 0,
      denials.map((d) => `${d.action} on ${d.resource}: ${d.detail}`).join("\n"),
    );
  } finally {
    await r.close();
  }
}

/**
 * npm run discover on an estate made by hand: the config it writes validates, plans imports only
 * (0 to add, 0 to destroy), applies, re-plans clean, and a second discover writes the same bytes.
 */
async function discoverScenario(workDir: string, env: NodeJS.ProcessEnv): Promise<void> {
  const aws = await startLocalAws(handMadeEstate());
  const accountsFile = join(workDir, "estate-accounts.yaml");
  writeFileSync(accountsFile, stringify(estateAccountsConfig()));
  const discover = (out: string) =>
    runDiscover({
      accounts: ["shared", "app", "data"],
      regions: ["us-east-1"],
      configFile: accountsFile,
      out,
      access: { endpoint: aws.url, credentials: { accessKeyId: BASE_ACCESS_KEY, secretAccessKey: "x" } },
    });
  const started = Date.now();
  const first = join(workDir, "discovered.yaml");
  await discover(first);
  const discoverSeconds = (Date.now() - started) / 1000;
  console.log(`discover: read 3 accounts (4 account-regions) and wrote the config in ${discoverSeconds.toFixed(2)} s`);
  const outdir = join(workDir, "discovered.out");
  let network: Network;
  try {
    network = synth(parse(readFileSync(first, "utf8")), outdir, "the discovered config");
    check("discover: the written config validates and synthesizes", true);
  } catch (cause) {
    check("discover: the written config validates and synthesizes", false, String(cause));
    await aws.close();
    return;
  }
  // The deploy roles the accounts name (roleArn): the policies npm run iam writes for this config.
  for (const docs of accountDocuments(network)) {
    const role = putRole(aws.world, docs.account.accountId, ESTATE_DEPLOY_ROLE, {
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Principal: { AWS: ESTATE_DEPLOYER },
          Action: "sts:AssumeRole",
          Condition: { StringEquals: { "sts:ExternalId": estateExternalId(docs.account.accountId) } },
        },
      ],
    });
    role.inlinePolicies["vpc-peering"] = docs.policy as unknown as Policy;
  }
  const r = Rehearsal.onWorld(aws, outdir, join(workDir, "discover"), env);
  const scenarioStarted = Date.now();
  try {
    const planned = await changesOf(r);
    const addedOrDestroyed = planned.filter((c) => c.actions.includes("create") || c.actions.includes("delete"));
    const imports = planned.filter((c) => c.importing);
    const updates = planned.filter((c) => c.actions.includes("update"));
    console.log(
      `discover: the plan of every stack imports ${imports.length} resources, adds 0+${addedOrDestroyed.length}, updates ${updates.length} in place`,
    );
    check(
      "discover: every stack plans imports only (0 to add, 0 to destroy)",
      imports.length > 0 && addedOrDestroyed.length === 0 && planned.every((c) => c.importing),
      describeChanges(addedOrDestroyed.length ? addedOrDestroyed : planned.filter((c) => !c.importing)),
    );
    // The template tags what it manages (Name, Side, Project); a hand-made peering has other tags or none, so the
    // imports update tags in place. Anything else updated in place would be a difference discover missed (an
    // imported accepter's auto_accept, which AWS cannot report, is ignored by the template: constructs/vpc-peering.ts).
    const notTags = updates.filter((c) => c.changedAttributes.some((a) => a !== "tags" && a !== "tags_all"));
    check(
      "discover: the only in-place changes are the template's tags",
      notTags.length === 0,
      notTags.map((c) => `${c.address}: ${c.changedAttributes.join(", ")}`).join("\n"),
    );
    await applyAll(r, "discover");
    await replanClean(r, "discover");
    const denials = aws.world.calls.filter((c) => c.decision === "deny");
    check(
      "discover: 0 IAM denials (discover through the plan roles, plan and apply through the deploy roles)",
      denials.length === 0,
      denials.map((d) => `${d.action} on ${d.resource}: ${d.detail}`).join("\n"),
    );
    const again = join(workDir, "discovered-again.yaml");
    await discover(again);
    // The apply tagged the peerings (Name, Side, Project): the names stay those of the first run,
    // since the Name tags now carry them; Project and Side are the template's own tags, never written.
    check(
      "discover: after the apply, discover writes the same file byte for byte",
      readFileSync(again).equals(readFileSync(first)),
      "the second run differs from the first",
    );
    console.log(
      `discover rehearsal (plan, apply, re-plan of every stack): ${((Date.now() - scenarioStarted) / 1000).toFixed(0)} s`,
    );
  } finally {
    await r.close();
  }
}

async function main(): Promise<number> {
  const missing = terraformMissing();
  if (missing) {
    console.log(`SKIPPED: ${missing}`);
    return process.env.CI === "true" ? 1 : 0;
  }
  const workDir = mkdtempSync(join(tmpdir(), "rehearsal-check-"));
  try {
    const setup = terraformSetup(workDir, pluginCacheDir());
    if ("missing" in setup) {
      console.log(`SKIPPED: ${setup.missing}`);
      return process.env.CI === "true" ? 1 : 0;
    }
    const observed: ObservedActions = {};
    const only = process.env.REHEARSAL_SCENARIOS;
    if (!only || only.includes("example")) {
      const seconds = await exampleScenarios(workDir, setup.env, observed);
      console.log(`example rehearsal (apply, re-plan, destroy of every stack): ${seconds.toFixed(0)} s`);
    }
    if (!only || only.includes("adopt")) await adoptScenarios(workDir, setup.env, observed);
    if (!only || only.includes("discover")) await discoverScenario(workDir, setup.env);
    if (!only)
      writeFileSync("rehearsal/observed-actions.json", `${JSON.stringify(sortedObservations(observed), null, 2)}\n`);
    const failed = results.filter((x) => !x.ok);
    console.log(
      failed.length === 0
        ? `rehearsal checks passed (${results.length}): applied, re-planned clean, changed, adopted, renamed, destroyed, 0 denials`
        : `rehearsal checks FAILED: ${failed.map((x) => x.name).join("; ")}`,
    );
    return failed.length === 0 ? 0 : 1;
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (cause: Error) => {
    process.stderr.write(`rehearsal checks FAILED: ${cause.stack ?? cause}\n`);
    process.exitCode = 1;
  },
);
