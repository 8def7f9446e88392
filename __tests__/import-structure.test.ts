import { readFileSync } from "node:fs";
import { join } from "node:path";
import { currentLibrary } from "../scripts/cdk-library";
import { ALLOWED_IMPORTS, importsOf, projectImports, projectSources, violations } from "./support/import-edges";

const root = join(__dirname, "..");

describe("GIVEN the project's folders and the allowed-edges table", () => {
  let edges: ReturnType<typeof projectImports>;
  beforeAll(() => {
    edges = projectImports(root);
  });

  it("THEN every checked folder is in the table (a new folder must state what it may import)", () => {
    const folders = [
      ...new Set(
        projectSources(root)
          .map((file) => file.split("/")[0])
          .filter((f) => !f.includes(".")),
      ),
    ];
    expect(folders.filter((folder) => !(folder in ALLOWED_IMPORTS))).toEqual([]);
  });

  it("THEN no module imports against the data flow", () => {
    expect(violations(edges)).toEqual([]);
  });

  it("THEN provider classes come from @cdktf/provider-aws/lib/<resource>, never the package root", () => {
    expect(edges.filter((edge) => edge.specifier === currentLibrary().aws.name).map((edge) => edge.from)).toEqual([]);
  });

  it("THEN the table itself has no cycle (a folder never reaches itself through its allowed imports)", () => {
    const reaches = (from: string, seen = new Set<string>()): Set<string> => {
      for (const to of ALLOWED_IMPORTS[from] ?? []) if (!seen.has(to)) reaches(to, seen.add(to));
      return seen;
    };
    expect(Object.keys(ALLOWED_IMPORTS).filter((folder) => reaches(folder).has(folder))).toEqual([]);
  });
});

describe("GIVEN a fork's model module that imports a construct", () => {
  const edges = importsOf(
    "model/network.ts",
    'import { PART } from "../constructs/address";\nimport { z } from "zod";\n',
  );

  it("WHEN checked THEN the import is named with what model/ may import", () => {
    expect(violations(edges)).toEqual([
      "model/network.ts imports ../constructs/address (model/ may import: core, config)",
    ]);
  });
});

describe("GIVEN a new top-level folder missing from the table", () => {
  it("WHEN checked THEN it is reported, even when its imports look harmless", () => {
    expect(violations(importsOf("rehearsals/run.ts", 'import { x } from "../core/finding";'))).toEqual([
      "rehearsals/run.ts: folder rehearsals/ is not in the allowed-edges table",
    ]);
  });
});

describe("GIVEN the import forms TypeScript allows", () => {
  it("WHEN parsed THEN static, type-only, re-export, dynamic import and require are all seen", () => {
    const source = [
      'import a from "../a/x";',
      'import type { B } from "../b/x";',
      'export { c } from "../c/x";',
      'export * from "../d/x";',
      'const e = await import("../e/x");',
      'const f = require("../f/x");',
      'import "../g/x";',
    ].join("\n");
    expect(importsOf("core/y.ts", source).map((edge) => edge.to)).toEqual([
      "a/x",
      "b/x",
      "c/x",
      "d/x",
      "e/x",
      "f/x",
      "g/x",
    ]);
  });
});

describe("GIVEN the stock app the benchmark measures against (bench/stock, its own package.json and lockfile)", () => {
  it("THEN the repository's Jest, TypeScript and Biome never reach into it, and its packages are not the repository's", () => {
    const jestConfig = require("../jest.config.js") as { roots: string[] };
    const tsconfig = JSON.parse(readFileSync(join(root, "tsconfig.json"), "utf8")) as { exclude: string[] };
    const biome = JSON.parse(readFileSync(join(root, "biome.json"), "utf8")) as { files: { includes: string[] } };
    const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as {
      dependencies: object;
      devDependencies: object;
    };
    expect(jestConfig.roots).toEqual(["<rootDir>/__tests__"]);
    expect(tsconfig.exclude).toContain("bench/stock");
    expect(biome.files.includes).toContain("!**/bench/stock");
    expect(
      Object.keys({ ...pkg.dependencies, ...pkg.devDependencies }).filter((name) =>
        ["ts-node", "ts-jest"].includes(name),
      ),
    ).toEqual([]);
  });

  it("THEN no module outside it, tests and scripts included, imports from it", () => {
    const edges = projectImports(root, new Set(["node_modules", "bench/stock", "cdktf.out", ".build"]));
    expect(edges.length).toBeGreaterThan(0);
    expect(edges.filter((edge) => edge.to?.startsWith("bench/stock")).map((edge) => edge.from)).toEqual([]);
  });
});
