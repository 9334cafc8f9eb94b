"use strict";
/** Before the cdktn projects run: the leg's tools and cdktn's bindings (each skipped when already made from the same inputs). */
const { getBindings } = require("./get-bindings");

module.exports = async function setup() {
  if (getBindings() !== 0) throw new Error("the cdktn leg could not be prepared: see the output of frameworks/cdktn/get-bindings.js above");
};
