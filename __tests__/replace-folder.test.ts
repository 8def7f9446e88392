import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { replaceFolder } from "../output/replace-folder";

describe("GIVEN a folder to replace", () => {
  let dir: string;
  let target: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "peering-replace-"));
    target = join(dir, "out", "iam");
    mkdirSync(target, { recursive: true });
    writeFileSync(join(target, "old.json"), "old");
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("WHEN the new content is written THEN the folder holds exactly it, and no staging folder is left", () => {
    const result = replaceFolder(target, (staging) => {
      writeFileSync(join(staging, "new.json"), "new");
      return "done";
    });
    expect(result).toBe("done");
    expect(readdirSync(target)).toEqual(["new.json"]);
    expect(readdirSync(join(dir, "out"))).toEqual(["iam"]);
  });

  it("WHEN writing fails half-way THEN the folder stays exactly as it was, and no staging folder is left", () => {
    expect(() =>
      replaceFolder(target, (staging) => {
        writeFileSync(join(staging, "new.json"), "new");
        throw new Error("disk full");
      }),
    ).toThrow("disk full");
    expect(readdirSync(target)).toEqual(["old.json"]);
    expect(readFileSync(join(target, "old.json"), "utf8")).toBe("old");
    expect(readdirSync(join(dir, "out"))).toEqual(["iam"]);
  });

  it("WHEN the folder and its parent do not exist yet THEN both are created", () => {
    const fresh = join(dir, "new-parent", "iam");
    replaceFolder(fresh, (staging) => writeFileSync(join(staging, "a.json"), "a"));
    expect(existsSync(join(fresh, "a.json"))).toBe(true);
  });
});
