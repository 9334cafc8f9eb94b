/**
 * Deploy and destroy: synth, then the app's stacks one cdktf run each, in
 * dependency order (reversed for destroy) as the synthesized manifest records
 * it, then a summary that names each stack's outcome.
 *
 * - Terraform never prompts (TF_INPUT=0): cdktf runs it on a pseudo-terminal,
 *   where a required variable without a value (an unset TF_VAR_*) would wait
 *   for input forever; it fails the deploy with "No value for required variable".
 * - A deploy writes every stack's outputs to `<outdir>/outputs.json`
 *   (cdktf's --outputs-file, one file for the run), for later jobs. An earlier
 *   one is removed first, so that a failed deploy leaves none.
 * - A destroy removes outputs.json when it succeeds: it would name what is gone.
 * - The environment passes through to cdktf and terraform: credentials
 *   (ALICLOUD_*), state settings, secrets (TF_VAR_*), and a TF_CLI_CONFIG_FILE
 *   that exists (the local cloud's provider mirror, for one).
 * - Local state files are written mode 600 (private-state.ts): a stack's
 *   state holds its secrets (edge's: the listener's private key).
 * - DEPLOY_SKIP_PROVIDER_LOCK=1 adds `--skip-provider-lock`: cdktf's
 *   `terraform providers lock` asks the provider's registry past the CLI
 *   config's mirrors, so it fails offline with the local provider, whose
 *   environment sets it.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { OUTDIR_LOCK_ENV, outdirLockFile } from "../../common/outdir-lock";
import { garbledLockMessage, withPidLockAsync } from "../../common/pid-lock";
import { CommandError } from "./command-error";
import { protectLocalState, withPrivateFiles } from "./private-state";
import { runCdktf } from "./run-cdktf";
import { SynthesizedStack, selectStacks, synthesizedStacks } from "./stacks";
import { outdirOf, synth, synthOutdir } from "./synth";
import { colourWanted } from "./terminal";

export const OUTPUTS_NAME = "outputs.json";
const SKIP_PROVIDER_LOCK = "--skip-provider-lock";
/** How long a deploy waits for another synth's publish in its output folder: a publish takes moments, so only a lock nobody releases lasts this long. */
const OUTDIR_WAIT_SECONDS = 600;

/** What a deploy or destroy runs on (terraform checked by the caller: checkTerraform). */
export interface StackRun {
  /** The app folder (its cdktf.json). */
  readonly cwd: string;
  /** What cdktf and terraform get. */
  readonly env: NodeJS.ProcessEnv;
  /** The stacks named; empty for all. */
  readonly stacks: readonly string[];
  /** Options passed on to cdktf (e.g. `--var x=1`). */
  readonly cdktfOptions: readonly string[];
  /**
   * Runs on the synthesized stacks in the output folder before any of them
   * deploys or is destroyed (the local cloud points their state elsewhere).
   * @default nothing
   */
  readonly prepare?: (outdir: string) => void;
  /** How this run is named to a synth that waits for it (main-runner.ts's invocation). @default "deploy" or "destroy" */
  readonly command?: string;
}

type Outcome = "deployed" | "destroyed" | "FAILED" | "not run";

/** Where a deploy writes every stack's outputs (DEPLOY_OUTDIR, default cdktf.out). */
export function outputsFile(env: NodeJS.ProcessEnv): string {
  return path.join(outdirOf(env), OUTPUTS_NAME);
}

/**
 * The environment with prompts off: cdktf runs terraform on a pseudo-terminal,
 * so terraform prompts for a required variable without a value even with stdin
 * closed; TF_INPUT=0 makes it fail instead.
 */
export function withoutPrompts(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return { ...env, TF_INPUT: "0" };
}

/** The options after the user's, with --skip-provider-lock (once) when DEPLOY_SKIP_PROVIDER_LOCK=1. */
export function extraArgs(options: readonly string[], env: NodeJS.ProcessEnv): string[] {
  return env.DEPLOY_SKIP_PROVIDER_LOCK === "1" && !options.includes(SKIP_PROVIDER_LOCK) ? [SKIP_PROVIDER_LOCK, ...options] : [...options];
}

/** The cdktf arguments that run one already-synthesized stack. */
export function stackArgs(command: "deploy" | "destroy", stack: string, outdir: string, options: readonly string[], colour: boolean): string[] {
  return [
    command,
    stack,
    "--output",
    outdir,
    "--skip-synth",
    "--auto-approve",
    // The order is kept here, one stack per run.
    "--ignore-missing-stack-dependencies",
    ...(colour ? [] : ["--no-color"]),
    ...options,
  ];
}

/** The warning a CI job gets when state would stay on its runner; null when there is nothing to say. */
export function localStateWarning(stacks: readonly Pick<SynthesizedStack, "name" | "localState">[], env: NodeJS.ProcessEnv): string | null {
  const local = stacks.filter((s) => s.localState).map((s) => s.name);
  if (!env.CI || env.CI === "false" || local.length === 0) return null;
  return (
    `Warning: ${local.length === 1 ? "stack" : "stacks"} ${local.join(", ")} keep${local.length === 1 ? "s" : ""} Terraform state in a local file, ` +
    "and this CI runner loses it when the job ends: the next deploy would not know what exists. " +
    "Keep state in a remote backend (OssState, see docs/pipelines.md)."
  );
}

/** Synth, then deploy the stacks in dependency order; resolves to the exit status. */
export async function deployStacks(run: StackRun): Promise<number> {
  return runStacks("deploy", run);
}

/** Synth, then destroy the stacks in reverse dependency order; resolves to the exit status. */
export async function destroyStacks(run: StackRun): Promise<number> {
  return runStacks("destroy", run);
}

/**
 * Holds the output folder's lock (common/outdir-lock.ts) from the synth to the
 * last stack, so that no other synth (a plain `cdktf synth`) swaps the folder
 * while terraform runs in it; this run's own synth publishes under it.
 */
async function runStacks(command: "deploy" | "destroy", run: StackRun): Promise<number> {
  const outdir = synthOutdir(run.cwd, run.env);
  fs.mkdirSync(path.dirname(outdir), { recursive: true });
  const wait = OUTDIR_WAIT_SECONDS;
  return withPidLockAsync(outdirLockFile(outdir), (mine) => runStacksHolding(command, { ...run, env: { ...run.env, [OUTDIR_LOCK_ENV]: mine.nonce } }), {
    command: run.command ?? command,
    waitMs: wait * 1000,
    // A synth holds it for a moment only: a wait worth saying lasts a second.
    noticeAfterMs: 1000,
    onWait: () => process.stderr.write(`Waiting for a synth to finish publishing ${outdir} before the ${command} runs in it (${outdirLockFile(outdir)}).\n`),
    timedOut: () => new CommandError(`Gave up after ${wait} s waiting for ${outdirLockFile(outdir)}: if no synth is running, remove it.`, 1),
    garbled: (file) => new CommandError(garbledLockMessage(file), 1),
  });
}

async function runStacksHolding(command: "deploy" | "destroy", run: StackRun): Promise<number> {
  const env = withoutPrompts(run.env);
  const synthStatus = await synth(run.cwd, env);
  if (synthStatus !== 0) return synthStatus;
  const outdir = outdirOf(env);
  const stacks = selectStacks(synthesizedStacks(path.resolve(run.cwd, outdir)), run.stacks, command);
  const outputs = path.resolve(run.cwd, outputsFile(env));
  if (command === "deploy") {
    const localState = localStateWarning(stacks, env);
    if (localState) process.stderr.write(`${localState}\n`);
    // Synth keeps an earlier deploy's outputs.json: this run's must not be mistaken for it.
    fs.rmSync(outputs, { force: true });
  }
  run.prepare?.(path.resolve(run.cwd, outdir));
  // Local state holds every secret of its stack: 600, whether it exists already or terraform writes it now.
  protectLocalState(path.resolve(run.cwd, outdir));
  const colour = colourWanted(env, Boolean(process.stdout.isTTY));
  const options = extraArgs(run.cdktfOptions, env);
  const perStack = fs.mkdtempSync(path.join(os.tmpdir(), "cdktf-outputs-"));
  const outcomes: [string, Outcome][] = [];
  try {
    for (const [i, stack] of stacks.entries()) {
      if (outcomes.some(([, outcome]) => outcome === "FAILED")) {
        outcomes.push([stack.name, "not run"]);
        continue;
      }
      process.stdout.write(`\n${command === "deploy" ? "Deploying" : "Destroying"} stack ${stack.name} (${i + 1} of ${stacks.length})\n`);
      const stackOutputs = path.join(perStack, `${i}.json`);
      const stackOptions = command === "deploy" ? ["--outputs-file", stackOutputs, ...options] : options;
      const status = await withPrivateFiles(() =>
        runCdktf(stackArgs(command, stack.name, outdir, stackOptions, colour), { cwd: run.cwd, env, stack: stack.name, outputsFile: stackOutputs }),
      );
      outcomes.push([stack.name, status === 0 ? (command === "deploy" ? "deployed" : "destroyed") : "FAILED"]);
    }
    const failed = outcomes.some(([, outcome]) => outcome === "FAILED");
    process.stdout.write(summary(command, outcomes));
    if (failed) return 1;
    if (command === "destroy") {
      fs.rmSync(outputs, { force: true });
      return 0;
    }
    return writeOutputs(perStack, stacks.length, outputs);
  } finally {
    fs.rmSync(perStack, { recursive: true, force: true });
  }
}

/** Joins the stacks' outputs files into one, as one cdktf run over all of them writes it: `{ "<stack>": {...}, ... }`. */
function writeOutputs(perStack: string, count: number, outputs: string): number {
  const joined: Record<string, unknown> = {};
  for (let i = 0; i < count; i++) {
    const file = path.join(perStack, `${i}.json`);
    if (!fs.existsSync(file)) {
      process.stderr.write(`cdktf deploy wrote no outputs file: ${outputs} was not written.\n`);
      return 1;
    }
    Object.assign(joined, JSON.parse(fs.readFileSync(file, "utf8")));
  }
  fs.writeFileSync(outputs, `${JSON.stringify(joined, null, 2)}\n`);
  process.stdout.write(`Every stack's outputs: ${outputs}\n`);
  return 0;
}

/** One line per stack, with its outcome; a failure stops the stacks after it. */
function summary(command: "deploy" | "destroy", outcomes: readonly [string, Outcome][]): string {
  const width = Math.max(...outcomes.map(([name]) => name.length));
  const failedAt = outcomes.find(([, outcome]) => outcome === "FAILED")?.[0];
  const lines = outcomes.map(([name, outcome]) => `  ${name.padEnd(width)}  ${outcome === "not run" ? `not run (stopped after ${failedAt} failed)` : outcome}`);
  return `\n${command === "deploy" ? "Deploy" : "Destroy"} summary:\n${lines.join("\n")}\n`;
}
