/**
 * Synth through the app's cdktf CLI, output shown as it comes (run-cdktf.ts):
 * a failure is the app's own messages, then one line saying how cdktf ended.
 */
import * as path from "path";
import { runCdktf } from "./run-cdktf";

/** The app's output directory: DEPLOY_OUTDIR, default cdktf.out (relative to the app folder). */
export function outdirOf(env: NodeJS.ProcessEnv): string {
  return env.DEPLOY_OUTDIR || "cdktf.out";
}

/** The output directory cdktf options name (`--output X`, `-o X`, `--output=X`), if any. */
function namedOutput(options: readonly string[]): string | undefined {
  for (const [i, option] of options.entries()) {
    if (option === "--output" || option === "-o") return options[i + 1];
    if (option.startsWith("--output=")) return option.slice("--output=".length);
  }
  return undefined;
}

/** Where a synth in `cwd` with these cdktf options writes, as an absolute path. */
export function synthOutdir(cwd: string, env: NodeJS.ProcessEnv, cdktfOptions: readonly string[] = []): string {
  return path.resolve(cwd, namedOutput(cdktfOptions) ?? outdirOf(env));
}

/**
 * Synthesizes the app in `cwd` into its output directory (or the one
 * `cdktfOptions` name); resolves to the exit status.
 */
export function synth(cwd: string, env: NodeJS.ProcessEnv, cdktfOptions: readonly string[] = []): Promise<number> {
  const output = namedOutput(cdktfOptions) !== undefined ? [] : ["--output", outdirOf(env)];
  return runCdktf(["synth", ...output, ...cdktfOptions], { cwd, env });
}
