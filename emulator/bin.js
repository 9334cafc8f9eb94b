#!/usr/bin/env node
"use strict";
// The provider executable's target: runs the TypeScript sources through tsx,
// resolved from this project (Terraform starts the plugin in a stack's folder).
require("tsx/cjs/api").register();
require("./main.ts");
