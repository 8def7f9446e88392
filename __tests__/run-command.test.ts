import { ConfigValidationError, error } from "../core/finding";
import { runCommand } from "../output/run-command";

class TargetError extends Error {}

describe("GIVEN the one wrapper every command-line entry point runs in", () => {
  let written: string[];
  let exitCodeBefore: typeof process.exitCode;
  beforeEach(() => {
    written = [];
    exitCodeBefore = process.exitCode;
    process.exitCode = undefined;
    jest.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
  });
  afterEach(() => {
    jest.restoreAllMocks();
    process.exitCode = exitCodeBefore;
  });

  it("WHEN the body throws a config error THEN its message goes to stderr without a stack and the exit code is 1", () => {
    runCommand(() => {
      throw new ConfigValidationError([error("peerings.x", "is wrong")], "config/config.ts");
    });
    expect(written.join("")).toContain("peerings.x");
    expect(written.join("")).not.toContain("    at ");
    expect(process.exitCode).toBe(1);
  });

  it("WHEN the body throws an error class the command declared THEN it is reported the same way", () => {
    runCommand(() => {
      throw new TargetError("folder is not empty");
    }, [TargetError]);
    expect(written).toEqual(["folder is not empty\n"]);
    expect(process.exitCode).toBe(1);
  });

  it("WHEN the body throws anything else THEN it is rethrown as the bug it is, and nothing is printed", () => {
    expect(() =>
      runCommand(() => {
        throw new TypeError("undefined is not a function");
      }),
    ).toThrow(TypeError);
    expect(written).toEqual([]);
  });

  it("WHEN the body returns an exit code THEN it becomes the process's", () => {
    runCommand(() => 2);
    expect(process.exitCode).toBe(2);
  });

  it("WHEN an async body rejects with a declared error THEN it is reported once the promise settles", async () => {
    runCommand(async () => {
      throw new TargetError("late");
    }, [TargetError]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(written).toEqual(["late\n"]);
    expect(process.exitCode).toBe(1);
  });
});
