"use strict";
/**
 * The environment every cdktf run of this project gets.
 *
 * - CHECKPOINT_DISABLE: cdktf and terraform otherwise phone home on start.
 * - TF_CLI_CONFIG_FILE pointing at a missing file makes terraform print a
 *   warning on every call (and some CI images set it that way): drop it. A
 *   file that exists (e.g. the local provider's dev overrides) is kept.
 * - CI=true when stdout is not a terminal: cdktf then prints plain lines
 *   instead of spinner frames with escape codes into logs.
 */
const fs = require("fs");
const path = require("path");

/** The project's own cdktf CLI (a devDependency), run with `node` so no shell or npx is involved. */
const CDKTF_CLI = path.join(__dirname, "..", "node_modules", "cdktf-cli", "bundle", "bin", "cdktf");

function cdktfEnv(base = process.env, interactive = Boolean(process.stdout.isTTY)) {
  const env = { ...base, CHECKPOINT_DISABLE: "1", DISABLE_VERSION_CHECK: "true" };
  if (env.TF_CLI_CONFIG_FILE && !fs.existsSync(env.TF_CLI_CONFIG_FILE)) {
    delete env.TF_CLI_CONFIG_FILE;
  }
  if (!interactive && !env.CI) env.CI = "true";
  return env;
}

module.exports = { CDKTF_CLI, cdktfEnv };
