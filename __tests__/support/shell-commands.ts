/**
 * A person's shell in a test: commands run in one bash, in order, as a team
 * would type them (the consumer-app tests: README's adoption commands, and a
 * cdktn app written from scratch).
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { WAIT_SCALE } from "../e2e/harness";

/** How long one run of commands (npm installs from the registry included) may take. */
export const RUN_TIMEOUT_MS = 15 * 60 * 1000;

export interface Step {
  readonly command: string;
  readonly status: number;
  readonly output: string;
  /** Whole seconds the command took (bash's SECONDS). */
  readonly seconds: number;
}

/** The environment of a person's shell: none of the test run's npm, emulator, colour or Terraform variables; npm's cache in the run's folder; the local provider's waits scaled as in every e2e test. */
export function shellEnv(home: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (/^(npm_|SLB_|TF_VAR_|DEPLOY_|ATOMIC_APP_)/i.test(name) || ["FORCE_COLOR", "NO_COLOR", "CI", "INIT_CWD"].includes(name)) continue;
    env[name] = value;
  }
  if (env.TF_CLI_CONFIG_FILE && !fs.existsSync(env.TF_CLI_CONFIG_FILE)) delete env.TF_CLI_CONFIG_FILE;
  // No CHECKPOINT_DISABLE either: that terraform and cdktf stay out of HOME must be the commands' own doing.
  delete env.CHECKPOINT_DISABLE;
  // The one test setting kept: the local provider's waits (its 5 s polls) at e2e speed; the calls are the same.
  return { ...env, HOME: home, npm_config_cache: process.env.npm_config_cache, npm_config_update_notifier: "false", SLB_EMULATOR_WAIT_SCALE: WAIT_SCALE };
}

/**
 * Runs the commands in one bash (an `export` holds for the commands after it),
 * stopping at the first failure; each command's status and output, and a copy
 * of outputs.json and the account after it.
 */
export function runCommands(commands: readonly string[], cwd: string, env: NodeJS.ProcessEnv, snapshots: string): Step[] {
  const script = ["set -o pipefail"];
  commands.forEach((command, i) => {
    script.push(
      `printf '\\n::: %s\\n' ${i}; began=$SECONDS`,
      `${command}`,
      `status=$?; printf '\\n::: status %s %s\\n' "$status" "$((SECONDS - began))"`,
      `cp .local-cloud/out/cdktf.out/outputs.json ${JSON.stringify(path.join(snapshots, `${i}.outputs.json`))} 2>/dev/null; cp .local-cloud/account.json ${JSON.stringify(path.join(snapshots, `${i}.account.json`))} 2>/dev/null`,
      `[ "$status" -eq 0 ] || exit "$status"`,
    );
  });
  const run = spawnSync("bash", ["-c", script.join("\n")], { cwd, env, encoding: "utf8", maxBuffer: 256 * 1024 * 1024, timeout: RUN_TIMEOUT_MS });
  if (run.error) throw run.error;
  const output = `${run.stdout}${run.stderr}`;
  return commands.flatMap((command, i) => {
    const section = new RegExp(`\\n::: ${i}\\n([\\s\\S]*?)\\n::: status (\\d+) (\\d+)\\n`).exec(run.stdout);
    if (!section) return i === 0 || output.includes(`::: ${i - 1}`) ? [{ command, status: -1, output: i === 0 ? output : "(not run)", seconds: 0 }] : [];
    if (process.env.SLB_CA_TESTS_STEP_TIMES) process.stderr.write(`${section[3]} s  ${command}\n`);
    return [{ command, status: Number(section[2]), output: section[1], seconds: Number(section[3]) }];
  });
}

/** Each step as `{ command, status }`, with its output when it failed: compared to `succeeded(commands)`, a failure shows what it printed. */
export function outcomes(steps: readonly Step[]): { command: string; status: number; output?: string }[] {
  return steps.map((s) => ({ command: s.command, status: s.status, ...(s.status === 0 ? {} : { output: s.output }) }));
}

/** What `outcomes` gives when every command ran and succeeded, in order. */
export function succeeded(commands: readonly string[]): { command: string; status: number }[] {
  return commands.map((command) => ({ command, status: 0 }));
}
