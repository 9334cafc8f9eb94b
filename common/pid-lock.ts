/**
 * An exclusive lock file between processes, owned by a process id: the holder
 * writes who it is into the file, a waiter polls until the file is gone or
 * `waitMs` has passed, and a lock whose owner is a process of this host that
 * no longer runs (killed while holding it, or its pid now another process's:
 * the start time recorded beside the pid tells them apart) is taken over.
 * Taken synchronously (withPidLock: AtomicApp's publish, the emulator's
 * account) or asynchronously (withPidLockAsync: the CLIs' app lock, which
 * waits for minutes without blocking its child processes' output). One of another host
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
 * touched, however long it is held. A lock file names no owner only for the
 * moment between its creation and the write of its owner, or for good when
 * its creator was killed in that moment (or something else wrote it): it is
 * never judged, and the caller's `garbled` error, thrown once it has named no
 * owner for GARBLED_GRACE_MS, ends the wait then rather than at `waitMs`.
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
  /**
   * The owner's start time as the OS records it (Linux: /proc/<pid>/stat):
   * a running process with the owner's pid but another start time is not the owner.
   * @default not recorded (another OS): the pid alone decides
   */
  readonly started?: string;
  /** What the owner runs, as the user typed it (e.g. `slb-ca deploy`). @default not recorded */
  readonly command?: string;
}

/** How long to wait for a lock that another process holds, and what to say meanwhile. */
export interface PidLockOptions {
  /** How long to wait for a live holder, in milliseconds. */
  readonly waitMs: number;
  /**
   * Called when the lock has been found held for `noticeAfterMs`, and again
   * whenever another holder has it; `holder` is undefined when the lock file
   * cannot be read as a holder.
   * @default nothing is said
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
  /**
   * The error thrown when the lock file has named no owner (empty or garbled)
   * for GARBLED_GRACE_MS: it should say which file to remove.
   * @default such a lock is waited for like any other, up to `waitMs`
   */
  readonly garbled?: (lockFile: string) => Error;
  /** Called after a dead owner's lock was taken over. @default nothing is said */
  readonly onTakeover?: (holder: LockHolder) => void;
  /** Written into the lock, for waiters to name this run. @default none */
  readonly command?: string;
  /**
   * The nonce of a lock this process works under already (its parent took it
   * and passed the nonce down): when the lock names it, `work` runs without
   * taking the lock again.
   * @default none
   */
  readonly heldBy?: string;
}

const POLL_MS = 100;
/** How long a lock file may name no owner before `garbled` is thrown: far longer than any writer of it takes. */
export const GARBLED_GRACE_MS = 2000;

/** Whether a process on this host is alive (EPERM: alive, someone else's). */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** A process's start time, in clock ticks since boot (field 22 of /proc/<pid>/stat); undefined where there is no /proc. */
export function startTimeOf(pid: number): string | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name, in parentheses, may hold spaces: the fields after it start with the third, the state.
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[22 - 3];
  } catch {
    return undefined;
  }
}

let ownStartTime: string | undefined | null = null;
function ownStart(): string | undefined {
  if (ownStartTime === null) ownStartTime = startTimeOf(process.pid);
  return ownStartTime;
}

/** Runs `work` holding the lock `lockFile`, waiting for another holder as `options` say; releases it afterwards, even when `work` throws. */
export function withPidLock<T>(lockFile: string, work: (mine: LockHolder) => T, options: PidLockOptions): T {
  const held = heldAlready(lockFile, options);
  if (held) return work(held);
  const waiter = new Waiter(lockFile, options);
  for (let pause = waiter.attempt(); pause !== undefined; pause = waiter.attempt()) sleepSync(pause);
  try {
    return work(waiter.mine);
  } finally {
    release(lockFile, waiter.mine);
  }
}

/** withPidLock for asynchronous work, waiting without blocking the event loop. */
export async function withPidLockAsync<T>(lockFile: string, work: (mine: LockHolder) => Promise<T>, options: PidLockOptions): Promise<T> {
  const held = heldAlready(lockFile, options);
  if (held) return work(held);
  const waiter = new Waiter(lockFile, options);
  for (let pause = waiter.attempt(); pause !== undefined; pause = waiter.attempt()) await new Promise((resolve) => setTimeout(resolve, pause));
  try {
    return await work(waiter.mine);
  } finally {
    release(lockFile, waiter.mine);
  }
}

/** The lock's owner when it is the one `heldBy` names (this process works under it); else undefined. */
function heldAlready(lock: string, options: PidLockOptions): LockHolder | undefined {
  if (!options.heldBy) return undefined;
  const owner = readOwner(lock);
  return typeof owner === "object" && owner.nonce === options.heldBy ? owner : undefined;
}

/** What a waiter says of a lock file that names no owner: every caller's `garbled` error says this. */
export function garbledLockMessage(file: string): string {
  return `${file} is empty or garbled, so it names no synth or deploy to wait for: if none is running, remove ${file} and run again.`;
}

/** One process's wait for a lock: each attempt either takes it (undefined) or says how long to pause, or throws. */
class Waiter {
  public readonly mine: LockHolder;
  private readonly started = Date.now();
  private toldAbout: string | null = null;
  private garbledSince: number | undefined;

  constructor(
    private readonly lock: string,
    private readonly options: PidLockOptions,
  ) {
    const started = ownStart();
    this.mine = {
      pid: process.pid,
      hostname: os.hostname(),
      nonce: randomUUID(),
      since: new Date().toISOString(),
      ...(started === undefined ? {} : { started }),
      ...(options.command === undefined ? {} : { command: options.command }),
    };
  }

  /** Tries to take the lock: undefined when taken, else the pause before the next try; throws the caller's error when the wait is over. */
  attempt(): number | undefined {
    if (claim(this.lock, this.mine, this.options.onTakeover)) return undefined;
    const owner = readOwner(this.lock);
    if (owner === "missing") return 0;
    const holder = holderOf(owner);
    const now = Date.now();
    if (holder === undefined && this.options.garbled) {
      this.garbledSince ??= now;
      if (now - this.garbledSince >= GARBLED_GRACE_MS) throw this.options.garbled(this.lock);
    } else {
      this.garbledSince = undefined;
    }
    if (now - this.started >= this.options.waitMs) throw this.options.timedOut(holder);
    const who = holder?.nonce ?? "";
    if (this.toldAbout !== who && now - this.started >= (this.options.noticeAfterMs ?? 0)) {
      this.options.onWait?.(holder);
      this.toldAbout = who;
    }
    return this.options.pollMs ?? POLL_MS;
  }
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
function claim(lock: string, mine: LockHolder, onTakeover?: (holder: LockHolder) => void): boolean {
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
    const taken = tryCreate(lock, mine);
    if (taken) onTakeover?.(owner);
    return taken;
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

/** The lock's owner; "unreadable" while its owner is still writing it, or when it holds no owner (empty or garbled). */
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

/**
 * Stale: its owner is a process of this host that no longer runs, or whose
 * pid another process has now (another start time), or this very process,
 * which holds no lock now (a reused pid).
 */
function isStale(owner: LockHolder): boolean {
  if (owner.hostname !== os.hostname()) return false;
  if (owner.pid === process.pid || !isRunning(owner.pid)) return true;
  const started = owner.started === undefined ? undefined : startTimeOf(owner.pid);
  return started !== undefined && started !== owner.started;
}

/** Deletes the lock if it is still this owner's (it always should be). */
function release(lock: string, mine: LockHolder): void {
  const owner = readOwner(lock);
  if (owner !== "missing" && owner !== "unreadable" && owner.nonce === mine.nonce) fs.rmSync(lock, { force: true });
}

function sleepSync(ms: number): void {
  if (ms > 0) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}
