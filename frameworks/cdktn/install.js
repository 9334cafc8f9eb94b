#!/usr/bin/env node
"use strict";
/**
 * Installs the cdktn leg's tools (frameworks/cdktn/package-lock.json) with `npm ci`,
 * unless node_modules/ was installed from the same lock. Kept apart from the root's
 * node_modules: cdktn peers on constructs >=10.6.0 <10.8.0 where cdktf uses 10.4.2,
 * and the `node` package would put Node 22 first on the PATH of every root npm script.
 */
const { spawnSync } = require("child_process");
const crypto = require("crypto");
const fs = require("fs");
const path = require("path");
const { HERE, MODULES, NODE22 } = require("./paths");

const STAMP = path.join(HERE, ".install-stamp");

function lockHash() {
  return crypto
    .createHash("sha256")
    .update(fs.readFileSync(path.join(HERE, "package-lock.json")))
    .digest("hex");
}

function install() {
  const wanted = lockHash();
  if (fs.existsSync(STAMP) && fs.readFileSync(STAMP, "utf8").trim() === wanted && fs.existsSync(NODE22)) {
    return 0;
  }
  // --prefix: under a root `npm run`, npm's inherited settings must not make this the root's install.
  // --loglevel=error: npm runs on Node 20 and would warn that cdktn-cli wants Node >= 22.19 (it runs on NODE22).
  const result = spawnSync("npm", ["ci", "--prefix", HERE, "--no-audit", "--no-fund", "--loglevel=error"], { cwd: HERE, stdio: "inherit" });
  if (result.status !== 0) {
    console.error("npm ci in frameworks/cdktn failed: the cdktn leg's tools are not installed");
    return result.status === null ? 1 : result.status;
  }
  // The `node` package fetches its binary in a preinstall script; check it really is a Node 22.
  const version = spawnSync(NODE22, ["--version"], { encoding: "utf8" });
  if (version.status !== 0 || !/^v22\./.test(version.stdout)) {
    console.error(`frameworks/cdktn: ${path.relative(process.cwd(), NODE22)} is not a Node 22 (${(version.stdout || version.error || "").toString().trim()})`);
    return 1;
  }
  fs.writeFileSync(STAMP, wanted + "\n");
  return 0;
}

if (require.main === module) process.exit(install());

module.exports = { install, MODULES };
