/**
 * An exclusive lock file between processes, owned by a process id: the holder
 * writes who it is into the file (created with O_EXCL, so only one can), a
 * waiter polls until the file is gone or `waitMs` has passed, and a lock whose
 * owner is a process of this host that no longer runs (killed while holding
 * it) is taken over. One of another host or PID namespace is never judged from
 * here: its pid means nothing on this one. Neutral: no caller's words in it;
 * the caller says what waiting and giving up mean.
 */
import { randomUUID } from "crypto";
import * as fs from "fs";
import * as os from "os";

/** Who holds a lock: written into the lock file by its owner. */
export interface LockHolder {
  readonly pid: number;
  readonly hostname: string;
  /** Tells this owner from a later process that got the same pid. */
  readonly nonce: string;
  /** When it took the lock, ISO 8601. */
  readonly since: string;
}

/** How long to wait for a lock that another process holds, and what to say meanwhile. */
export interface PidLockOptions {
  /** How long to wait for a live holder, in milliseconds. */
  readonly waitMs: number;
  /** Called once, when the lock is found held and waiting starts; `holder` is undefined while its owner is still writing it. */
  readonly onWait?: (holder: LockHolder | undefined) => void;
  /** The error thrown when `waitMs` has passed. */
  readonly timedOut: (holder: LockHolder | undefined) => Error;
}

const POLL_MS = 100;

/** Whether a process on this host is alive (EPERM: alive, someone else's). */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Runs `work` holding the lock `lockFile`, waiting for another holder as `options` say; releases it afterwards, even when `work` throws. */
export function withPidLock<T>(lockFile: string, work: () => T, options: PidLockOptions): T {
  const mine = acquire(lockFile, options);
  try {
    return work();
  } finally {
    release(lockFile, mine);
  }
}

function acquire(lock: string, options: PidLockOptions): LockHolder {
  const mine: LockHolder = { pid: process.pid, hostname: os.hostname(), nonce: randomUUID(), since: new Date().toISOString() };
  const deadline = Date.now() + options.waitMs;
  let told = false;
  for (;;) {
    if (tryCreate(lock, mine)) return mine;
    const owner = readOwner(lock);
    if (owner === "missing") continue;
    if (owner !== "unreadable" && isStale(owner)) {
      removeStale(lock, owner);
      continue;
    }
    const holder = owner === "unreadable" ? undefined : owner;
    if (Date.now() >= deadline) throw options.timedOut(holder);
    if (!told) {
      options.onWait?.(holder);
      told = true;
    }
    sleepSync(POLL_MS);
  }
}

/** Creates the lock atomically (O_EXCL); false when it exists already. */
function tryCreate(lock: string, owner: LockHolder): boolean {
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
function readOwner(lock: string): LockHolder | "missing" | "unreadable" {
  let text: string;
  try {
    text = fs.readFileSync(lock, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return "missing";
    throw error;
  }
  try {
    const owner = JSON.parse(text) as LockHolder;
    const valid = Number.isInteger(owner.pid) && typeof owner.hostname === "string" && typeof owner.nonce === "string";
    return valid ? owner : "unreadable";
  } catch {
    return "unreadable";
  }
}

/** Stale: its owner is a process of this host that no longer runs (or this very process, which holds no lock now: a reused pid). */
function isStale(owner: LockHolder): boolean {
  return owner.hostname === os.hostname() && (owner.pid === process.pid || !isRunning(owner.pid));
}

/**
 * Removes a stale lock, and only that one: it is renamed aside first, and
 * deleted only if it is still the owner judged stale. Another process may have
 * taken it over (and made its own) in between: that lock is put back.
 */
function removeStale(lock: string, stale: LockHolder): void {
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
    // A third process made a lock meanwhile: leave this one aside rather than delete a live owner's lock.
  }
}

/** Deletes the lock if it is still this owner's (it always should be). */
function release(lock: string, mine: LockHolder): void {
  const owner = readOwner(lock);
  if (owner !== "missing" && owner !== "unreadable" && owner.nonce === mine.nonce) fs.rmSync(lock, { force: true });
}

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}
