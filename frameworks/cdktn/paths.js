"use strict";
/** Where the cdktn leg's tools and outputs live; every script of this folder takes them from here. */
const path = require("path");

const HERE = __dirname;
const ROOT = path.join(HERE, "..", "..");
const MODULES = path.join(HERE, "node_modules");

module.exports = {
  HERE,
  ROOT,
  MODULES,
  /** Node 22 from the npm package `node`: cdktn-cli refuses Node 20 (`markAsUncloneable is not a function`). */
  NODE22: path.join(MODULES, ".bin", "node"),
  /** Its folder, put first on PATH for cdktn-cli: the CLI checks `node --version` and starts the app with `node`. */
  NODE22_BIN_DIR: path.join(MODULES, ".bin"),
  CDKTN_CLI: path.join(MODULES, "cdktn-cli", "bin", "cdktn"),
  /** The alicloud bindings made by cdktn's own generator (cdktn-cli get). */
  GEN: path.join(HERE, ".gen"),
  /** Staging folder of the cdktn package and its tarball. */
  BUILD: path.join(HERE, "build"),
  /** Apps switched to cdktn (the e2e tests', the example app's local deploy): below this folder, they resolve cdktn and constructs from its node_modules. */
  APPS: path.join(HERE, "build", "apps"),
};
