/**
 * One synth, deploy or destroy at a time per output folder. Two at once into
 * one folder would share it and the state it leads to: a second synth swaps
 * cdktf.out while the first one's terraform runs inside it (terraform then
 * fails with `fork/exec .terraform/providers/...: no such file or directory`,
 * naming nothing), and two applies of one stack race for its state. Runs into
 * different folders share neither (a synth with `--output` elsewhere, or the
 * local cloud's own output beside a real deploy), so they do not wait.
 *
 * The lock is a file beside the output folder (`.cdktf-deploy.lock` in the app
 * folder for cdktf.out), a common/pid-lock.ts lock naming its
 * holder: the command, pid, host and start time. A second run says at once
 * that it waits and for whom, then fails with one line after
 * DEPLOY_LOCK_WAIT_SECONDS (default 600). A lock is taken over only when its
 * holder is a process of this host that no longer runs; an empty or garbled
 * one ends the wait after a moment, naming the file to remove.
 */
import * as fs from "fs";
import * as path from "path";
import { garbledLockMessage, LockHolder, withPidLockAsync } from "../../common/pid-lock";
import { CommandError } from "./command-error";

/** The lock of the output folder `outdir`: `.cdktf-deploy.lock` beside `cdktf.out`, `.<name>-deploy.lock` beside `<name>` (a trailing `.out` dropped). */
export function runLockFile(outdir: string): string {
  return path.join(path.dirname(outdir), `.${path.basename(outdir).replace(/\.out$/, "")}-deploy.lock`);
}
const DEFAULT_WAIT_SECONDS = 600;
const POLL_MS = 250;

export interface RunLockOptions {
  /** Where messages go. @default process.stderr */
  readonly log?: (line: string) => void;
  /** Read for DEPLOY_LOCK_WAIT_SECONDS. @default process.env */
  readonly env?: NodeJS.ProcessEnv;
}

/** Runs `work` holding the lock of the output folder `outdir` (absolute); `command` names this run to anyone who waits for it. */
export async function withRunLock<T>(outdir: string, command: string, work: () => Promise<T>, options: RunLockOptions = {}): Promise<T> {
  const lock = runLockFile(outdir);
  fs.mkdirSync(path.dirname(lock), { recursive: true });
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const wait = waitSeconds(options.env ?? process.env);
  const who = (holder: LockHolder | undefined) => (holder === undefined ? `a holder not recorded in ${lock}` : describe(holder));
  return withPidLockAsync(lock, () => work(), {
    command,
    waitMs: wait * 1000,
    pollMs: POLL_MS,
    onWait: (holder) =>
      log(
        `Waiting for ${who(holder)} to finish: one synth, deploy or destroy at a time writes to ${outdir} (${lock}); giving up after ${wait} s (DEPLOY_LOCK_WAIT_SECONDS).`,
      ),
    onTakeover: (holder) => log(`Took over ${lock}: its holder, ${describe(holder)}, no longer runs.`),
    timedOut: (holder) =>
      new CommandError(
        `Gave up after ${wait} s: ${who(holder)} still holds ${lock}. Run one synth, deploy or destroy at a time per output folder; if none is running, remove ${lock}.`,
        1,
      ),
    garbled: (file) => new CommandError(garbledLockMessage(file), 1),
  });
}

/** The holder, as a waiting run names it. */
export function describe(holder: LockHolder): string {
  return `${holder.command === undefined ? "a run" : `\`${holder.command}\``} (pid ${holder.pid} on ${holder.hostname}, since ${holder.since})`;
}

/** DEPLOY_LOCK_WAIT_SECONDS, a whole number of seconds (0: do not wait); refused in one line when it is anything else. */
function waitSeconds(env: NodeJS.ProcessEnv): number {
  const value = env.DEPLOY_LOCK_WAIT_SECONDS;
  if (value === undefined || value === "") return DEFAULT_WAIT_SECONDS;
  if (!/^\d+$/.test(value)) throw new CommandError(`DEPLOY_LOCK_WAIT_SECONDS is ${JSON.stringify(value)}: give a whole number of seconds (0 or more).`, 2);
  return Number(value);
}
