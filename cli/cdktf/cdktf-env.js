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
 * - CDKTF_DISABLE_PLUGIN_CACHE_ENV: otherwise every cdktf command (synth and
 *   get included) creates ~/.terraform.d/plugin-cache and points terraform at
 *   it; nothing this project runs may write to the user's home. A user who
 *   wants a plugin cache sets TF_PLUGIN_CACHE_DIR, which terraform honours.
 */
const fs = require("fs");
const path = require("path");

/** The project's own cdktf CLI (a devDependency), run with `node` so no shell or npx is involved. */
const CDKTF_CLI = path.join(__dirname, "..", "..", "node_modules", "cdktf-cli", "bundle", "bin", "cdktf");

/**
 * @param {NodeJS.ProcessEnv} [base] the environment to start from
 * @param {boolean} [interactive] whether stdout is a terminal
 * @returns {NodeJS.ProcessEnv}
 */
function cdktfEnv(base = process.env, interactive = Boolean(process.stdout.isTTY)) {
  /** @type {NodeJS.ProcessEnv} */
  const env = { ...base, CHECKPOINT_DISABLE: "1", DISABLE_VERSION_CHECK: "true" };
  if (env.TF_CLI_CONFIG_FILE && !fs.existsSync(env.TF_CLI_CONFIG_FILE)) {
    delete env.TF_CLI_CONFIG_FILE;
  }
  if (!interactive && !env.CI) env.CI = "true";
  if (env.CDKTF_DISABLE_PLUGIN_CACHE_ENV === undefined) env.CDKTF_DISABLE_PLUGIN_CACHE_ENV = "1";
  return env;
}

module.exports = { CDKTF_CLI, cdktfEnv };
