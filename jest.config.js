/** Jest with the SWC transformer: TypeScript is stripped, not type-checked (`npm run typecheck` does that). */
module.exports = {
  testEnvironment: "node",
  // Jest's default is one worker fewer than the cores: on the 2-core CI machine
  // that runs every file in band, while the CLI tests mostly wait for child processes.
  maxWorkers: "100%",
  roots: ["<rootDir>/__tests__"],
  testMatch: ["**/*.test.ts"],
  transform: { "^.+\\.ts$": ["@swc/jest", { jsc: { parser: { syntax: "typescript" }, target: "es2022" } }] },
  setupFilesAfterEnv: ["<rootDir>/__tests__/support/setup.ts"],
  // One temp folder for the whole run, removed at the end (see __tests__/support/temp-dir-setup.ts).
  globalSetup: "<rootDir>/__tests__/support/temp-dir-setup.ts",
  globalTeardown: "<rootDir>/__tests__/support/temp-dir-teardown.ts",
  snapshotFormat: { escapeString: false, printBasicPrototype: false },
};
