"use strict";
/**
 * Switches an app folder of this repository from cdktf to cdktn in place, as the
 * upgrade guide tells a team to: the imports of its TypeScript files and its
 * dependencies renamed, the bindings made by cdktn's generator. cdktf.json,
 * cdktf.out, the state and the logical IDs stay as they are.
 *
 * The folder must lie below APPS: it has no node_modules of its own then, and
 * resolves cdktn and constructs 10.6 from this leg's node_modules, everything else
 * (tsx, re2js) from the root's. Entries that are links into the repository (the
 * e2e harness links constructs/ and app/) are replaced by rewritten copies.
 */
const fs = require("fs");
const path = require("path");
const { APPS, GEN } = require("./paths");
const { copyRewritten } = require("./rewrite-imports");
const { cdktnAppPackageJson } = require("./package-json");
const { getBindings } = require("./get-bindings");

/**
 * @param {string} dir the app folder (cdktf.json, package.json, main.ts ...)
 * @param {readonly string[]} sources its TypeScript files and folders, relative to it (e.g. main.ts, app, constructs)
 */
function switchAppToCdktn(dir, sources) {
  if (!path.resolve(dir).startsWith(APPS + path.sep)) throw new Error(`${dir} is not below ${APPS}: it would not resolve cdktn`);
  if (getBindings() !== 0) throw new Error("the cdktn leg could not be prepared: see the output of frameworks/cdktn/get-bindings.js above");
  for (const source of sources) {
    const target = path.join(dir, source);
    const real = fs.realpathSync(target);
    if (real === target) {
      copyRewritten(target, target);
    } else {
      fs.rmSync(target);
      copyRewritten(real, target);
    }
  }
  const manifest = path.join(dir, "package.json");
  const app = JSON.parse(fs.readFileSync(manifest, "utf8"));
  const tooling = JSON.parse(fs.readFileSync(path.join(__dirname, "package.json"), "utf8"));
  fs.rmSync(manifest);
  fs.writeFileSync(manifest, JSON.stringify(cdktnAppPackageJson(app, tooling), null, 2) + "\n");
  // cdktn's bindings instead of cdktf's; no node_modules of the app's own (the leg's, above it, serve).
  fs.rmSync(path.join(dir, ".gen"), { recursive: true, force: true });
  fs.symlinkSync(GEN, path.join(dir, ".gen"));
  fs.rmSync(path.join(dir, "node_modules"), { recursive: true, force: true });
}

module.exports = { switchAppToCdktn };
