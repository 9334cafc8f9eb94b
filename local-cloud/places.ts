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

/**
 * Where a local deploy synthesizes the app in `cwd`: the project's
 * `.local-cloud/out/<app folder in the project>/cdktf.out`, never the app's
 * own cdktf.out, which holds what a real deploy runs in (its `.terraform`, its
 * lock file pinning the real provider's hashes). Always in the project, even
 * with SLB_LOCAL_CLOUD_DIR: two apps sharing one mirror keep their own output.
 */
export function localOutdir(cwd: string): string {
  const project = projectDir(cwd);
  return path.join(project, ".local-cloud", "out", path.relative(project, path.resolve(cwd)), "cdktf.out");
}

/**
 * The folder of the Terraform states of the account file `account`:
 * `<account without .json>.state/` (`.local-cloud/account.state/` by default).
 * State follows the account: switching to another account file switches to
 * its states, so neither is refreshed against objects the other holds.
 */
export function stateDirOf(account: string): string {
  return path.join(path.dirname(account), `${path.basename(account, ".json")}.state`);
}
