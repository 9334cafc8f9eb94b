"use strict";
/**
 * Tests start `npm run ...` in child processes; npm writes its cache and debug
 * logs under $HOME/.npm. Point every child at one temporary folder instead:
 * nothing a test runs may land in the user's home. Removed by npm-home-teardown.js.
 */
const fs = require("fs");
const os = require("os");
const path = require("path");

module.exports = async function setup() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "slb-ca-tests-npm-"));
  process.env.npm_config_cache = dir;
  process.env.npm_config_logs_dir = path.join(dir, "_logs");
  process.env.npm_config_update_notifier = "false";
  process.env.SLB_CA_TESTS_NPM_HOME = dir;
};
