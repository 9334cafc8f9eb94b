/** The suite against cdktf (a project of jest.config.js). Jest runs the TypeScript tests through ts-jest; type errors are caught by `npm run typecheck` first,
 * so ts-jest only transpiles (isolatedModules), file by file. */
module.exports = {
  displayName: "cdktf",
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
};
