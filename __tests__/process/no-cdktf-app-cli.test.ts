/**
 * slb-ca synth/deploy and slb-local-cloud deploy in a folder without
 * cdktf.json: one line saying there is no cdktf app there, exit 2 (not "No
 * cdktf CLI installed", which is about something else), and nothing written.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { pathToFileURL } from "url";
import { tempDir } from "../support/temp-dir";

const ROOT = path.join(__dirname, "..", "..");
// tsx by path: the folder has no node_modules to find it in.
const TSX = pathToFileURL(path.join(ROOT, "node_modules", "tsx", "dist", "loader.mjs")).href;

test.each([
  ["cli/slb-ca.ts", "synth"],
  ["cli/slb-ca.ts", "deploy"],
  ["local-cloud/main.ts", "deploy"],
])("%s %s in a folder without cdktf.json says so in one line, exit 2", (bin, command) => {
  const cwd = tempDir("no-cdktf-app-");
  const run = spawnSync(process.execPath, ["--import", TSX, path.join(ROOT, bin), command], {
    cwd,
    encoding: "utf8",
    env: { ...process.env, CHECKPOINT_DISABLE: "1", SLB_LOCAL_CLOUD_DIR: path.join(cwd, ".local-cloud") },
  });
  expect({ status: run.status, stdout: run.stdout, stderr: run.stderr }).toEqual({
    status: 2,
    stdout: "",
    stderr: `No cdktf app in ${fs.realpathSync(cwd)}: it has no cdktf.json. Run this in the app's folder (the one with cdktf.json; docs/new-app.md shows one).\n`,
  });
  expect(fs.readdirSync(cwd).filter((f) => f !== ".local-cloud")).toEqual([]);
});
