/**
 * `npm run test:unit`: the fast loop, every test that starts no child process
 * (a test that does lives under __tests__/process/ or __tests__/e2e/, which
 * `npm test` runs too). __tests__/support/no-child-process.ts makes a unit
 * test that starts one fail, naming where it belongs.
 */
const all = require("./jest.cdktf.config");
const runOptions = require("./__tests__/global/run-options");

module.exports = {
  ...all,
  ...runOptions,
  testPathIgnorePatterns: ["/node_modules/", "<rootDir>/__tests__/e2e/", "<rootDir>/__tests__/process/"],
  setupFilesAfterEnv: [...all.setupFilesAfterEnv, "<rootDir>/__tests__/support/no-child-process.ts"],
  // No npm runs in a child process here, so no npm home to set up.
  globalSetup: undefined,
  globalTeardown: undefined,
};
