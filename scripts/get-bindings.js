#!/usr/bin/env node
"use strict";
/**
 * Generates the alicloud provider bindings into `.gen/` with the real cdktf
 * generator, offline, from the provider schema kept in `schema-cache/`.
 *
 * Runs on `npm install` / `npm ci` (postinstall) and on `npm run get` (--force).
 * It skips the work when `.gen/` was generated from the same schema and
 * cdktf.json, so repeated installs stay fast.
 */
const { spawnSync } = require("child_process");
const crypto = require("crypto");
const fs = require("fs");
const path = require("path");
const { CDKTF_CLI, cdktfEnv } = require("../cli/cdktf/cdktf-env");

const root = path.join(__dirname, "..");
const schemaDir = path.join(root, "schema-cache");
const genDir = path.join(root, ".gen");
const stampFile = path.join(genDir, ".schema-hash");
const force = process.argv.includes("--force");

// Installed as a dependency of another project: the package ships compiled
// bindings and no schema cache, so there is nothing to generate.
if (!fs.existsSync(schemaDir) || !fs.existsSync(CDKTF_CLI)) {
  process.exit(0);
}

function inputsHash() {
  const hash = crypto.createHash("sha256");
  hash.update(fs.readFileSync(path.join(root, "cdktf.json")));
  for (const file of fs
    .readdirSync(schemaDir)
    .filter((f) => f.endsWith(".json"))
    .sort()) {
    hash.update(file);
    hash.update(fs.readFileSync(path.join(schemaDir, file)));
  }
  return hash.digest("hex");
}

const expected = inputsHash();
if (!force && fs.existsSync(stampFile) && fs.readFileSync(stampFile, "utf8").trim() === expected) {
  console.log("alicloud bindings in .gen/ are up to date");
  process.exit(0);
}

const result = spawnSync(process.execPath, [CDKTF_CLI, "get", "--force", "--experimental-provider-schema-cache-path", schemaDir], {
  stdio: "inherit",
  env: cdktfEnv(),
  cwd: root,
});
if (result.status !== 0) {
  console.error("cdktf get failed: the alicloud bindings in .gen/ were not generated");
  process.exit(result.status === null ? 1 : result.status);
}
fs.writeFileSync(stampFile, expected + "\n");
