#!/usr/bin/env node
"use strict";
/**
 * `npm run deploy`: synthesizes the app, then deploys every stack in dependency
 * order without prompting (`--auto-approve`) and writes every stack's outputs
 * to cdktf.out/outputs.json (`--outputs-file`) for later jobs, replacing an
 * earlier deploy's (removed before the deploy starts, so a failed deploy leaves
 * none). Exits non-zero when synth or any stack fails.
 *
 * The environment passes through to cdktf and terraform: credentials
 * (ALICLOUD_*), state (STATE_OSS_*), secrets (TF_VAR_*), and a
 * TF_CLI_CONFIG_FILE that exists (so a wrapper that points terraform at
 * another provider, like `npm run deploy:local`, is this same command with its
 * own environment). Arguments after `--` go to `cdktf deploy`. Runs in the
 * current folder, the app's (with its cdktf.json), as `npm run` starts it at
 * the package root. DEPLOY_OUTDIR moves the output directory (default
 * cdktf.out, relative to that folder), e.g. for tests.
 * DEPLOY_SKIP_PROVIDER_LOCK=1 adds `--skip-provider-lock`: cdktf's `terraform
 * providers lock` asks the provider's registry and ignores the CLI config's
 * mirrors, so it fails offline with the local provider, whose environment sets
 * it (local-cloud/local-provider.js); the pipeline's command itself stays `npm run deploy`.
 * Terraform never prompts (TF_INPUT=0): a required variable without a value
 * (an unset TF_VAR_*) fails the deploy with "No value for required variable".
 * Local state files are written mode 600 (private-state.js).
 */
const fs = require("fs");
const path = require("path");
const { runCdktf } = require("./cdktf");
const { protectLocalState, withPrivateFiles } = require("./private-state");

const OUTPUTS_NAME = "outputs.json";
const SKIP_PROVIDER_LOCK = "--skip-provider-lock";

/**
 * The stacks of the last synth, with whether each keeps its state in a local file.
 * @param {string} outdir
 * @returns {{ name: string; localState: boolean }[]}
 */
function synthesizedStacks(outdir) {
  const manifest = JSON.parse(fs.readFileSync(path.join(outdir, "manifest.json"), "utf8"));
  return Object.values(manifest.stacks).map((stack) => {
    const backend = JSON.parse(fs.readFileSync(path.join(outdir, stack.synthesizedStackPath), "utf8")).terraform?.backend;
    return { name: stack.name, localState: backend === undefined || "local" in backend };
  });
}

/**
 * The warning a CI job gets when state would stay on its runner; null when there is nothing to say.
 * @param {{ name: string; localState: boolean }[]} stacks
 * @param {NodeJS.ProcessEnv} env
 * @returns {string | null}
 */
function localStateWarning(stacks, env) {
  const local = stacks.filter((s) => s.localState).map((s) => s.name);
  if (!env.CI || env.CI === "false" || local.length === 0) return null;
  return (
    `Warning: ${local.length === 1 ? "stack" : "stacks"} ${local.join(", ")} keep${local.length === 1 ? "s" : ""} Terraform state in a local file, ` +
    "and this CI runner loses it when the job ends: the next deploy would not know what exists. " +
    'Keep state in OSS (STATE_OSS_BUCKET, see README "Pipelines").'
  );
}

/**
 * The cdktf arguments that deploy these stacks, already synthesized into outdir.
 * @param {string[]} stackNames
 * @param {string} outdir
 * @param {string[]} [extra]
 * @returns {string[]}
 */
function deployArgs(stackNames, outdir, extra = []) {
  return ["deploy", ...stackNames, "--output", outdir, "--skip-synth", "--auto-approve", "--outputs-file", path.join(outdir, OUTPUTS_NAME), ...extra];
}

/**
 * The arguments after `--`, with --skip-provider-lock (once) when DEPLOY_SKIP_PROVIDER_LOCK=1.
 * @param {string[]} args
 * @param {NodeJS.ProcessEnv} env
 * @returns {string[]}
 */
function extraArgs(args, env) {
  return env.DEPLOY_SKIP_PROVIDER_LOCK === "1" && !args.includes(SKIP_PROVIDER_LOCK) ? [SKIP_PROVIDER_LOCK, ...args] : args;
}

/**
 * The environment with prompts off: cdktf runs terraform on a pseudo-terminal, so terraform
 * prompts for a required variable without a value even with stdin closed, and a deploy or
 * destroy hangs; TF_INPUT=0 makes it fail instead.
 * @param {NodeJS.ProcessEnv} env
 * @returns {NodeJS.ProcessEnv}
 */
function withoutPrompts(env) {
  return { ...env, TF_INPUT: "0" };
}

/**
 * Where a deploy writes every stack's outputs (DEPLOY_OUTDIR, default cdktf.out).
 * @param {NodeJS.ProcessEnv} env
 * @returns {string}
 */
function outputsFile(env) {
  return path.join(env.DEPLOY_OUTDIR || "cdktf.out", OUTPUTS_NAME);
}

/**
 * Synth, then deploy every stack; returns the exit status. `env` is what cdktf and terraform get.
 * @param {string[]} args
 * @param {NodeJS.ProcessEnv} [baseEnv]
 * @returns {number}
 */
function main(args, baseEnv = process.env) {
  const env = withoutPrompts(baseEnv);
  const outdir = env.DEPLOY_OUTDIR || "cdktf.out";
  const synthStatus = runCdktf(["synth", "--output", outdir], env);
  if (synthStatus !== 0) return synthStatus;
  const stacks = synthesizedStacks(path.resolve(outdir));
  const warning = localStateWarning(stacks, env);
  if (warning) console.error(warning);
  // Synth keeps an earlier deploy's outputs.json: remove it, so that the file after this
  // deploy is this deploy's, and the check below cannot be satisfied by an old one.
  fs.rmSync(path.resolve(outputsFile(env)), { force: true });
  // Local state holds every secret of its stack: 600, whether it exists already or terraform writes it now.
  protectLocalState(path.resolve(outdir));
  const status = withPrivateFiles(() =>
    runCdktf(
      deployArgs(
        stacks.map((s) => s.name),
        outdir,
        extraArgs(args, env),
      ),
      env,
    ),
  );
  if (status === 0 && !fs.existsSync(path.resolve(outputsFile(env)))) {
    console.error(`cdktf deploy wrote no ${outputsFile(env)}.`);
    return 1;
  }
  return status;
}

if (require.main === module) process.exit(main(process.argv.slice(2)));

module.exports = { main, deployArgs, extraArgs, localStateWarning, synthesizedStacks, outputsFile, withoutPrompts, OUTPUTS_NAME };
