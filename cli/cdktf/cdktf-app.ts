/**
 * Synth, deploy and destroy run the cdktf app of the current folder: a folder
 * without cdktf.json is said to be that, before anything looks for the app's
 * cdktf CLI (whose absence would otherwise be the message).
 */
import * as fs from "fs";
import * as path from "path";
import { CommandError } from "./command-error";

/** Throws a CommandError (exit 2) when `appDir` has no cdktf.json. */
export function requireCdktfApp(appDir: string): void {
  if (fs.existsSync(path.join(appDir, "cdktf.json"))) return;
  throw new CommandError(
    `No cdktf app in ${appDir}: it has no cdktf.json. Run this in the app's folder (the one with cdktf.json; docs/new-app.md shows one).`,
    2,
  );
}
