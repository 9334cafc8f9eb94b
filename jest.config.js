/** Jest runs the TypeScript tests through ts-jest; type errors are caught by `npm run typecheck` first,
 * so ts-jest only transpiles (isolatedModules), file by file. */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/__tests__"],
  testMatch: ["**/*.test.ts"],
  transform: {
    "^.+\\.tsx?$": ["ts-jest", { tsconfig: "<rootDir>/tsconfig.jest.json", diagnostics: false }],
  },
  setupFilesAfterEnv: ["<rootDir>/__tests__/setup.ts"],
  // npm in child processes writes its cache and logs to a temporary folder, never to $HOME.
  globalSetup: "<rootDir>/__tests__/global/npm-home-setup.js",
  globalTeardown: "<rootDir>/__tests__/global/npm-home-teardown.js",
  testTimeout: 60000,
  // The end-to-end tests mostly wait on terraform, cdktf and npm: one worker per core. Jest's default leaves one
  // core idle, which on CI's two cores runs the whole suite serially (about twice as long).
  maxWorkers: "100%",
};
