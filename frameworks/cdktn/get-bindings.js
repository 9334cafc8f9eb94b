#!/usr/bin/env node
"use strict";
/**
 * Generates the alicloud bindings for the cdktn leg into frameworks/cdktn/.gen with
 * cdktn's own generator (`cdktn get`), offline, from the root's schema-cache/ and
 * cdktf.json: the same inputs as scripts/get-bindings.js gives `cdktf get`.
 *
 * cdktn keys its schema cache by the fetching CLI as well, as
 * `<provider>@<constraint>@<cli>-<major>.<minor>.json` (e.g. `...@terraform-1.11.json`)
 * where cdktf used `<provider>@<constraint>.json`. So the schemas are copied under
 * cdktn's names into a temporary folder: a cache miss would run `terraform init`
 * against the registry. Skips the work when .gen/ was made from the same inputs.
 */
const { spawnSync } = require("child_process");
const crypto = require("crypto");
const fs = require("fs");
const os = require("os");
const path = require("path");
const { ROOT, GEN, CDKTN_CLI, NODE22_BIN_DIR } = require("./paths");
const { install } = require("./install");

const SCHEMA_DIR = path.join(ROOT, "schema-cache");
const STAMP = path.join(GEN, ".inputs-hash");

function schemaFiles() {
  return fs
    .readdirSync(SCHEMA_DIR)
    .filter((file) => file.endsWith(".json"))
    .sort();
}

/** `terraform-1.11` for terraform 1.11.4: the CLI part of cdktn's cache key. */
function fetchingCliKey(env) {
  const result = spawnSync("terraform", ["version", "-json"], { encoding: "utf8", env });
  if (result.status !== 0) throw new Error(`terraform version -json failed: ${result.stderr || result.error}`);
  const [major, minor] = JSON.parse(result.stdout).terraform_version.split(".");
  return `terraform-${major}.${minor}`;
}

/** The environment cdktn-cli runs in: Node 22 first on PATH, nothing written to $HOME, no telemetry. */
function cdktnEnv(base = process.env) {
  const env = { ...base, PATH: `${NODE22_BIN_DIR}${path.delimiter}${base.PATH}`, CHECKPOINT_DISABLE: "1", DISABLE_VERSION_CHECK: "true" };
  if (env.TF_CLI_CONFIG_FILE && !fs.existsSync(env.TF_CLI_CONFIG_FILE)) delete env.TF_CLI_CONFIG_FILE;
  if (!env.CI) env.CI = "true";
  if (env.CDKTF_DISABLE_PLUGIN_CACHE_ENV === undefined) env.CDKTF_DISABLE_PLUGIN_CACHE_ENV = "1";
  return env;
}

function inputsHash(cliKey) {
  const hash = crypto.createHash("sha256");
  hash.update(fs.readFileSync(path.join(ROOT, "cdktf.json")));
  hash.update(fs.readFileSync(path.join(__dirname, "package-lock.json")));
  hash.update(cliKey);
  for (const file of schemaFiles()) {
    hash.update(file);
    hash.update(fs.readFileSync(path.join(SCHEMA_DIR, file)));
  }
  return hash.digest("hex");
}

function getBindings({ force = false } = {}) {
  const installed = install();
  if (installed !== 0) return installed;
  const env = cdktnEnv();
  const cliKey = fetchingCliKey(env);
  const expected = inputsHash(cliKey);
  if (!force && fs.existsSync(STAMP) && fs.readFileSync(STAMP, "utf8").trim() === expected) return 0;

  const cache = fs.mkdtempSync(path.join(os.tmpdir(), "cdktn-schema-cache-"));
  try {
    for (const file of schemaFiles()) {
      fs.copyFileSync(path.join(SCHEMA_DIR, file), path.join(cache, `${file.slice(0, -".json".length)}@${encodeURIComponent(cliKey)}.json`));
    }
    // Run in the root, so that cdktn reads the root's cdktf.json (providers, language); only the output goes here.
    const args = [CDKTN_CLI, "get", "--force", "--output", GEN, "--experimental-provider-schema-cache-path", cache];
    const result = spawnSync(path.join(NODE22_BIN_DIR, "node"), args, { cwd: ROOT, env, stdio: "inherit" });
    if (result.status !== 0) {
      console.error("cdktn get failed: the cdktn bindings in frameworks/cdktn/.gen were not generated");
      return result.status === null ? 1 : result.status;
    }
  } finally {
    fs.rmSync(cache, { recursive: true, force: true });
  }
  fs.writeFileSync(STAMP, expected + "\n");
  return 0;
}

if (require.main === module) process.exit(getBindings({ force: process.argv.includes("--force") }));

module.exports = { getBindings, cdktnEnv };
