/** Test helper (process tests only): run a TypeScript app or script as cdktf runs one, `node --import tsx`. */
import { SpawnSyncReturns, spawnSync } from "child_process";
import * as path from "path";

export const ROOT = path.join(__dirname, "..", "..");

/**
 * Runs `file` (relative to the project, or absolute) with `node --import tsx`
 * in the project folder, with CHECKPOINT_DISABLE=1 and `env` on top of this
 * process's environment.
 */
export function runApp(file: string, env: NodeJS.ProcessEnv = {}, args: readonly string[] = []): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, ["--import", "tsx", file, ...args], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, CHECKPOINT_DISABLE: "1", ...env },
  });
}
