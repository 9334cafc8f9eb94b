/**
 * The unit suite against cdktn instead of cdktf: the root's jest config, with cdktf,
 * constructs and the alicloud bindings resolved to the cdktn leg's (frameworks/cdktn):
 * `npx jest -c frameworks/cdktn/jest.config.js` (after `node frameworks/cdktn/get-bindings.js`).
 * Tests that run the cdktf CLI or other processes test cdktf again and are left out;
 * the framework-specific e2e scenarios get their own leg.
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
  testPathIgnorePatterns: ["/node_modules/", "<rootDir>/__tests__/e2e/", "<rootDir>/__tests__/emulator/"],
};
