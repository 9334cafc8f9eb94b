#!/usr/bin/env node
"use strict";
/**
 * Deploys (or destroys) the app's stacks against the local SLB provider, with
 * the real cdktf CLI and terraform: `node local-cloud/deploy-local.js deploy|destroy [cdktf options]`.
 *
 * - deploy: `npm run deploy` (cli/cdktf/deploy.js: synth, every stack in
 *   dependency order, --auto-approve, --outputs-file cdktf.out/outputs.json),
 *   the same code, with the local provider's environment, then prints the outputs.
 * - destroy: `cdktf destroy edge pki --auto-approve --skip-provider-lock`; when
 *   it succeeds, removes cdktf.out/outputs.json, which would name what is gone,
 *   and says what the account still holds that no state knows (the orphan
 *   report of `npm run local-cloud -- orphans`), e.g. an upload whose answer
 *   Terraform never recorded; the exit status stays destroy's.
 *
 * The edge stack's server key is the demo key examples/certs/server.key unless
 * TF_VAR_server_private_key is set. Runs in the current folder (an app with
 * its cdktf.json); the account is SLB_EMULATOR_STATE, default .local-cloud/account.json.
 * --skip-provider-lock: `terraform providers lock` ignores the mirror and asks
 * the registry. (The local environment's DEPLOY_SKIP_PROVIDER_LOCK=1 has deploy.js add
 * it too, so a plain `npm run deploy` with that environment works offline.)
 */
const { spawnSync } = require("child_process");
const fs = require("fs");
const path = require("path");
const { runCdktf } = require("../cli/cdktf/cdktf");
const deploy = require("../cli/cdktf/deploy");
const { protectLocalState, withPrivateFiles } = require("../cli/cdktf/private-state");
const { localCloudEnv, PROJECT } = require("./local-provider");
const { checkTerraformForCli } = require("../cli/cdktf/require-terraform");

const DESTROY_ORDER = ["edge", "pki"];

/** The environment of a local deploy or destroy. */
function localDeployEnv(base = process.env) {
  const env = localCloudEnv({ base });
  if (!env.TF_VAR_server_private_key) {
    env.TF_VAR_server_private_key = fs.readFileSync(path.join(PROJECT, "examples", "certs", "server.key"), "utf8");
  }
  return env;
}

/**
 * @param {string[]} argv
 */
function main(argv) {
  const [command, ...rest] = argv;
  if (command !== "deploy" && command !== "destroy") {
    console.error("usage: node local-cloud/deploy-local.js deploy|destroy [cdktf options]");
    return 2;
  }
  if (checkTerraformForCli() === null) return 2;
  const env = localDeployEnv();
  if (command === "destroy") {
    // State written by destroy is private too (deploy.main does the same for deploy).
    const status = withPrivateFiles(() =>
      runCdktf(["destroy", ...DESTROY_ORDER, "--auto-approve", ...deploy.extraArgs(rest, env)], deploy.withoutPrompts(env)),
    );
    if (fs.existsSync(path.join("cdktf.out", "manifest.json"))) protectLocalState(path.resolve("cdktf.out"));
    if (status === 0) {
      fs.rmSync(deploy.outputsFile(env), { force: true });
      console.log(`\nDestroyed ${DESTROY_ORDER.join(", ")}. The account: npm run local-cloud -- list`);
      spawnSync(process.execPath, ["--import", "tsx", path.join(__dirname, "console.ts"), "orphans"], { stdio: "inherit", env });
    }
    return status;
  }
  // deploy.main adds --skip-provider-lock: the local environment sets DEPLOY_SKIP_PROVIDER_LOCK=1.
  const status = deploy.main(rest, env);
  if (status !== 0) return status;
  const outputsFile = deploy.outputsFile(env);
  console.log(`\nOutputs (${outputsFile}; sensitive ones left out):`);
  console.log(JSON.stringify(JSON.parse(fs.readFileSync(outputsFile, "utf8")), null, 2));
  return 0;
}

process.exit(main(process.argv.slice(2)));
