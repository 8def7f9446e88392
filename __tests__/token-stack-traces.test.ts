import { spawnSync } from "node:child_process";
import { Lazy, Token, Tokenization } from "cdktf";
import { currentLibrary } from "../scripts/cdk-library";
import { projectDir } from "./support/synth-process";

/** The creation stacks two new tokens record (a lazy value, and a string token read back), as the library keeps them for its error messages. */
const creationStacksOfNewTokens = (): string[][] => {
  const lazy = Lazy.anyValue({ produce: () => "value" });
  const stringToken = Token.asString(Lazy.anyValue({ produce: () => "text" }));
  const reversed = Tokenization.reverseString(stringToken).firstToken;
  if (!reversed) throw new Error("the library did not register the string token");
  return [[...lazy.creationStack], [...reversed.creationStack]];
};

describe(`GIVEN the library in use (${currentLibrary().id}) with stacks/token-stack-traces.ts loaded (the test setup imports it, as main.ts does)`, () => {
  it("WHEN a token is created THEN it records no stack trace", () => {
    expect(creationStacksOfNewTokens()).toEqual([[], []]);
  });

  it("THEN cdktn's own switch is set for it and for child processes", () => {
    expect(process.env.CDKTN_DISABLE_CREATION_STACK).toBe("1");
  });

  it("WHEN the same library creates a token in a process without the module THEN it records one (so the test above can fail)", () => {
    const { CDKTN_DISABLE_CREATION_STACK: _off, ...env } = process.env;
    const script = `const { Lazy } = require(${JSON.stringify(currentLibrary().core.name)});
      process.stdout.write(String(Lazy.anyValue({ produce: () => 1 }).creationStack.length));`;
    const result = spawnSync(process.execPath, ["-e", script], { cwd: projectDir, env, encoding: "utf8" });
    expect(result.stderr).toBe("");
    expect(Number(result.stdout)).toBeGreaterThan(0);
  });
});
