import * as path from "path";
import { garbledLockMessage, LockHolder, withPidLock } from "../../common/pid-lock";
import { OUTDIR_LOCK_ENV, outdirLockFile } from "../../common/outdir-lock";
import { CaCertificateUserError } from "../errors";

/** How long a synth waits for another synth's publish, or a deploy running in the folder, unless ATOMIC_APP_LOCK_WAIT_SECONDS says otherwise. */
const DEFAULT_WAIT_SECONDS = 600;

/**
 * Runs `work` holding the exclusive lock of `target` (common/outdir-lock.ts),
 * so that two synths into one output directory (two terminals, two CI steps
 * on a shared volume) publish one after the other, never interleaving their
 * renames or recovering each other's half-done swap, and so that a synth
 * waits while a deploy (`slb-ca deploy`, `slb-local-cloud deploy`) runs
 * terraform in it: swapping the folder then would break that terraform. The
 * deploy's own synth publishes under its lock (OUTDIR_LOCK_ENV). A waiting
 * synth says so at once on stderr, and why, up to ATOMIC_APP_LOCK_WAIT_SECONDS
 * (default 600), then fails with a user error naming the holder; an empty or
 * garbled lock file fails it after a moment, naming the file to remove. A
 * lock is taken over only when its owner is a process of this host that is
 * no longer running (killed mid-publish); one of another host or PID
 * namespace is never judged from here.
 */
export function withPublishLock<T>(target: string, work: () => T): T {
  const lock = outdirLockFile(target);
  const wait = waitSeconds();
  return withPidLock(lock, () => work(), {
    waitMs: wait * 1000,
    heldBy: process.env[OUTDIR_LOCK_ENV],
    onWait: (holder) => process.stderr.write(`${waitingLine(holder, target, lock, wait)}\n`),
    timedOut: (holder) => new CaCertificateUserError(gaveUpMessage(holder, target, lock, wait)),
    garbled: (file) => new CaCertificateUserError(garbledLockMessage(file)),
  });
}

/** The one line a waiting synth prints: whom it waits for, and why. A deploy's lock names its command; a synth's does not. */
function waitingLine(holder: LockHolder | undefined, target: string, lock: string, wait: number): string {
  if (holder?.command === undefined) return `Waiting for another synth to finish publishing ${target} (${describe(holder, lock)})...`;
  return (
    `Waiting for \`${holder.command}\` (${describe(holder, lock)}) to finish: it runs terraform in ${target}, which this synth would replace under it ` +
    `(${lock}); giving up after ${wait} s (ATOMIC_APP_LOCK_WAIT_SECONDS).`
  );
}

function gaveUpMessage(holder: LockHolder | undefined, target: string, lock: string, wait: number): string {
  if (holder?.command === undefined) {
    return (
      `Another synth is publishing ${target}: ${describe(holder, lock)} has held ${lock} for over ${wait} s. ` +
      `Run one synth at a time per output directory (or give each its own with \`cdktf synth --output <dir>\`); if no synth is running, remove ${lock}.`
    );
  }
  return (
    `\`${holder.command}\` (${describe(holder, lock)}) still runs terraform in ${target} after ${wait} s: synthesize when it is done ` +
    `(or elsewhere, with \`cdktf synth --output <dir>\`); if it is not running, remove ${lock}.`
  );
}

function describe(holder: LockHolder | undefined, lock: string): string {
  if (holder === undefined) return `an owner not recorded in ${path.basename(lock)}`;
  return `pid ${holder.pid} on ${holder.hostname}, since ${holder.since}`;
}

function waitSeconds(): number {
  const configured = process.env.ATOMIC_APP_LOCK_WAIT_SECONDS ? Number(process.env.ATOMIC_APP_LOCK_WAIT_SECONDS) : NaN;
  return Number.isFinite(configured) && configured >= 0 ? configured : DEFAULT_WAIT_SECONDS;
}
