/**
 * `npm run check:vanished -- --base <base cdktf.out> --head <head cdktf.out>`:
 * fails, naming the stack, when a stack of the base branch's output is gone
 * from the head's while its state still holds resources. plan.yml runs it
 * with the CI plan role's credentials; per vanished stack it runs
 * `terraform init` and `terraform state list` in the base's stack folder
 * (which carries the backend settings). Exit code 1 when a stack blocks.
 */
import { spawnSync } from "node:child_process";
import { resolve } from "node:path";
import { checkVanishedStacks, type StateListing } from "./stacks/vanished-stacks";

function argument(name: string): string {
  const index = process.argv.indexOf(name);
  const value = index >= 0 ? process.argv[index + 1] : undefined;
  if (!value) {
    process.stderr.write(
      `missing ${name} <folder>; usage: npm run check:vanished -- --base <base cdktf.out> --head <head cdktf.out>\n`,
    );
    process.exit(2);
  }
  return resolve(value);
}

/** `terraform init` and `terraform state list` in a stack folder. A local state file that does not exist holds nothing. */
function terraformStateList(stackDir: string): StateListing {
  const env = { ...process.env, TF_IN_AUTOMATION: "1", TF_INPUT: "0", CHECKPOINT_DISABLE: "1" };
  const init = spawnSync("terraform", ["init", "-input=false", "-no-color"], { cwd: stackDir, env, encoding: "utf8" });
  if (init.error) return { problem: `terraform: ${init.error.message}` };
  if (init.status !== 0)
    return { problem: `terraform init: ${(init.stderr || init.stdout).trim().split("\n").slice(-3).join(" ")}` };
  const list = spawnSync("terraform", ["state", "list"], { cwd: stackDir, env, encoding: "utf8" });
  if (list.status !== 0) {
    if (/No state file was found/.test(list.stderr + list.stdout)) return { resources: [] };
    return { problem: `terraform state list: ${(list.stderr || list.stdout).trim().split("\n").slice(-3).join(" ")}` };
  }
  return { resources: list.stdout.split("\n").filter((line) => line.trim() !== "") };
}

const { lines, failed } = checkVanishedStacks(argument("--base"), argument("--head"), terraformStateList);
for (const line of lines) process.stdout.write(`${line}\n`);
process.exitCode = failed ? 1 : 0;
