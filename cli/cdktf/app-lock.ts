/**
 * One synth, deploy or destroy at a time per app folder. Two at once would
 * share cdktf.out and the local state files: a second synth swaps cdktf.out
 * while the first one's terraform runs inside it (terraform then fails with
 * `fork/exec .terraform/providers/...: no such file or directory`, naming
 * nothing), and two applies of one stack race for its state.
 *
 * The lock is a file in the app folder, a common/pid-lock.ts lock naming its
 * holder: the command, pid, host and start time. A second run says at once
 * that it waits and for whom, then fails with one line after
 * DEPLOY_LOCK_WAIT_SECONDS (default 600). A lock is taken over only when its
 * holder is a process of this host that no longer runs; an empty or garbled
 * one ends the wait after a moment, naming the file to remove.
 */
import * as path from "path";
import { garbledLockMessage, LockHolder, withPidLockAsync } from "../../common/pid-lock";
import { CommandError } from "./command-error";

/** The lock's file name, in the app folder. */
export const APP_LOCK_FILE = ".cdktf-deploy.lock";
const DEFAULT_WAIT_SECONDS = 600;
const POLL_MS = 250;

export interface AppLockOptions {
  /** Where messages go. @default process.stderr */
  readonly log?: (line: string) => void;
  /** Read for DEPLOY_LOCK_WAIT_SECONDS. @default process.env */
  readonly env?: NodeJS.ProcessEnv;
}

/** Runs `work` holding the app folder's lock; `command` names this run to anyone who waits for it. */
export async function withAppLock<T>(appDir: string, command: string, work: () => Promise<T>, options: AppLockOptions = {}): Promise<T> {
  const lock = path.join(appDir, APP_LOCK_FILE);
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const wait = waitSeconds(options.env ?? process.env);
  const who = (holder: LockHolder | undefined) => (holder === undefined ? `a holder not recorded in ${lock}` : describe(holder));
  return withPidLockAsync(lock, () => work(), {
    command,
    waitMs: wait * 1000,
    pollMs: POLL_MS,
    onWait: (holder) =>
      log(
        `Waiting for ${who(holder)} to finish: one synth, deploy or destroy at a time runs in this app folder (${lock}); giving up after ${wait} s (DEPLOY_LOCK_WAIT_SECONDS).`,
      ),
    onTakeover: (holder) => log(`Took over ${lock}: its holder, ${describe(holder)}, no longer runs.`),
    timedOut: (holder) =>
      new CommandError(
        `Gave up after ${wait} s: ${who(holder)} still holds ${lock}. Run one synth, deploy or destroy at a time per app folder; if none is running, remove ${lock}.`,
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
