#!/usr/bin/env node
"use strict";
/** Runs the project's cdktf CLI with the safe environment: `node scripts/cdktf.js synth`. */
const { spawnSync } = require("child_process");
const path = require("path");
const { CDKTF_CLI, cdktfEnv } = require("./cdktf-env");

const result = spawnSync(process.execPath, [CDKTF_CLI, ...process.argv.slice(2)], {
  stdio: "inherit",
  env: cdktfEnv(),
  cwd: path.join(__dirname, ".."),
});
process.exit(result.status === null ? 1 : result.status);
