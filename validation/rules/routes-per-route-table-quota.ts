import { error } from "../../core/finding";
import { allRoutes } from "../network-paths";
import type { NetworkRule } from "../rule";
import { Tally } from "../tally";

/**
 * A route table gets no more routes from the config than its quota allows
 * (default 50; IPv4 and IPv6 routes are counted apart, as AWS does). Routes
 * made outside this config count too, and AWS will tell: keep headroom.
 */
export const routesPerRouteTableQuota: NetworkRule = {
  id: "routes-per-route-table-quota",
  description: "Routes per route table stay within the quota, IPv4 and IPv6 counted apart.",
  check(network) {
    const quota = network.quotas.routesPerRouteTable;
    const tally = new Tally();
    for (const { route } of allRoutes(network))
      tally.add(`${route.routeTableId} ${route.destination.family}`, route.path);
    return tally.over(quota).map(({ key, count, firstPath }) => {
      const [routeTableId, family] = key.split(" ");
      return error(
        firstPath,
        `${routeTableId} would get ${count} ${family === "ipv4" ? "IPv4" : "IPv6"} routes from this config, over the quota of ${quota}; route fewer, wider destinations, ask AWS to raise the quota and set quotas.routesPerRouteTable, or use a transit gateway`,
      );
    });
  },
};
