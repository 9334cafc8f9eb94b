"use strict";
/** Terraform is needed for any deploy, as for any cdktf deploy: fail loudly, saying how to get it. */
const { spawnSync } = require("child_process");

const TERRAFORM_VERSION = "1.11.4";

const HOW_TO_INSTALL =
  `terraform ${TERRAFORM_VERSION} is required on PATH (it runs the plans and applies). ` +
  `Install it from https://developer.hashicorp.com/terraform/install ` +
  `(e.g. unzip terraform_${TERRAFORM_VERSION}_linux_amd64.zip from https://releases.hashicorp.com/terraform/${TERRAFORM_VERSION}/ into a folder on PATH).`;

/** The installed version; throws with install instructions when terraform is missing. */
function requireTerraform(env = process.env) {
  const result = spawnSync("terraform", ["version", "-json"], { env: { ...env, CHECKPOINT_DISABLE: "1" }, encoding: "utf8" });
  if (result.error || result.status !== 0) {
    throw new Error(`terraform not found or not working (${result.error ? result.error.message : result.stderr.trim()}). ${HOW_TO_INSTALL}`);
  }
  return JSON.parse(result.stdout).terraform_version;
}

module.exports = { requireTerraform, TERRAFORM_VERSION, HOW_TO_INSTALL };
