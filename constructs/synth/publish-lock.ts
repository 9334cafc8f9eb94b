import { randomUUID } from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { CaCertificateUserError } from "../errors";

/** Who holds a publish lock: written into the lock file by its owner. */
interface LockOwner {
  readonly pid: number;
  readonly hostname: string;
  /** Tells this owner from a later process that got the same pid. */
  readonly nonce: string;
  readonly since: string;
}

/** How long a synth waits for another one's publish before it gives up, unless ATOMIC_APP_LOCK_WAIT_SECONDS says otherwise. */
const DEFAULT_WAIT_SECONDS = 120;
const POLL_MS = 100;

/** The lock beside a published directory `<dir>/<name>`: `<dir>/.<name>.lock`. */
function lockFileFor(target: string): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.lock`);
}

/** A host name as it can appear in a file name (and be compared with another written the same way). */
export function hostTag(hostname: string = os.hostname()): string {
  return hostname.replace(/[^A-Za-z0-9.]/g, "_") || "_";
}

/** Whether a process on this host is alive (EPERM: alive, someone else's). */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
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
  const mine = acquire(lock, target);
  try {
    return work();
  } finally {
    release(lock, mine);
  }
}

function acquire(lock: string, target: string): LockOwner {
  const mine: LockOwner = { pid: process.pid, hostname: os.hostname(), nonce: randomUUID(), since: new Date().toISOString() };
  const deadline = Date.now() + waitSeconds() * 1000;
  let told = false;
  for (;;) {
    if (tryCreate(lock, mine)) return mine;
    const owner = readOwner(lock);
    if (owner === "missing") continue;
    if (owner !== "unreadable" && isStale(owner)) {
      removeStale(lock, owner);
      continue;
    }
    if (Date.now() >= deadline) {
      throw new CaCertificateUserError(
        `Another synth is publishing ${target}: ${describe(owner, lock)} has held ${lock} for over ${waitSeconds()} s. ` +
          `Run one synth at a time per output directory (or give each its own with \`cdktf synth --output <dir>\`); if no synth is running, remove ${lock}.`,
      );
    }
    if (!told) {
      process.stderr.write(`Waiting for another synth to finish publishing ${target} (${describe(owner, lock)})...\n`);
      told = true;
    }
    sleepSync(POLL_MS);
  }
}

/** Creates the lock atomically (O_EXCL); false when it exists already. */
function tryCreate(lock: string, owner: LockOwner): boolean {
  let fd: number;
  try {
    fd = fs.openSync(lock, "wx");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  }
  try {
    fs.writeSync(fd, `${JSON.stringify(owner)}\n`);
  } finally {
    fs.closeSync(fd);
  }
  return true;
}

/** The lock's owner; "unreadable" while its owner is still writing it (or a crash left it empty). */
function readOwner(lock: string): LockOwner | "missing" | "unreadable" {
  let text: string;
  try {
    text = fs.readFileSync(lock, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return "missing";
    throw error;
  }
  try {
    const owner = JSON.parse(text) as LockOwner;
    const valid = Number.isInteger(owner.pid) && typeof owner.hostname === "string" && typeof owner.nonce === "string";
    return valid ? owner : "unreadable";
  } catch {
    return "unreadable";
  }
}

/** Stale: its owner is a process of this host that no longer runs (or this very process, which holds no lock now: a reused pid). */
function isStale(owner: LockOwner): boolean {
  return owner.hostname === os.hostname() && (owner.pid === process.pid || !isRunning(owner.pid));
}

/**
 * Removes a stale lock, and only that one: it is renamed aside first, and
 * deleted only if it is still the owner judged stale. Another synth may have
 * taken it over (and made its own) in between: that lock is put back.
 */
function removeStale(lock: string, stale: LockOwner): void {
  const aside = `${lock}.stale-${process.pid}-${randomUUID()}`;
  try {
    fs.renameSync(lock, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return;
    throw error;
  }
  const moved = readOwner(aside);
  if (moved !== "missing" && moved !== "unreadable" && moved.nonce === stale.nonce) {
    fs.rmSync(aside, { force: true });
    return;
  }
  try {
    fs.linkSync(aside, lock);
    fs.rmSync(aside, { force: true });
  } catch {
    // A third synth made a lock meanwhile: leave this one aside rather than delete a live owner's lock.
  }
}

/** Deletes the lock if it is still this owner's (it always should be). */
function release(lock: string, mine: LockOwner): void {
  const owner = readOwner(lock);
  if (owner !== "missing" && owner !== "unreadable" && owner.nonce === mine.nonce) fs.rmSync(lock, { force: true });
}

function describe(owner: LockOwner | "unreadable", lock: string): string {
  if (owner === "unreadable") return `an owner not recorded in ${path.basename(lock)}`;
  return `pid ${owner.pid} on ${owner.hostname}, since ${owner.since}`;
}

function waitSeconds(): number {
  const configured = process.env.ATOMIC_APP_LOCK_WAIT_SECONDS ? Number(process.env.ATOMIC_APP_LOCK_WAIT_SECONDS) : NaN;
  return Number.isFinite(configured) && configured >= 0 ? configured : DEFAULT_WAIT_SECONDS;
}

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}
