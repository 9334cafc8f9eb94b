#!/usr/bin/env node
"use strict";
/** Runs the project's cdktf CLI with the safe environment: `node scripts/cdktf.js synth`. */
const { spawnSync } = require("child_process");
const path = require("path");
const { cdktfEnv } = require("./cdktf-env");

const cli = path.join(__dirname, "..", "node_modules", "cdktf-cli", "bundle", "bin", "cdktf");
const result = spawnSync(process.execPath, [cli, ...process.argv.slice(2)], {
  stdio: "inherit",
  env: cdktfEnv(),
  cwd: path.join(__dirname, ".."),
});
process.exit(result.status === null ? 1 : result.status);
