"use strict";
/**
 * Local Terraform state readable by its owner alone. Terraform writes
 * terraform.<stack>.tfstate, and its .backup, with mode 0666 less the umask:
 * 644 under the usual umask 022, so every user of the machine could read what
 * a stack's state holds (edge's: the listener's private key, in plain text).
 *
 * - withPrivateFiles(run): runs `run` with umask 077, so that every file
 *   terraform (started by cdktf) creates meanwhile is 600, backups included;
 * - protectLocalState(outdir): chmod 600 of the local state files of the
 *   synthesized stacks that exist already (an umask does not change a file
 *   that is there: one written by an earlier deploy, or by terraform run by hand).
 *
 * Called by cli/cdktf/deploy.js (npm run deploy, and so deploy:local) and by
 * local-cloud/deploy-local.js (destroy:local). OSS state is left alone: its
 * ACL is OssState's (`acl: "private"`).
 */
const fs = require("fs");
const path = require("path");

const PRIVATE_UMASK = 0o077;
const PRIVATE_MODE = 0o600;

/**
 * The local state files the synthesized stacks in `outdir` name, with their
 * backups: a stack with the local backend (or none: cdktf's default) keeps its
 * state at the backend's `path` (default terraform.<stack>.tfstate), relative
 * to the stack's working directory.
 * @param {string} outdir
 * @returns {string[]}
 */
function localStateFiles(outdir) {
  const manifest = JSON.parse(fs.readFileSync(path.join(outdir, "manifest.json"), "utf8"));
  return Object.values(manifest.stacks).flatMap((stack) => {
    const backend = JSON.parse(fs.readFileSync(path.join(outdir, stack.synthesizedStackPath), "utf8")).terraform?.backend;
    if (backend !== undefined && !("local" in backend)) return [];
    const file = path.resolve(outdir, stack.workingDirectory, backend?.local?.path ?? `terraform.${stack.name}.tfstate`);
    return [file, `${file}.backup`];
  });
}

/**
 * chmod 600 of every local state file of `outdir`'s stacks that exists; returns those it changed.
 * @param {string} outdir
 * @returns {string[]}
 */
function protectLocalState(outdir) {
  const changed = [];
  for (const file of localStateFiles(outdir)) {
    let mode;
    try {
      mode = fs.statSync(file).mode & 0o777;
    } catch {
      continue; // not written yet: the umask takes care of it
    }
    if (mode !== PRIVATE_MODE) {
      fs.chmodSync(file, PRIVATE_MODE);
      changed.push(file);
    }
  }
  return changed;
}

/**
 * Runs `run` with umask 077 (files it and its child processes create are private), then restores the umask.
 * @template T
 * @param {() => T} run
 * @returns {T}
 */
function withPrivateFiles(run) {
  const previous = process.umask(PRIVATE_UMASK);
  try {
    return run();
  } finally {
    process.umask(previous);
  }
}

module.exports = { localStateFiles, protectLocalState, withPrivateFiles, PRIVATE_MODE };
