#!/usr/bin/env node
"use strict";
/**
 * Fetches the jsii runtime server (@jsii/runtime) for the tests that drive the
 * library the way Python, Java, .NET and Go programs do.
 *
 * `npm install @jsii/runtime@1.140.0` fails (its @jsii/kernel dependency on the
 * registry is older than it needs), but its tarball carries a self-contained
 * webpack bundle of the server. So: `npm pack` it from the registry (at install
 * time, the only time the project uses the network), check it against the
 * integrity pinned below, and unpack it into node_modules/.cache/. Tests use it
 * offline. Skips the work when it is already there.
 */
const { spawnSync } = require("child_process");
const crypto = require("crypto");
const fs = require("fs");
const path = require("path");

const VERSION = "1.140.0";
// The registry's `dist.integrity` of @jsii/runtime@1.140.0.
const INTEGRITY = "sha512-AG5KdT3O6Ng1nbeOKmOX9M8WSzdDV0IiAqwNgyEY2eGga8tAaL+6w9T4NOYAy98MULilCnG05c71PuUfZExpmQ==";
const root = path.join(__dirname, "..");
const targetDir = path.join(root, "node_modules", ".cache", `jsii-runtime-${VERSION}`);
/** The server a binding starts: reads requests on stdin, answers on stdout. */
const RUNTIME_BIN = path.join(targetDir, "package", "webpack", "bin", "jsii-runtime.js");

function fetchRuntime() {
  // Installed as a dependency of another project: no tests, nothing to fetch.
  if (!fs.existsSync(path.join(root, "__tests__"))) return;
  if (fs.existsSync(RUNTIME_BIN)) {
    console.log(`jsii runtime ${VERSION} is in ${path.relative(root, targetDir)}`);
    return;
  }
  const staging = `${targetDir}.partial`;
  fs.rmSync(staging, { recursive: true, force: true });
  fs.mkdirSync(staging, { recursive: true });
  const pack = spawnSync("npm", ["pack", `@jsii/runtime@${VERSION}`, "--json", "--ignore-scripts", "--pack-destination", staging], {
    cwd: staging,
    encoding: "utf8",
  });
  if (pack.status !== 0) fail(`npm pack @jsii/runtime@${VERSION} failed:\n${pack.stderr}`);
  const tarball = path.join(staging, JSON.parse(pack.stdout)[0].filename);
  const digest = `sha512-${crypto.createHash("sha512").update(fs.readFileSync(tarball)).digest("base64")}`;
  if (digest !== INTEGRITY) fail(`@jsii/runtime@${VERSION}: integrity ${digest}, expected ${INTEGRITY}`);
  const untar = spawnSync("tar", ["-xzf", tarball, "-C", staging], { encoding: "utf8" });
  if (untar.status !== 0) fail(`cannot unpack ${tarball}:\n${untar.stderr}`);
  fs.rmSync(tarball);
  if (!fs.existsSync(path.join(staging, "package", "webpack", "bin", "jsii-runtime.js"))) {
    fail(`@jsii/runtime@${VERSION} has no webpack/bin/jsii-runtime.js`);
  }
  fs.rmSync(targetDir, { recursive: true, force: true });
  fs.renameSync(staging, targetDir);
  console.log(`jsii runtime ${VERSION} unpacked into ${path.relative(root, targetDir)}`);
}

/**
 * @param {string} message
 * @returns {never}
 */
function fail(message) {
  console.error(message);
  process.exit(1);
}

if (require.main === module) fetchRuntime();

module.exports = { RUNTIME_BIN, VERSION };
