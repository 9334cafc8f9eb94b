"use strict";
/**
 * Installs the local SLB provider where Terraform looks for providers, and
 * gives the environment every local deploy runs with.
 *
 * - The provider's TypeScript (emulator/) is compiled to JavaScript in
 *   .local-cloud/provider/ (git-ignored), again only when a source changed:
 *   Terraform starts three or four provider processes per plan or apply, and
 *   plain node starts one in half the time node with tsx does.
 * - A filesystem mirror (.local-cloud/mirror, git-ignored) holds
 *   registry.terraform.io/aliyun/alicloud/<version>/<os>_<arch>/terraform-provider-alicloud_v<version>:
 *   a shell script that execs node on the compiled main.js. (dev_overrides would
 *   need no install, but a plain `terraform init` ignores them.)
 * - A Terraform CLI config (.local-cloud/terraformrc) points at the mirror;
 *   TF_CLI_CONFIG_FILE passes it to the processes we spawn, never to the user's shell.
 * - No plugin cache: cdktfEnv (cli/cdktf/cdktf-env.js) turns cdktf's off, and a
 *   TF_PLUGIN_CACHE_DIR of the user's is dropped, or Terraform would leave a link
 *   to the stand-in there.
 * - CI is left as the caller has it (cdktfEnv is told the run is interactive):
 *   the local-state warning of `npm run deploy` is for real CI jobs only;
 *   runCdktf still sets CI for cdktf's own output when it is not a terminal.
 * - DEPLOY_SKIP_PROVIDER_LOCK=1: `npm run deploy` (cli/cdktf/deploy.js) passes
 *   --skip-provider-lock to cdktf, whose `terraform providers lock` would ask
 *   the registry, past the mirror.
 */
const crypto = require("crypto");
const fs = require("fs");
const path = require("path");
const { cdktfEnv } = require("../cli/cdktf/cdktf-env");

const PROJECT = path.join(__dirname, "..");
const LOCAL_CLOUD = path.join(PROJECT, ".local-cloud");
const PROVIDER_SOURCE = "registry.terraform.io/aliyun/alicloud";

/** The provider version the schema cache pins (provider_versions), which the mirror must offer. */
function providerVersion() {
  const dir = path.join(PROJECT, "schema-cache");
  const file = fs.readdirSync(dir).find((f) => f.startsWith("alicloud@") && f.endsWith(".json"));
  if (file === undefined) throw new Error(`no alicloud@*.json schema in ${dir}`);
  return JSON.parse(fs.readFileSync(path.join(dir, file), "utf8")).provider_versions[PROVIDER_SOURCE];
}

function platform() {
  /** @type {Record<string, string>} */
  const goArch = { x64: "amd64", arm64: "arm64", ia32: "386", arm: "arm" };
  const arch = goArch[process.arch] || process.arch;
  return `${process.platform}_${arch}`;
}

/**
 * Compiles the .ts files of emulator/ (subfolders included) and of common/, which the
 * emulator imports, to .js files in `<dir>/provider/emulator/` and `<dir>/provider/common/`
 * (and copies the .proto files) unless the sources are unchanged since the last time;
 * returns main.js's path.
 * @param {string} dir
 */
function compileProvider(dir) {
  const out = path.join(dir, "provider");
  // Every .ts and .proto file, as paths relative to the project: the relative imports between the two folders hold.
  const files = ["emulator", "common"]
    .flatMap((folder) => fs.readdirSync(path.join(PROJECT, folder), { recursive: true }).map((f) => path.join(folder, String(f))))
    .filter((f) => f.endsWith(".ts") || f.endsWith(".proto"))
    .sort();
  const hash = crypto.createHash("sha256");
  for (const f of files) hash.update(f).update(fs.readFileSync(path.join(PROJECT, f)));
  const digest = hash.digest("hex");
  const stamp = path.join(out, "SOURCES.sha256");
  if (!fs.existsSync(stamp) || fs.readFileSync(stamp, "utf8") !== digest) {
    // Loaded only when needed: the compiler takes a second to load.
    const ts = require("typescript");
    const options = { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true };
    for (const f of files) {
      const text = fs.readFileSync(path.join(PROJECT, f), "utf8");
      if (f.endsWith(".proto")) writeIfChanged(path.join(out, f), text, 0o644);
      else writeIfChanged(path.join(out, f.replace(/\.ts$/, ".js")), ts.transpileModule(text, { compilerOptions: options, fileName: f }).outputText, 0o644);
    }
    writeIfChanged(stamp, digest, 0o644);
  }
  return path.join(out, "emulator", "main.js");
}

/**
 * Writes the mirror and the CLI config under `dir` (default .local-cloud/);
 * returns the CLI config's path. Rewrites only what changed, so the lock
 * file's recorded hash stays valid across runs.
 */
function installLocalProvider(dir = LOCAL_CLOUD) {
  const version = providerVersion();
  const mirror = path.join(dir, "mirror");
  const binDir = path.join(mirror, PROVIDER_SOURCE, version, platform());
  const executable = path.join(binDir, `terraform-provider-alicloud_v${version}`);
  const script = `#!/bin/sh\nexec ${JSON.stringify(process.execPath)} ${JSON.stringify(compileProvider(dir))} "$@"\n`;
  writeIfChanged(executable, script, 0o755);
  const config = path.join(dir, "terraformrc");
  writeIfChanged(
    config,
    `# Written by local-cloud/local-provider.js: aliyun/alicloud comes from the local SLB provider.\n` +
      `provider_installation {\n  filesystem_mirror {\n    path    = ${JSON.stringify(mirror)}\n    include = ["${PROVIDER_SOURCE}"]\n  }\n}\n`,
    0o644,
  );
  return config;
}

/**
 * @param {string} file
 * @param {string} text
 * @param {number} mode
 */
function writeIfChanged(file, text, mode) {
  if (fs.existsSync(file) && fs.readFileSync(file, "utf8") === text) return;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  // Temporary file and rename: a terraform started meanwhile (another test) never runs half a script.
  const temp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temp, text, { mode });
  fs.chmodSync(temp, mode);
  fs.renameSync(temp, file);
}

/**
 * The environment of a cdktf or terraform run against the local provider.
 * @param {{ dir?: string; base?: NodeJS.ProcessEnv; state?: string }} [options]
 * @returns {NodeJS.ProcessEnv}
 */
function localCloudEnv(options = {}) {
  const dir = options.dir || LOCAL_CLOUD;
  const env = cdktfEnv(options.base || process.env, true);
  env.TF_CLI_CONFIG_FILE = installLocalProvider(dir);
  env.DEPLOY_SKIP_PROVIDER_LOCK = "1";
  delete env.TF_PLUGIN_CACHE_DIR;
  env.SLB_EMULATOR_STATE = options.state || env.SLB_EMULATOR_STATE || path.join(LOCAL_CLOUD, "account.json");
  env.TF_IN_AUTOMATION = "1";
  // The provider's warnings (a call waiting for the account's lock) show in Terraform's output.
  env.TF_LOG_PROVIDER ||= "WARN";
  return env;
}

module.exports = { localCloudEnv, PROJECT };
