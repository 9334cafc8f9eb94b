"use strict";
/**
 * Tests start `npm run ...` in child processes; npm writes its cache and debug
 * logs under $HOME/.npm. Point every child at one temporary folder instead:
 * nothing a test runs may land in the user's home. Removed by npm-home-teardown.js.
 */
const { spawn } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");

/** The file naming the background package build's process group, for npm-home-teardown.js. */
const BUILDER_PID = "package-builder.pid";

module.exports = async function setup() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "slb-ca-tests-npm-"));
  process.env.npm_config_cache = dir;
  process.env.npm_config_logs_dir = path.join(dir, "_logs");
  process.env.npm_config_update_notifier = "false";
  process.env.SLB_CA_TESTS_NPM_HOME = dir;
  // Under CI (a whole run), the packages the package, jsii and consumer tests share are built from the start, in the
  // background, beside the first tests: otherwise the first test file to need them builds while the others wait idle.
  if (process.env.CI && process.env.CI !== "false") {
    const builder = spawn(process.execPath, ["--import", "tsx", path.join(__dirname, "..", "support", "build-packages-now.ts")], {
      cwd: path.join(__dirname, "..", ".."),
      detached: true,
      stdio: "ignore",
      env: process.env,
    });
    fs.writeFileSync(path.join(dir, BUILDER_PID), String(builder.pid));
    builder.unref();
  }
};

module.exports.BUILDER_PID = BUILDER_PID;
