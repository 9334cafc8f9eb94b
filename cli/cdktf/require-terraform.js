"use strict";
/** Terraform is needed for any deploy, as for any cdktf deploy: fail loudly, saying how to get it. */
const { spawnSync } = require("child_process");

const TERRAFORM_VERSION = "1.11.4";

const HOW_TO_INSTALL =
  `terraform ${TERRAFORM_VERSION} is required on PATH (it runs the plans and applies). ` +
  `Install it from https://developer.hashicorp.com/terraform/install ` +
  `(e.g. unzip terraform_${TERRAFORM_VERSION}_linux_amd64.zip from https://releases.hashicorp.com/terraform/${TERRAFORM_VERSION}/ into a folder on PATH).`;

/** A missing or unusable terraform: the message is one line, for a person, with no stack to show. */
class TerraformRequiredError extends Error {
  /**
   * @param {string} message
   */
  constructor(message) {
    super(message);
    this.name = "TerraformRequiredError";
  }
}

/** The installed version; throws TerraformRequiredError with install instructions when terraform is missing or unusable. */
function requireTerraform(env = process.env) {
  const result = spawnSync("terraform", ["version", "-json"], { env: { ...env, CHECKPOINT_DISABLE: "1" }, encoding: "utf8" });
  if (result.error || result.status !== 0) {
    throw new TerraformRequiredError(`terraform not found or not working (${result.error ? result.error.message : result.stderr.trim()}). ${HOW_TO_INSTALL}`);
  }
  let version;
  try {
    version = JSON.parse(result.stdout).terraform_version;
  } catch {
    // Terraform before 0.13 has no -json and prints text; so might a wrapper script of the same name.
    const first = result.stdout.trim().split("\n")[0].slice(0, 80);
    throw new TerraformRequiredError(
      `\`terraform version -json\` printed no JSON (it began ${JSON.stringify(first)}): not a terraform this project can use. ${HOW_TO_INSTALL}`,
    );
  }
  if (typeof version !== "string") {
    throw new TerraformRequiredError(`\`terraform version -json\` gave no terraform_version: not a terraform this project can use. ${HOW_TO_INSTALL}`);
  }
  return version;
}

/**
 * A warning when `version` is not the tested one; null when it is. Other 1.x may work, untested.
 * @param {string} version
 * @returns {string | null}
 */
function versionWarning(version) {
  if (version === TERRAFORM_VERSION) return null;
  return `Warning: terraform ${version} is on PATH; this project is tested with ${TERRAFORM_VERSION} only (others may work, untested). Install ${TERRAFORM_VERSION} if anything fails.`;
}

/** For command-line scripts: the version, after printing any warning; prints the message alone and returns null when terraform cannot be used. */
function checkTerraformForCli(env = process.env) {
  try {
    const version = requireTerraform(env);
    const warning = versionWarning(version);
    if (warning) console.error(warning);
    return version;
  } catch (error) {
    if (!(error instanceof TerraformRequiredError)) throw error;
    console.error(error.message);
    return null;
  }
}

module.exports = { requireTerraform, checkTerraformForCli, HOW_TO_INSTALL };
