#!/usr/bin/env node
"use strict";
/**
 * Runs the project's cdktf CLI with the safe environment: `node cli/cdktf/cdktf.js synth`.
 * A failed synth is shown once, condensed (see cdktf-output.js); other commands
 * stream as they are. cdktf runs in the current folder, the app's (its
 * cdktf.json): `npm run` starts scripts at the package root, and a test can
 * run the same scripts in an app folder of its own.
 */
const { spawnSync } = require("child_process");
const { CDKTF_CLI, cdktfEnv } = require("./cdktf-env");
const { condenseSynthFailure } = require("./cdktf-output");

/**
 * Runs cdktf with these arguments; returns its exit status.
 * @param {string[]} args
 * @param {NodeJS.ProcessEnv} [env]
 * @returns {number}
 */
function runCdktf(args, env = process.env) {
  if (args[0] !== "synth") {
    const result = spawnSync(process.execPath, [CDKTF_CLI, ...args], { env: cdktfEnv(env), cwd: process.cwd(), stdio: "inherit" });
    return result.status === null ? 1 : result.status;
  }
  // Synth is short: collect its output, so that a failure can be shown once.
  const options = { env: cdktfEnv(env, false), cwd: process.cwd() };
  const result = spawnSync(process.execPath, [CDKTF_CLI, ...args], { ...options, stdio: ["inherit", "pipe", "pipe"], encoding: "utf8", maxBuffer: 1 << 30 });
  const status = result.status === null ? 1 : result.status;
  const condensed = status !== 0 ? condenseSynthFailure(result.stderr) : null;
  if (condensed !== null) {
    process.stderr.write(condensed);
  } else {
    process.stdout.write(result.stdout);
    process.stderr.write(result.stderr);
  }
  return status;
}

if (require.main === module) process.exit(runCdktf(process.argv.slice(2)));

module.exports = { runCdktf };
