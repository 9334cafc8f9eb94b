/** The suite against cdktf (a project of jest.config.js). Jest runs the TypeScript tests through ts-jest; type errors are caught by `npm run typecheck` first,
 * so ts-jest only transpiles (isolatedModules), file by file. */
module.exports = {
  displayName: "cdktf",
  testEnvironment: "node",
  roots: ["<rootDir>/__tests__"],
  testMatch: ["**/*.test.ts"],
  // Two deploy scenarios run under cdktn only (project cdktn-e2e), as the framework changes only their synth: the example
  // app's deploy (under cdktf the same app is deployed by e2e/example-app-security.test.ts and, from the packages,
  // e2e/consumer-app.test.ts) and the CA rotated in one stack (under cdktf: e2e/orphans.test.ts's replacing apply and
  // the server key rotated in e2e/example-app-security.test.ts). Running both twice cost CI about 80 s of its 15 minutes.
  testPathIgnorePatterns: ["/node_modules/", "<rootDir>/__tests__/e2e/example-app.test.ts", "<rootDir>/__tests__/e2e/rotation.test.ts"],
  transform: {
    "^.+\\.tsx?$": ["ts-jest", { tsconfig: "<rootDir>/tsconfig.jest.json", diagnostics: false }],
  },
  setupFilesAfterEnv: ["<rootDir>/__tests__/setup.ts"],
  // npm in child processes writes its cache and logs to a temporary folder, never to $HOME.
  globalSetup: "<rootDir>/__tests__/global/npm-home-setup.js",
  globalTeardown: "<rootDir>/__tests__/global/npm-home-teardown.js",
};
