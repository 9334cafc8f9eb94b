"use strict";
/**
 * The environment every cdktf run of this project gets.
 *
 * - CHECKPOINT_DISABLE: cdktf and terraform otherwise phone home on start.
 * - TF_CLI_CONFIG_FILE pointing at a missing file makes terraform print a
 *   warning on every call (and some CI images set it that way): drop it.
 */
const fs = require("fs");
const path = require("path");

/** The project's own cdktf CLI (a devDependency), run with `node` so no shell or npx is involved. */
const CDKTF_CLI = path.join(__dirname, "..", "node_modules", "cdktf-cli", "bundle", "bin", "cdktf");

function cdktfEnv(base = process.env) {
  const env = { ...base, CHECKPOINT_DISABLE: "1", DISABLE_VERSION_CHECK: "true" };
  if (env.TF_CLI_CONFIG_FILE && !fs.existsSync(env.TF_CLI_CONFIG_FILE)) {
    delete env.TF_CLI_CONFIG_FILE;
  }
  return env;
}

module.exports = { CDKTF_CLI, cdktfEnv };
