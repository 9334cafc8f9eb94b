/** Terraform is needed for any deploy, as for any cdktf deploy: fail loudly, saying how to get it. */
import { spawnSync } from "child_process";
import { CommandError } from "./command-error";

export const TERRAFORM_VERSION = "1.11.4";

export const HOW_TO_INSTALL =
  `terraform ${TERRAFORM_VERSION} is required on PATH (it runs the plans and applies). ` +
  `Install it from https://developer.hashicorp.com/terraform/install ` +
  `(e.g. unzip terraform_${TERRAFORM_VERSION}_linux_amd64.zip from https://releases.hashicorp.com/terraform/${TERRAFORM_VERSION}/ into a folder on PATH).`;

/** The installed version; throws a CommandError (exit 2) with install instructions when terraform is missing or unusable. */
export function requireTerraform(env: NodeJS.ProcessEnv = process.env): string {
  const result = spawnSync("terraform", ["version", "-json"], { env: { ...env, CHECKPOINT_DISABLE: "1" }, encoding: "utf8" });
  if (result.error || result.status !== 0) {
    throw new CommandError(`terraform not found or not working (${result.error ? result.error.message : result.stderr.trim()}). ${HOW_TO_INSTALL}`, 2);
  }
  let version: unknown;
  try {
    version = JSON.parse(result.stdout).terraform_version;
  } catch {
    // Terraform before 0.13 has no -json and prints text; so might a wrapper script of the same name.
    const first = result.stdout.trim().split("\n")[0].slice(0, 80);
    throw new CommandError(
      `\`terraform version -json\` printed no JSON (it began ${JSON.stringify(first)}): not a terraform this project can use. ${HOW_TO_INSTALL}`,
      2,
    );
  }
  if (typeof version !== "string") {
    throw new CommandError(`\`terraform version -json\` gave no terraform_version: not a terraform this project can use. ${HOW_TO_INSTALL}`, 2);
  }
  return version;
}

/** Checks terraform before a deploy or destroy: prints a warning for an untested version; throws a CommandError when there is none. */
export function checkTerraform(env: NodeJS.ProcessEnv = process.env): void {
  const warning = versionWarning(requireTerraform(env));
  if (warning) process.stderr.write(`${warning}\n`);
}

/** A warning when `version` is not the tested one; null when it is. Other 1.x may work, untested. */
export function versionWarning(version: string): string | null {
  if (version === TERRAFORM_VERSION) return null;
  return `Warning: terraform ${version} is on PATH; this is tested with ${TERRAFORM_VERSION} only (others may work, untested). Install ${TERRAFORM_VERSION} if anything fails.`;
}
