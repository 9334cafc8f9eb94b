/**
 * The unit suite against cdktn instead of cdktf: the root's jest config, with cdktf,
 * constructs and the alicloud bindings resolved to the cdktn leg's (frameworks/cdktn):
 * `npx jest -c frameworks/cdktn/jest.config.js` (after `node frameworks/cdktn/get-bindings.js`).
 * moduleNameMapper reaches only jest's own module registry: a child process (an app run
 * with tsx, the cdktf CLI, npm pack, the jsii runtime) resolves cdktf as the root does.
 * So the files whose tests are about such processes, or about the cdktf package's own
 * artefacts, are left out here: they would test cdktf again (readme.test.ts would even
 * mix the two, which fails). The in-process tests of the files kept here are the point;
 * the few child processes those start still run on cdktf.
 */
const path = require("path");
const root = require("../../jest.config.js");

const HERE = __dirname;
const MODULES = path.join(HERE, "node_modules");

module.exports = {
  ...root,
  rootDir: path.join(HERE, "..", ".."),
  moduleNameMapper: {
    "^cdktf$": path.join(MODULES, "cdktn"),
    "^cdktf/(.*)$": path.join(MODULES, "cdktn", "$1"),
    "^constructs$": path.join(MODULES, "constructs"),
    // "../.gen/providers/alicloud/x" from any depth (constructs/, __tests__/, app/, main.ts).
    "^(?:\\.{1,2}/)+\\.gen/(.*)$": path.join(HERE, ".gen", "$1"),
  },
  testPathIgnorePatterns: [
    "/node_modules/",
    // Framework-free (the local provider) or deploys through the CLI: the e2e leg's business.
    "<rootDir>/__tests__/e2e/",
    "<rootDir>/__tests__/emulator/",
    // The cdktf package's artefacts: the cdktn package gets its own (phase 2).
    "<rootDir>/__tests__/jsii/",
    "<rootDir>/__tests__/package.test.ts",
    // Child processes only: the cdktf CLI, npm scripts, or the README's sample run with tsx.
    ...[
      "app-synth",
      "bench-smoke",
      "careless-config",
      "clean-failures",
      "home-untouched",
      "inventory-cli",
      "local-cloud-env-cli",
      "pipelines",
      "readme",
      "require-terraform-cli",
      "unreadable-files-cli",
    ].map((name) => `<rootDir>/__tests__/${name}.test.ts`),
  ],
};
