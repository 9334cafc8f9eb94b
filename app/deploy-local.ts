/**
 * `npm run deploy:local` / `destroy:local`: `slb-local-cloud deploy|destroy`
 * (local-cloud/main.ts) for the example app, whose edge stack needs the
 * listener's private key: the demo key examples/certs/server.key unless
 * TF_VAR_server_private_key is set.
 */
import * as fs from "fs";
import * as path from "path";

if (!process.env.TF_VAR_server_private_key) {
  process.env.TF_VAR_server_private_key = fs.readFileSync(path.join(__dirname, "..", "examples", "certs", "server.key"), "utf8");
}
// Loaded after the key is in the environment: main.ts runs the command as it loads.
// eslint-disable-next-line @typescript-eslint/no-require-imports
require("../local-cloud/main");
