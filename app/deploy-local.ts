/**
 * `npm run deploy:local` / `destroy:local`: `slb-local-cloud deploy|destroy`
 * (local-cloud/main.ts) for the example app, whose edge stack needs the
 * listener's private key: the demo key examples/certs/server.key unless
 * TF_VAR_server_private_key is set.
 *
 * FRAMEWORK=cdktn runs the same app built for CDK Terrain, staged in
 * frameworks/cdktn/build/apps/example (its own state and .local-cloud/),
 * through cdktn-cli on Node 22; FRAMEWORK=cdktf (the default) runs it here.
 */
import * as fs from "fs";
import * as path from "path";
import { stageExampleApp } from "../frameworks/cdktn/example-app";

const framework = process.env.FRAMEWORK || "cdktf";
if (framework !== "cdktf" && framework !== "cdktn") {
  process.stderr.write(`FRAMEWORK must be cdktf or cdktn, got ${JSON.stringify(framework)}\n`);
  process.exit(2);
}
if (!process.env.TF_VAR_server_private_key) {
  process.env.TF_VAR_server_private_key = fs.readFileSync(path.join(__dirname, "..", "examples", "certs", "server.key"), "utf8");
}
if (framework === "cdktn") process.chdir(stageExampleApp());
// Loaded after the key is in the environment and the folder chosen: main.ts runs the command as it loads.
// eslint-disable-next-line @typescript-eslint/no-require-imports
require("../local-cloud/main");
