"use strict";
/** Removes the npm cache and log folder npm-home-setup.js made for the tests' child processes. */
const fs = require("fs");

module.exports = async function teardown() {
  const dir = process.env.SLB_CA_TESTS_NPM_HOME;
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
};
