/**
 * Synth through the app's cdktf CLI, output shown as it comes (run-cdktf.ts):
 * a failure is the app's own messages, then one line saying how cdktf ended.
 */
import { runCdktf } from "./run-cdktf";

/** The app's output directory: DEPLOY_OUTDIR, default cdktf.out (relative to the app folder). */
export function outdirOf(env: NodeJS.ProcessEnv): string {
  return env.DEPLOY_OUTDIR || "cdktf.out";
}

/** Whether cdktf options name their own output directory. */
function namesOutput(options: readonly string[]): boolean {
  return options.some((o) => o === "--output" || o === "-o" || o.startsWith("--output="));
}

/**
 * Synthesizes the app in `cwd` into its output directory (or the one
 * `cdktfOptions` name); resolves to the exit status.
 */
export function synth(cwd: string, env: NodeJS.ProcessEnv, cdktfOptions: readonly string[] = []): Promise<number> {
  const output = namesOutput(cdktfOptions) ? [] : ["--output", outdirOf(env)];
  return runCdktf(["synth", ...output, ...cdktfOptions], { cwd, env });
}
