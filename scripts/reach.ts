/**
 * `npm run reach -- <from VPC or CIDR> <to security group or VPC> <port>`:
 * answers from the config in effect (config/config.ts or PEERING_CONFIG)
 * whether the traffic is routed there, admitted and routed back, explaining
 * each hop. Static analysis of the config, not of AWS. Exit code 0 when
 * reachable, 1 when not (or when the config is invalid), 2 for bad arguments.
 */

import { runCommand } from "../output/run-command";
import { answerReach } from "../reachability/reach-answer";
import { parseReachArguments } from "../reachability/reach-arguments";
import { loadConfig } from "../validation/load";

runCommand(() => {
  const { network } = loadConfig();
  const question = parseReachArguments(network, process.argv.slice(2));
  if (typeof question === "string") {
    process.stderr.write(`${question}\n`);
    return 2;
  }
  const answer = answerReach(network, question);
  process.stdout.write(`${answer.lines.join("\n")}\n`);
  return answer.reachable ? 0 : 1;
});
