/**
 * An exclusive lock file between processes, owned by a process id: the holder
 * writes who it is into the file, a waiter polls until the file is gone or
 * `waitMs` has passed, and a lock whose owner is a process of this host that
 * no longer runs (killed while holding it) is taken over. One of another host
 * or PID namespace is never judged from here: its pid means nothing on this
 * one. Neutral: no caller's words in it; the caller says what waiting and
 * giving up mean.
 *
 * The lock is only ever made by an exclusive create (O_EXCL), so at most one
 * process holds it. A dead owner's lock is deleted by exactly one waiter: the
 * one that first creates `<lock>.takeover-<dead owner's nonce>` (a lock of the
 * same kind, so a dead claimant is replaced in turn); while it holds that
 * claim nobody else can delete the lock (its owner is dead, other takers lack
 * the claim), so it re-reads the lock, deletes it only if the dead owner is
 * still there, and then creates its own like anyone (another waiter may win
 * that race: it then holds the lock rightfully). A live owner's lock is never
 * touched, however long it is held. A lock file that names no owner (its
 * creator was killed between creating and writing it) is never judged: the
 * waiter gives up after `waitMs` with the caller's error.
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
  /**
   * Called once, when the lock has been found held for `noticeAfterMs`; `holder`
   * is undefined when the lock file cannot be read as a holder.
   */
  readonly onWait?: (holder: LockHolder | undefined) => void;
  /**
   * How long a wait lasts before onWait is told, in milliseconds: a lock held
   * for a few milliseconds at a time need not be announced at every turn.
   * @default 0
   */
  readonly noticeAfterMs?: number;
  /**
   * How often a waiter tries again, in milliseconds.
   * @default 100
   */
  readonly pollMs?: number;
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
  const started = Date.now();
  let told = false;
  while (!claim(lock, mine)) {
    const waited = Date.now() - started;
    if (waited >= options.waitMs) throw options.timedOut(holderOf(readOwner(lock)));
    if (!told && waited >= (options.noticeAfterMs ?? 0)) {
      options.onWait?.(holderOf(readOwner(lock)));
      told = true;
    }
    sleepSync(options.pollMs ?? POLL_MS);
  }
  return mine;
}

function holderOf(owner: LockHolder | "missing" | "unreadable"): LockHolder | undefined {
  return typeof owner === "object" ? owner : undefined;
}

/**
 * Makes `lock` record `mine` when it is absent or its owner is stale; true
 * when it does. The lock is only ever made by an exclusive create, so at most
 * one process holds it; a stale owner's lock is deleted only under the
 * takeover claim (see the top of this file).
 */
function claim(lock: string, mine: LockHolder): boolean {
  if (tryCreate(lock, mine)) return true;
  const owner = readOwner(lock);
  if (typeof owner !== "object" || !isStale(owner)) return false;
  const takeover = `${lock}.takeover-${owner.nonce.replace(/[^A-Za-z0-9-]/g, "_")}`;
  if (!claim(takeover, mine)) return false;
  try {
    // Still the stale owner (not replaced by an earlier taker): only a claimant may delete it, and we are the one.
    const now = readOwner(lock);
    if (typeof now !== "object" || now.nonce !== owner.nonce) return false;
    fs.rmSync(lock, { force: true });
    return tryCreate(lock, mine);
  } finally {
    release(takeover, mine);
  }
}

/** Creates the lock atomically (O_EXCL) with `owner` in it; false when it exists already. */
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

/** The lock's owner; "unreadable" while its owner is still writing it, or when it holds no owner (a crash left it empty). */
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

/** Deletes the lock if it is still this owner's (it always should be). */
function release(lock: string, mine: LockHolder): void {
  const owner = readOwner(lock);
  if (owner !== "missing" && owner !== "unreadable" && owner.nonce === mine.nonce) fs.rmSync(lock, { force: true });
}

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}
