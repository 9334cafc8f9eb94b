/**
 * The unit suite against cdktn instead of cdktf (the project "cdktn" of the root's
 * jest.config.js): the root's unit config (jest.unit.config.js: no test that starts a
 * child process), its files whose imports reach the framework (framework-tests.js), with cdktf, constructs and the alicloud bindings resolved to the
 * cdktn leg's (frameworks/cdktn). moduleNameMapper reaches only jest's own module
 * registry, which is why the child-process tests (__tests__/process/) stay out: they
 * would test cdktf again. The deploy scenarios under cdktn are jest.e2e.config.js's.
 */
const path = require("path");
// Without the run's options (timeout, workers): this is a project of the root's config, which sets them.
const { testTimeout: _timeout, maxWorkers: _workers, ...unit } = require("../../jest.unit.config.js");

const { frameworkTests } = require("./framework-tests");

const HERE = __dirname;
const MODULES = path.join(HERE, "node_modules");
const TESTS = path.join(HERE, "..", "..", "__tests__");

module.exports = {
  ...unit,
  displayName: "cdktn",
  // Only the unit tests whose imports reach cdktf, constructs or the bindings (framework-tests.js): the others load no framework.
  testMatch: frameworkTests(TESTS, [path.join(TESTS, "e2e"), path.join(TESTS, "process")]),
  // __tests__/framework.test.ts checks that the mapping below holds.
  globals: { UNIT_FRAMEWORK: "cdktn" },
  rootDir: path.join(HERE, "..", ".."),
  moduleNameMapper: {
    "^cdktf$": path.join(MODULES, "cdktn"),
    "^cdktf/(.*)$": path.join(MODULES, "cdktn", "$1"),
    "^constructs$": path.join(MODULES, "constructs"),
    // "../.gen/providers/alicloud/x" from any depth (constructs/, __tests__/, app/, main.ts).
    "^(?:\\.{1,2}/)+\\.gen/(.*)$": path.join(HERE, ".gen", "$1"),
  },
  // cdktn's bindings, made by its generator unless made from the same inputs already.
  globalSetup: path.join(HERE, "jest.global-setup.js"),
};
