#!/usr/bin/env node
"use strict";
/**
 * Stages and compiles `cdktn-alicloud-slb-ca-certificate` from the same sources as
 * the cdktf package; `npm run package` (scripts/packages/cdktn-library.ts) packs it.
 * `node frameworks/cdktn/build.js` stages and compiles into build/package/ alone.
 *
 * 1. Bindings: cdktn's generator over the root's schema-cache/ (get-bindings.js).
 * 2. Staging: every .ts of the folders tsconfig.jsii.json compiles (constructs/,
 *    common/, alicloud/, cli/) with its cdktf specifiers rewritten to cdktn
 *    (rewrite-imports.js), the cdktn .gen/ beside them (so `../.gen/...` holds), the
 *    root's tsconfig.jsii.json, README.md, LICENSE and docs/, and a package.json
 *    derived from the root's (package-json.js). Nothing is kept by hand.
 * 3. jsii (the root's jsii 6) compiles it against cdktn's and constructs' assemblies,
 *    linked into the staging folder's node_modules from this folder's.
 */
const { spawnSync } = require("child_process");
const fs = require("fs");
const path = require("path");
const { ROOT, GEN, BUILD, MODULES } = require("./paths");
const { getBindings } = require("./get-bindings");
const { copyRewritten } = require("./rewrite-imports");
const { cdktnPackageJson } = require("./package-json");

const STAGE = path.join(BUILD, "package");
const COPIED = ["tsconfig.jsii.json", "README.md", "LICENSE", "docs"];
/** What jsii resolves while compiling: cdktn and constructs are the leg's, the Node types the root's. */
const LINKED_MODULES = [
  ["cdktn", MODULES],
  ["constructs", MODULES],
  ["@types/node", path.join(ROOT, "node_modules")],
];

/** The top folders tsconfig.jsii.json compiles (`constructs/**\/*.ts` -> constructs). */
function sourceDirs() {
  const tsconfig = JSON.parse(fs.readFileSync(path.join(ROOT, "tsconfig.jsii.json"), "utf8"));
  return [...new Set(tsconfig.include.map((glob) => glob.split("/")[0]))];
}

function run(command, args, options) {
  const result = spawnSync(command, args, { stdio: "inherit", ...options });
  if (result.status !== 0) {
    throw new Error(`failed (${result.status ?? result.signal}): ${command} ${args.join(" ")}`);
  }
}

/**
 * Stages the cdktn package in `stage` (emptied first) and compiles it with jsii;
 * returns its package.json, which `stage` also holds. Throws when a step fails.
 * @param {string} [stage]
 * @returns {{ name: string, version: string, [field: string]: unknown }}
 */
function stageAndCompile(stage = STAGE) {
  if (getBindings() !== 0) throw new Error("the cdktn bindings could not be generated");
  fs.rmSync(stage, { recursive: true, force: true });
  fs.mkdirSync(stage, { recursive: true });

  const rewritten = sourceDirs().reduce((sum, dir) => sum + copyRewritten(path.join(ROOT, dir), path.join(stage, dir)), 0);
  fs.cpSync(GEN, path.join(stage, ".gen"), { recursive: true, filter: (src) => !src.endsWith(".inputs-hash") });
  for (const entry of COPIED) fs.cpSync(path.join(ROOT, entry), path.join(stage, entry), { recursive: true });
  const readJson = (file) => JSON.parse(fs.readFileSync(file, "utf8"));
  const pkg = cdktnPackageJson(readJson(path.join(ROOT, "package.json")), readJson(path.join(__dirname, "package.json")));
  fs.writeFileSync(path.join(stage, "package.json"), JSON.stringify(pkg, null, 2) + "\n");
  console.log(`staged ${pkg.name}@${pkg.version}: ${rewritten} cdktf specifiers rewritten`);

  for (const [name, modules] of LINKED_MODULES) {
    const target = path.join(stage, "node_modules", name);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.symlinkSync(path.join(modules, name), target);
  }
  // Bundled dependencies (re2js) are packed from the staging folder's node_modules.
  for (const bundled of pkg.bundledDependencies ?? []) {
    fs.cpSync(path.join(ROOT, "node_modules", bundled), path.join(stage, "node_modules", bundled), { recursive: true });
  }
  // The root's jsii, under the root's Node (the library runs on Node 20; only cdktn-cli needs 22).
  const jsii = require.resolve("jsii/bin/jsii", { paths: [ROOT] });
  run(process.execPath, [jsii], { cwd: stage, env: { ...process.env, JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION: "20" } });
  return pkg;
}

if (require.main === module) {
  try {
    stageAndCompile();
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
}

module.exports = { stageAndCompile, STAGE };
