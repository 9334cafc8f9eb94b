/**
 * Where the local cloud keeps its files for the app a command runs in: the
 * project's `.local-cloud/` folder (the mirror, the provider's TLS identity,
 * the account), the project being the nearest folder at or above the current
 * one that has a package.json, as npm finds it. Two apps of one project (a
 * producer and a consumer in a subfolder) so share one account, as two
 * apps of one team share one cloud account.
 */
import * as fs from "fs";
import * as path from "path";

/** The nearest folder at or above `cwd` with a package.json; `cwd` itself when there is none. */
export function projectDir(cwd: string): string {
  for (let dir = path.resolve(cwd); ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, "package.json"))) return dir;
    if (path.dirname(dir) === dir) return path.resolve(cwd);
  }
}

/** SLB_LOCAL_CLOUD_DIR, else the project's .local-cloud/. */
export function localCloudDir(env: NodeJS.ProcessEnv, cwd: string): string {
  return env.SLB_LOCAL_CLOUD_DIR ? path.resolve(cwd, env.SLB_LOCAL_CLOUD_DIR) : path.join(projectDir(cwd), ".local-cloud");
}

/** SLB_EMULATOR_STATE, else the account.json of the local cloud's folder. */
export function accountFile(env: NodeJS.ProcessEnv, cwd: string): string {
  return env.SLB_EMULATOR_STATE ? path.resolve(cwd, env.SLB_EMULATOR_STATE) : path.join(localCloudDir(env, cwd), "account.json");
}
