import { existsSync, readFileSync, rmSync } from "node:fs";

/**
 * The AWS actions the provider really calls, per resource type and
 * operation, read from the provider's own debug log (each "HTTP Request
 * Sent" line names rpc.service, rpc.method, tf_rpc and tf_resource_type).
 * ReadResource is "read", ImportResourceState "import", and
 * ApplyResourceChange the operation of the command (create, update, delete);
 * a call inside a resource operation that carries no tf_rpc (made from a
 * waiter) counts as the command's operation too. The provider's log is not
 * complete when several aliased provider processes write to it, so the
 * endpoint's own records are added per command under "(any resource type)".
 */

/** resource type -> operation -> sorted actions (`ec2:CreateRoute`). */
export type ObservedActions = Record<string, Record<string, string[]>>;

/** Adds the calls in a provider log to `observed`; `applyAs` names what ApplyResourceChange did in this command. */
export function readProviderLog(file: string, applyAs: string, observed: ObservedActions): void {
  if (!existsSync(file)) return;
  for (const line of readFileSync(file, "utf8").split("\n")) {
    if (!line.includes("HTTP Request Sent")) continue;
    const field = (name: string) => new RegExp(`${name.replace(".", "\\.")}=("?)([\\w*.-]+)\\1`).exec(line)?.[2];
    const type = field("tf_resource_type");
    const rpc = field("tf_rpc");
    const service = field("rpc.service");
    const method = field("rpc.method");
    if (!type || !service || !method) continue;
    const operation = rpc
      ? ({ ReadResource: "read", ImportResourceState: "import", ApplyResourceChange: applyAs }[rpc] ?? rpc)
      : applyAs;
    const action = `${service.toLowerCase()}:${method}`;
    observed[type] ??= {};
    const byOperation = observed[type];
    byOperation[operation] = [...new Set([...(byOperation[operation] ?? []), action])].sort();
  }
  rmSync(file, { force: true });
}

/** Merges observations and sorts them for a stable file. */
export function sortedObservations(observed: ObservedActions): ObservedActions {
  const order = ["create", "read", "update", "delete", "import"];
  return Object.fromEntries(
    Object.keys(observed)
      .sort()
      .map((type) => [
        type,
        Object.fromEntries(
          Object.keys(observed[type])
            .sort((a, b) => order.indexOf(a) - order.indexOf(b))
            .map((op) => [op, observed[type][op]]),
        ),
      ]),
  );
}

/** The key under which the endpoint's own records are kept, per terraform command. */
export const ANY_RESOURCE_TYPE = "(any resource type)";

/** Adds the actions the endpoint recorded for one terraform command. */
export function addRecordedCalls(observed: ObservedActions, command: string, actions: readonly string[]): void {
  observed[ANY_RESOURCE_TYPE] ??= {};
  const byCommand = observed[ANY_RESOURCE_TYPE];
  byCommand[command] = [...new Set([...(byCommand[command] ?? []), ...actions])].sort();
}
