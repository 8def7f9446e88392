import { readFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
import { projectDir } from "../support/synth-process";

/** A config file the way a user writes it, with one mistake per marked line. */
const PROBE = `import { defineConfig } from "./define-config";
export const config = defineConfig({
  project: "acme", bootstrap: false,
  accounts: { shared: { accountId: "111111111111" }, app: { accountId: "222222222222" } },
  vpcs: {
    "app-use1": { account: "ap", region: "us-east-1", vpcId: "vpc-00000001", cidrBlocks: ["10.0.0.0/16"] },
    "shared-use1": { account: "shared", region: "eu-west1", vpcId: "vpx-00000002", cidrBlocks: ["10.1.0.0/16"] },
  },
  peerings: {
    p: { requester: "shared-use1", accepter: "app-use" },
  },
});
`;

/** A language service over the project, with the probe as `config/probe.ts`. */
function languageService(probe: string) {
  const probePath = join(projectDir, "config", "probe.ts");
  const { options } = ts.convertCompilerOptionsFromJson(
    (JSON.parse(readFileSync(join(projectDir, "tsconfig.json"), "utf8")) as { compilerOptions: object })
      .compilerOptions,
    projectDir,
  );
  const host: ts.LanguageServiceHost = {
    getScriptFileNames: () => [probePath],
    getScriptVersion: () => "1",
    getScriptSnapshot: (file) => {
      const text = file === probePath ? probe : ts.sys.readFile(file);
      return text === undefined ? undefined : ts.ScriptSnapshot.fromString(text);
    },
    getCurrentDirectory: () => projectDir,
    getCompilationSettings: () => options,
    getDefaultLibFileName: ts.getDefaultLibFilePath,
    fileExists: (file) => file === probePath || ts.sys.fileExists(file),
    readFile: (file) => (file === probePath ? probe : ts.sys.readFile(file)),
  };
  return { service: ts.createLanguageService(host), probePath };
}

describe("GIVEN a TypeScript config written with defineConfig", () => {
  const { service, probePath } = languageService(PROBE);
  const diagnostics = service.getSemanticDiagnostics(probePath).map((d) => {
    const { line } = ts.getLineAndCharacterOfPosition(d.file!, d.start!);
    return `${line + 1}: ${ts.flattenDiagnosticMessageText(d.messageText, "\n").split("\n")[0]}`;
  });

  it("THEN a wrong account reference, region, VPC id and VPC reference are compile errors naming the right choices", () => {
    expect(diagnostics).toEqual([
      `6: Type '"ap"' is not assignable to type '"shared" | "app" | undefined'.`,
      expect.stringMatching(
        /^7: Type '"eu-west1"' is not assignable to type '"af-south-1" \| .*Did you mean '"eu-west-1"'\?$/,
      ),
      "7: Type '\"vpx-00000002\"' is not assignable to type '`vpc-${string}`'.",
      `10: Type '"app-use"' is not assignable to type '"app-use1" | "shared-use1"'. Did you mean '"app-use1"'?`,
    ]);
  });

  it("THEN the editor completes a VPC's account from the config's own accounts", () => {
    const at = PROBE.indexOf('account: "ap"') + 'account: "'.length;
    const names = service.getCompletionsAtPosition(probePath, at, {})?.entries.map((e) => e.name);
    expect(names).toEqual(expect.arrayContaining(["shared", "app"]));
  });

  it("THEN hovering a field of a correct config shows its documentation and default", () => {
    const valid = PROBE.replace('account: "ap"', 'account: "app"')
      .replace('"eu-west1", vpcId: "vpx-00000002"', '"eu-west-1", vpcId: "vpc-00000002"')
      .replace('"app-use" }', '"app-use1" }');
    const own = languageService(valid);
    expect(own.service.getSemanticDiagnostics(own.probePath)).toEqual([]);
    const docsAt = (text: string) => {
      const info = own.service.getQuickInfoAtPosition(own.probePath, valid.indexOf(text) + 1);
      return `${ts.displayPartsToString(info?.documentation)} ${(info?.tags ?? []).map((t) => `@${t.name} ${ts.displayPartsToString(t.text)}`).join(" ")}`;
    };
    expect(docsAt("requester:")).toContain("Key of the VPC (under `vpcs`) that requests the peering.");
    expect(docsAt('region: "eu-west-1"')).toContain("Region of the VPC");
    expect(docsAt("accountId:")).toContain("The 12-digit AWS account id");
    expect(docsAt('vpcId: "vpc-00000002')).toContain("The VPC's id.");
    expect(docsAt("project:")).toContain("Project name: 1-32 lowercase letters");
    expect(docsAt("bootstrap:")).toContain("@default false");
  });

  it("THEN a tcp ingress rule without ports is a compile error", () => {
    const probe = PROBE.replace(
      'accepter: "app-use" }',
      'accepter: "app-use1", ingress: { accepter: [{ securityGroupId: "sg-00000001", source: { peerVpc: true }, protocol: "tcp", description: "HTTPS from shared" }] } }',
    )
      .replace('account: "ap"', 'account: "app"')
      .replace('"eu-west1", vpcId: "vpx-00000002"', '"eu-west-1", vpcId: "vpc-00000002"');
    const own = languageService(probe);
    const messages = own.service
      .getSemanticDiagnostics(own.probePath)
      .map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
    expect(messages).toEqual([expect.stringContaining("Property 'ports' is missing")]);
  });
});
