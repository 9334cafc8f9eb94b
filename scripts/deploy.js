#!/usr/bin/env node
"use strict";
/**
 * `npm run deploy`: synthesizes the app, then deploys every stack in dependency
 * order without prompting (`--auto-approve`) and writes every stack's outputs
 * to cdktf.out/outputs.json (`--outputs-file`) for later jobs. Exits non-zero
 * when synth or any stack fails.
 *
 * The environment passes through to cdktf and terraform: credentials
 * (ALICLOUD_*), state (STATE_OSS_*), secrets (TF_VAR_*), and a
 * TF_CLI_CONFIG_FILE that exists (so a wrapper that points terraform at
 * another provider, like `npm run deploy:local`, is this same command with its
 * own environment). Arguments after `--` go to `cdktf deploy`. DEPLOY_OUTDIR
 * moves the output directory (default cdktf.out), e.g. for tests.
 */
const fs = require("fs");
const path = require("path");
const { runCdktf } = require("./cdktf");

const ROOT = path.join(__dirname, "..");
const OUTPUTS_NAME = "outputs.json";

/** The stacks of the last synth, with whether each keeps its state in a local file. */
function synthesizedStacks(outdir) {
  const manifest = JSON.parse(fs.readFileSync(path.join(outdir, "manifest.json"), "utf8"));
  return Object.values(manifest.stacks).map((stack) => {
    const backend = JSON.parse(fs.readFileSync(path.join(outdir, stack.synthesizedStackPath), "utf8")).terraform?.backend;
    return { name: stack.name, localState: backend === undefined || "local" in backend };
  });
}

/** The warning a CI job gets when state would stay on its runner; null when there is nothing to say. */
function localStateWarning(stacks, env) {
  const local = stacks.filter((s) => s.localState).map((s) => s.name);
  if (!env.CI || env.CI === "false" || local.length === 0) return null;
  return (
    `Warning: ${local.length === 1 ? "stack" : "stacks"} ${local.join(", ")} keep${local.length === 1 ? "s" : ""} Terraform state in a local file, ` +
    "and this CI runner loses it when the job ends: the next deploy would not know what exists. " +
    "Keep state in OSS (STATE_OSS_BUCKET, see README \"Pipelines\")."
  );
}

/** The cdktf arguments that deploy these stacks, already synthesized into outdir. */
function deployArgs(stackNames, outdir, extra = []) {
  return ["deploy", ...stackNames, "--output", outdir, "--skip-synth", "--auto-approve", "--outputs-file", path.join(outdir, OUTPUTS_NAME), ...extra];
}

function main(args, env = process.env) {
  const outdir = env.DEPLOY_OUTDIR || "cdktf.out";
  const synthStatus = runCdktf(["synth", "--output", outdir], env);
  if (synthStatus !== 0) return synthStatus;
  const stacks = synthesizedStacks(path.resolve(ROOT, outdir));
  const warning = localStateWarning(stacks, env);
  if (warning) console.error(warning);
  const status = runCdktf(deployArgs(stacks.map((s) => s.name), outdir, args), env);
  if (status === 0 && !fs.existsSync(path.resolve(ROOT, outdir, OUTPUTS_NAME))) {
    console.error(`cdktf deploy wrote no ${path.join(outdir, OUTPUTS_NAME)}.`);
    return 1;
  }
  return status;
}

if (require.main === module) process.exit(main(process.argv.slice(2)));

module.exports = { deployArgs, localStateWarning, synthesizedStacks };
