#!/usr/bin/env node
"use strict";
/**
 * Deploys (or destroys) the app's stacks against the local SLB provider, with
 * the real cdktf CLI and terraform: `node scripts/deploy-local.js deploy|destroy [cdktf options]`.
 *
 * - deploy: `cdktf deploy pki edge --auto-approve --outputs-file cdktf.out/outputs.json`,
 *   then prints the outputs.
 * - destroy: `cdktf destroy edge pki --auto-approve`.
 *
 * The edge stack's server key is the demo key examples/certs/server.key unless
 * TF_VAR_server_private_key is set. Runs in the current folder (an app with
 * its cdktf.json); the account is SLB_EMULATOR_STATE, default .local-cloud/account.json.
 * --skip-provider-lock: `terraform providers lock` ignores the mirror and asks the registry.
 */
const fs = require("fs");
const path = require("path");
const { spawnSync } = require("child_process");
const { CDKTF_CLI } = require("./cdktf-env");
const { localCloudEnv, PROJECT } = require("./local-provider");
const { requireTerraform } = require("./require-terraform");

const STACKS = ["pki", "edge"];

function main(argv) {
  const [command, ...rest] = argv;
  if (command !== "deploy" && command !== "destroy") {
    console.error("usage: node scripts/deploy-local.js deploy|destroy [cdktf options]");
    return 2;
  }
  requireTerraform();
  const env = localCloudEnv();
  if (!env.TF_VAR_server_private_key) {
    env.TF_VAR_server_private_key = fs.readFileSync(path.join(PROJECT, "examples", "certs", "server.key"), "utf8");
  }
  const outputsFile = path.join("cdktf.out", "outputs.json");
  const stacks = command === "deploy" ? STACKS : [...STACKS].reverse();
  const args =
    command === "deploy"
      ? ["deploy", ...stacks, "--auto-approve", "--skip-provider-lock", "--outputs-file", outputsFile, ...rest]
      : ["destroy", ...stacks, "--auto-approve", "--skip-provider-lock", ...rest];
  const result = spawnSync(process.execPath, [CDKTF_CLI, ...args], { stdio: "inherit", env });
  if (result.status !== 0) return result.status === null ? 1 : result.status;
  if (command === "deploy") {
    console.log(`\nOutputs (${outputsFile}; sensitive ones left out):`);
    console.log(JSON.stringify(JSON.parse(fs.readFileSync(outputsFile, "utf8")), null, 2));
  } else {
    console.log(`\nDestroyed ${stacks.join(", ")}. The account: npm run local-cloud -- list`);
  }
  return 0;
}

process.exit(main(process.argv.slice(2)));
