import { readdirSync } from "node:fs";
import { basename, join } from "node:path";
import {
  CONFIG_RULES,
  NETWORK_RULES,
  PLAN_MODE_RULES,
  REFERENCE_RULES,
  unmatchedAcknowledgements,
} from "../../validation/rules";

/** A rule as the registry sees it: `check` for the rules on the config or network, `apply` for the one on the findings themselves. */
interface RuleLike {
  readonly id: string;
  readonly description: string;
  readonly check?: unknown;
  readonly apply?: unknown;
}

const isRule = (value: unknown): value is RuleLike =>
  typeof value === "object" &&
  value !== null &&
  typeof (value as RuleLike).id === "string" &&
  (typeof (value as RuleLike).check === "function" || typeof (value as RuleLike).apply === "function");

/**
 * What is wrong between the rule files and the registry: a file that exports
 * no rule or more than one, a rule whose id is not its file name, a rule no
 * list registers, a rule registered twice.
 */
function registryProblems(
  modules: Readonly<Record<string, Record<string, unknown>>>,
  registered: readonly RuleLike[],
): string[] {
  const problems: string[] = [];
  for (const [file, exports] of Object.entries(modules)) {
    const rules = Object.values(exports).filter(isRule);
    const name = basename(file, ".ts");
    if (rules.length !== 1) {
      problems.push(`${file} exports ${rules.length} rules; one rule per file`);
      continue;
    }
    const [rule] = rules;
    if (rule.id !== name)
      problems.push(`${file} exports a rule with id "${rule.id}"; the id is the file name, "${name}"`);
    if (!registered.includes(rule))
      problems.push(`${file}: rule "${rule.id}" is in no list of validation/rules/index.ts, so it never runs`);
  }
  const ids = registered.map((rule) => rule.id);
  for (const id of new Set(ids.filter((id, i) => ids.indexOf(id) !== i)))
    problems.push(`rule "${id}" is registered more than once`);
  return problems;
}

const registered: readonly RuleLike[] = [
  ...REFERENCE_RULES,
  ...CONFIG_RULES,
  ...NETWORK_RULES,
  ...PLAN_MODE_RULES,
  unmatchedAcknowledgements,
];

describe("GIVEN every file under validation/rules/ and the registry in rules/index.ts", () => {
  const dir = join(__dirname, "../../validation/rules");
  let modules: Record<string, Record<string, unknown>>;
  beforeAll(() => {
    const files = readdirSync(dir).filter((file) => file.endsWith(".ts") && file !== "index.ts");
    modules = Object.fromEntries(
      files.map((file) => [`validation/rules/${file}`, require(join(dir, file)) as Record<string, unknown>]),
    );
  });

  it("THEN each file exports one rule, its id is the file name, and the registry runs it exactly once", () => {
    expect(registryProblems(modules, registered)).toEqual([]);
  });

  it("THEN the registry holds no rule without a file", () => {
    const fromFiles = Object.values(modules).flatMap((exports) => Object.values(exports).filter(isRule));
    expect(registered.filter((rule) => !fromFiles.includes(rule)).map((rule) => rule.id)).toEqual([]);
  });

  it("THEN every rule says what it protects against", () => {
    expect(registered.filter((rule) => rule.description.trim() === "").map((rule) => rule.id)).toEqual([]);
  });
});

describe("GIVEN a fork's new rule file", () => {
  const rule: RuleLike = { id: "no-public-peering", description: "x", check: () => [] };

  it("WHEN it is not registered THEN the problem names the file and says it never runs", () => {
    expect(registryProblems({ "validation/rules/no-public-peering.ts": { rule } }, registered)).toEqual([
      'validation/rules/no-public-peering.ts: rule "no-public-peering" is in no list of validation/rules/index.ts, so it never runs',
    ]);
  });

  it("WHEN its id differs from its file name THEN the problem names both", () => {
    expect(registryProblems({ "validation/rules/no-public-peerings.ts": { rule } }, [...registered, rule])).toEqual([
      'validation/rules/no-public-peerings.ts exports a rule with id "no-public-peering"; the id is the file name, "no-public-peerings"',
    ]);
  });

  it("WHEN it is registered twice THEN the duplicate is named", () => {
    expect(
      registryProblems({ "validation/rules/no-public-peering.ts": { rule } }, [...registered, rule, rule]),
    ).toEqual(['rule "no-public-peering" is registered more than once']);
  });
});
