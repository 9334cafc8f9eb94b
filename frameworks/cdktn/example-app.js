"use strict";
/**
 * The repository's example app (main.ts, app/) for CDK Terrain, in
 * frameworks/cdktn/build/apps/example: the repository's files linked in, then
 * switched to cdktn (switch-app.js: rewritten copies of the TypeScript sources,
 * package.json with cdktn-cli, cdktn's bindings). Restaged on every call from
 * the current sources; its state (terraform.<stack>.tfstate), cdktf.out and
 * .local-cloud stay between runs. `FRAMEWORK=cdktn npm run deploy:local` deploys it.
 */
const fs = require("fs");
const path = require("path");
const { APPS, ROOT } = require("./paths");
const { switchAppToCdktn } = require("./switch-app");

const EXAMPLE_APP = path.join(APPS, "example");
/** What the example app reads from the repository: its sources, the library's, its data, and its settings. */
const LINKED = ["main.ts", "app", "constructs", "common", "policy", "examples", "cdktf.json", "package.json", "tsconfig.json"];
const SOURCES = ["main.ts", "app", "constructs"];

/** Stages the example app for cdktn; returns its folder. */
function stageExampleApp() {
  fs.mkdirSync(EXAMPLE_APP, { recursive: true });
  for (const entry of LINKED) {
    const target = path.join(EXAMPLE_APP, entry);
    fs.rmSync(target, { recursive: true, force: true });
    fs.symlinkSync(path.join(ROOT, entry), target);
  }
  switchAppToCdktn(EXAMPLE_APP, SOURCES);
  return EXAMPLE_APP;
}

module.exports = { stageExampleApp, EXAMPLE_APP };
