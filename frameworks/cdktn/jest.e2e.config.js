/**
 * The deploy scenarios under CDK Terrain (the project "cdktn-e2e" of the root's
 * jest.config.js): the cdktf suite's own e2e files, whose harness
 * (__tests__/e2e/harness.ts) builds each app for cdktn when `E2E_FRAMEWORK` says
 * so: the example app deployed through cdktn-cli, rotation in one stack, and a
 * second app reading the first one's certificate with fromRemoteState.
 */
const path = require("path");
const cdktf = require("../../jest.cdktf.config.js");

const ROOT = path.join(__dirname, "..", "..");
const SCENARIOS = ["example-app", "rotation", "producer-state"];

module.exports = {
  ...cdktf,
  displayName: "cdktn-e2e",
  rootDir: ROOT,
  testMatch: SCENARIOS.map((name) => `<rootDir>/__tests__/e2e/${name}.test.ts`),
  // Not the cdktf project's, which leaves example-app.test.ts and rotation.test.ts to this one.
  testPathIgnorePatterns: ["/node_modules/"],
  globals: { E2E_FRAMEWORK: "cdktn" },
  globalSetup: path.join(__dirname, "jest.global-setup.js"),
  globalTeardown: undefined,
};
