#!/usr/bin/env node
"use strict";
/**
 * Builds `cdktn-alicloud-slb-ca-certificate` from the same constructs/ as the cdktf
 * package: `node frameworks/cdktn/build.js` writes build/package/ (staging) and
 * build/cdktn-alicloud-slb-ca-certificate-<version>.tgz.
 *
 * 1. Bindings: cdktn's generator over the root's schema-cache/ (get-bindings.js).
 * 2. Staging: every constructs/**.ts with its cdktf specifiers rewritten to cdktn
 *    (rewrite-imports.js), the cdktn .gen/ beside it (so `../.gen/...` holds), the
 *    root's tsconfig.jsii.json, README.md and LICENSE, and a package.json derived
 *    from the root's (package-json.js). Nothing is kept by hand.
 * 3. jsii (the root's jsii 6) compiles it against cdktn's and constructs' assemblies,
 *    which it finds in frameworks/cdktn/node_modules (the staging folder sits below it).
 * 4. npm pack --ignore-scripts.
 */
const { spawnSync } = require("child_process");
const fs = require("fs");
const path = require("path");
const { ROOT, GEN, BUILD } = require("./paths");
const { getBindings } = require("./get-bindings");
const { rewriteImports } = require("./rewrite-imports");
const { cdktnPackageJson } = require("./package-json");

const STAGE = path.join(BUILD, "package");
const SOURCE_DIRS = ["constructs"];
const COPIED_FILES = ["tsconfig.jsii.json", "README.md", "LICENSE"];

function tsFilesUnder(dir) {
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(".ts"))
    .map((entry) => path.join(entry.parentPath, entry.name));
}

/** Stages one source folder; returns how many specifiers were rewritten. */
function stageSources(dir) {
  let count = 0;
  for (const file of tsFilesUnder(path.join(ROOT, dir))) {
    const { text, rewritten } = rewriteImports(fs.readFileSync(file, "utf8"), file);
    const target = path.join(STAGE, path.relative(ROOT, file));
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, text);
    count += rewritten.length;
  }
  return count;
}

function run(command, args, options) {
  const result = spawnSync(command, args, { stdio: "inherit", ...options });
  if (result.status !== 0) {
    throw new Error(`failed (${result.status ?? result.signal}): ${command} ${args.join(" ")}`);
  }
}

function build() {
  const bindings = getBindings();
  if (bindings !== 0) return bindings;
  fs.rmSync(STAGE, { recursive: true, force: true });
  fs.mkdirSync(STAGE, { recursive: true });

  const rewritten = SOURCE_DIRS.reduce((sum, dir) => sum + stageSources(dir), 0);
  fs.cpSync(GEN, path.join(STAGE, ".gen"), { recursive: true, filter: (src) => !src.endsWith(".inputs-hash") });
  for (const file of COPIED_FILES) fs.copyFileSync(path.join(ROOT, file), path.join(STAGE, file));
  const readJson = (file) => JSON.parse(fs.readFileSync(file, "utf8"));
  const pkg = cdktnPackageJson(readJson(path.join(ROOT, "package.json")), readJson(path.join(__dirname, "package.json")));
  fs.writeFileSync(path.join(STAGE, "package.json"), JSON.stringify(pkg, null, 2) + "\n");
  console.log(`staged ${pkg.name}@${pkg.version}: ${rewritten} cdktf specifiers rewritten`);

  // The root's jsii, under the root's Node (the library runs on Node 20; only cdktn-cli needs 22).
  const jsii = require.resolve("jsii/bin/jsii", { paths: [ROOT] });
  run(process.execPath, [jsii], { cwd: STAGE, env: { ...process.env, JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION: "20" } });
  // Bundled dependencies (re2js) are packed from the staging folder's node_modules.
  for (const bundled of pkg.bundledDependencies ?? []) {
    fs.cpSync(path.join(ROOT, "node_modules", bundled), path.join(STAGE, "node_modules", bundled), { recursive: true });
  }
  run("npm", ["pack", "--ignore-scripts", "--silent", "--pack-destination", BUILD], { cwd: STAGE, stdio: ["ignore", "inherit", "inherit"] });
  return 0;
}

if (require.main === module) {
  try {
    process.exit(build());
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
}

module.exports = { build, STAGE };
