/**
 * `npm run discover -- --accounts <names or ids> [--regions r1,r2] [--config file] [--out file] [--check] [--json]`:
 * reads the accounts' VPCs, route tables, security group rules and peering
 * connections with the AWS SDK (each account through its read-only
 * planRoleArn when --config names one, else with the caller's credentials)
 * and writes a config that adopts every active peering as it is. With
 * --config, new entries are merged into that config (existing entries stay
 * as they are) and the differences between it and AWS are printed; --check
 * only prints them and exits 1 if there are any. See README, "Discovering an
 * existing estate".
 */
import { type DiscoverArgs, parseDiscoverArgs, USAGE } from "../discover/command-line";
import { DiscoverError } from "../discover/discover-error";
import { DEFAULT_OUT, runDiscover } from "../discover/run-discover";
import { runCommand } from "../output/run-command";

runCommand(async () => {
  let values: DiscoverArgs;
  try {
    values = parseDiscoverArgs(process.argv.slice(2));
  } catch (cause) {
    // The one-line error, then the usage on a line of its own (both on stderr).
    if (!(cause instanceof DiscoverError)) throw cause;
    process.stderr.write(`${cause.message}\n${USAGE}\n`);
    return 1;
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const list = (text: string | undefined) =>
    text
      ?.split(",")
      .map((s) => s.trim())
      .filter(Boolean);
  const tty = process.stderr.isTTY === true && !values.json;
  const result = await runDiscover({
    accounts: list(values.accounts),
    regions: list(values.regions),
    configFile: values.config,
    out: values.out ?? DEFAULT_OUT,
    check: values.check,
    project: values.project,
    access: values["endpoint-url"] ? { endpoint: values["endpoint-url"] } : {},
    onProgress: tty
      ? ({ account, region, snapshot, seconds }) =>
          process.stderr.write(
            `discover: ${account.name} (${account.accountId}) ${region}: ${snapshot.vpcs.length} VPCs, ${snapshot.peerings.length} peering connections, ${snapshot.rules.length} inbound rules (${seconds.toFixed(1)} s)\n`,
          )
      : undefined,
  });
  if (values.json) {
    process.stdout.write(
      `${JSON.stringify(
        {
          config: result.config,
          notes: result.discovered.notes,
          inactivePeerings: result.discovered.inactive,
          vpcsWithoutPeerings: result.discovered.unpeeredVpcs,
          differences: result.differences,
          todo: result.todo,
          written: result.written ?? null,
        },
        null,
        2,
      )}\n`,
    );
  } else {
    const { discovered } = result;
    const out = (line: string) => process.stdout.write(`${line}\n`);
    for (const note of discovered.notes) out(`note: ${note.peering ? `peerings.${note.peering}: ` : ""}${note.text}`);
    for (const line of discovered.inactive) out(`not active (not adopted): ${line}`);
    for (const line of result.todo) out(`before npm run synth, add ${line}`);
    if (values.config) {
      out(
        result.differences.length === 0
          ? `no differences between ${values.config} and AWS`
          : `${result.differences.length} difference${result.differences.length === 1 ? "" : "s"} between ${values.config} and AWS (- only in the config, + only in AWS, ~ different):`,
      );
      for (const line of result.differences) out(`  ${line}`);
    }
    if (result.written)
      out(
        `wrote ${result.written}: ${Object.keys(discovered.config.peerings).length} adopted peerings, ${Object.keys(discovered.config.vpcs).length} VPCs, ${Object.keys(discovered.config.accounts).length} accounts`,
      );
  }
  return values.check && result.differences.length > 0 ? 1 : 0;
}, [DiscoverError]);
