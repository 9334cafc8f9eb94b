/**
 * Runs a job of the example pipelines (examples/pipelines/) as its CI would:
 * the job's commands from scripts/pipeline-commands.js, the very list the YAML
 * files and docs/pipelines.md are checked against (__tests__/pipelines.test.ts), one
 * after another in a shell, stopping at the first that fails.
 */
import { spawnSync } from "child_process";

import { PIPELINE_COMMANDS } from "../../scripts/pipeline-commands";

/** The install every job starts with. */
export const INSTALL = "npm ci";

/**
 * The commands of a job that a test runs: all of them but the first, the
 * install, which the test itself stands on (`npm test` runs after `npm ci`).
 * Throws when the first command is not the install, so that skipping it can
 * never hide another command.
 */
export function commandsAfterInstall(job: string, commands: Readonly<Record<string, readonly string[]>> = PIPELINE_COMMANDS): readonly string[] {
  const list = commands[job];
  if (list === undefined) throw new Error(`no pipeline job ${JSON.stringify(job)} in scripts/pipeline-commands.js`);
  if (list[0] !== INSTALL) throw new Error(`pipeline job ${job} starts with ${JSON.stringify(list[0])}, not ${JSON.stringify(INSTALL)}`);
  return list.slice(1);
}

export interface StepResult {
  readonly command: string;
  readonly status: number;
  /** stdout and stderr together. */
  readonly output: string;
}

/** The job's commands after the install, in `cwd`, each through bash as GitHub's `run:` does; stops at the first failure. */
export function runJob(job: string, cwd: string, env: NodeJS.ProcessEnv): StepResult[] {
  const steps: StepResult[] = [];
  for (const command of commandsAfterInstall(job)) {
    const r = spawnSync("bash", ["-e", "-c", command], { cwd, env, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
    if (r.error) throw r.error;
    steps.push({ command, status: r.status ?? 1, output: `${r.stdout}${r.stderr}` });
    if (r.status !== 0) break;
  }
  return steps;
}
