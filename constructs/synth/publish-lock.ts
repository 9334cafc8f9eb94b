import * as path from "path";
import { LockHolder, withPidLock } from "../../common/pid-lock";
import { CaCertificateUserError } from "../errors";

/** How long a synth waits for another one's publish before it gives up, unless ATOMIC_APP_LOCK_WAIT_SECONDS says otherwise. */
const DEFAULT_WAIT_SECONDS = 120;

/** The lock beside a published directory `<dir>/<name>`: `<dir>/.<name>.lock`. */
function lockFileFor(target: string): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.lock`);
}

/**
 * Runs `work` holding the exclusive lock of `target`'s publishing, so that two
 * synths into one output directory (two terminals, two CI steps on a shared
 * volume) publish one after the other, never interleaving their renames or
 * recovering each other's half-done swap. A second synth waits (saying so once
 * on stderr), up to ATOMIC_APP_LOCK_WAIT_SECONDS (default 120), then fails
 * with a user error naming the holder. A lock is taken over only when its
 * owner is a process of this host that is no longer running (killed mid-publish);
 * one of another host or PID namespace is never judged from here.
 */
export function withPublishLock<T>(target: string, work: () => T): T {
  const lock = lockFileFor(target);
  const wait = waitSeconds();
  return withPidLock(lock, work, {
    waitMs: wait * 1000,
    onWait: (holder) => process.stderr.write(`Waiting for another synth to finish publishing ${target} (${describe(holder, lock)})...\n`),
    timedOut: (holder) =>
      new CaCertificateUserError(
        `Another synth is publishing ${target}: ${describe(holder, lock)} has held ${lock} for over ${wait} s. ` +
          `Run one synth at a time per output directory (or give each its own with \`cdktf synth --output <dir>\`); if no synth is running, remove ${lock}.`,
      ),
  });
}

function describe(holder: LockHolder | undefined, lock: string): string {
  if (holder === undefined) return `an owner not recorded in ${path.basename(lock)}`;
  return `pid ${holder.pid} on ${holder.hostname}, since ${holder.since}`;
}

function waitSeconds(): number {
  const configured = process.env.ATOMIC_APP_LOCK_WAIT_SECONDS ? Number(process.env.ATOMIC_APP_LOCK_WAIT_SECONDS) : NaN;
  return Number.isFinite(configured) && configured >= 0 ? configured : DEFAULT_WAIT_SECONDS;
}
