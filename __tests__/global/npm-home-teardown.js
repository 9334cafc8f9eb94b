"use strict";
/** Removes the npm cache and log folder npm-home-setup.js made for the tests' child processes, after stopping its background package build if it still runs. */
const fs = require("fs");
const path = require("path");
const { BUILDER_PID } = require("./npm-home-setup");

module.exports = async function teardown() {
  const dir = process.env.SLB_CA_TESTS_NPM_HOME;
  if (!dir) return;
  const pidFile = path.join(dir, BUILDER_PID);
  if (fs.existsSync(pidFile)) {
    try {
      // Its own process group (detached): npm and jsii below it stop too.
      process.kill(-Number(fs.readFileSync(pidFile, "utf8")), "SIGTERM");
    } catch {
      // Already done.
    }
  }
  fs.rmSync(dir, { recursive: true, force: true });
};
