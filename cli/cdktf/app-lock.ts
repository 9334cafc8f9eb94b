/**
 * One synth, deploy or destroy at a time per app folder. Two at once would
 * share cdktf.out and the local state files: a second synth swaps cdktf.out
 * while the first one's terraform runs inside it (terraform then fails with
 * `fork/exec .terraform/providers/...: no such file or directory`, naming
 * nothing), and two applies of one stack race for its state.
 *
 * The lock is a file in the app folder, created atomically (a hard link of a
 * complete file, so it is never seen half-written) and naming its holder: the
 * command, pid, host and start time. A second run says at once that it waits
 * and for whom, then fails with one line after DEPLOY_LOCK_WAIT_SECONDS
 * (default 600). A lock is taken over only when its holder is a process of
 * this host that no longer runs.
 */
import { randomUUID } from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { CommandError } from "./command-error";

/** The lock's file name, in the app folder. */
export const APP_LOCK_FILE = ".cdktf-deploy.lock";
const DEFAULT_WAIT_SECONDS = 600;
const POLL_MS = 250;

/** Who holds the lock: written into it by the holder. */
export interface LockHolder {
  /** What runs, as the user typed it (e.g. `npm run deploy:local`). */
  readonly command: string;
  readonly pid: number;
  readonly hostname: string;
  readonly since: string;
  /** Tells this holder from a later process with the same pid. */
  readonly nonce: string;
}

export interface AppLockOptions {
  /** Where messages go. @default process.stderr */
  readonly log?: (line: string) => void;
  /** Read for DEPLOY_LOCK_WAIT_SECONDS. @default process.env */
  readonly env?: NodeJS.ProcessEnv;
}

/** Runs `work` holding the app folder's lock; `command` names this run to anyone who waits for it. */
export async function withAppLock<T>(appDir: string, command: string, work: () => Promise<T>, options: AppLockOptions = {}): Promise<T> {
  const lock = path.join(appDir, APP_LOCK_FILE);
  const mine = await acquire(lock, command, options);
  try {
    return await work();
  } finally {
    release(lock, mine);
  }
}

async function acquire(lock: string, command: string, options: AppLockOptions): Promise<LockHolder> {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const wait = waitSeconds(options.env ?? process.env);
  const mine: LockHolder = { command, pid: process.pid, hostname: os.hostname(), since: new Date().toISOString(), nonce: randomUUID() };
  const deadline = Date.now() + wait * 1000;
  let toldAbout: string | undefined;
  for (;;) {
    if (tryCreate(lock, mine)) return mine;
    const holder = readHolder(lock);
    if (holder === "missing") continue;
    if (holder !== "unreadable" && isStale(holder)) {
      if (removeStale(lock, holder)) log(`Took over ${lock}: its holder, ${describe(holder)}, no longer runs.`);
      continue;
    }
    const who = holder === "unreadable" ? `a holder not recorded in ${lock}` : describe(holder);
    if (Date.now() >= deadline) {
      throw new CommandError(
        `Gave up after ${wait} s: ${who} still holds ${lock}. Run one synth, deploy or destroy at a time per app folder; if none is running, remove ${lock}.`,
        1,
      );
    }
    if (toldAbout !== who) {
      log(
        `Waiting for ${who} to finish: one synth, deploy or destroy at a time runs in this app folder (${lock}); giving up after ${wait} s (DEPLOY_LOCK_WAIT_SECONDS).`,
      );
      toldAbout = who;
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/** Writes the holder to a temporary file, then links it into place: false when the lock exists. */
function tryCreate(lock: string, holder: LockHolder): boolean {
  const temp = `${lock}.${process.pid}.${holder.nonce}.tmp`;
  fs.writeFileSync(temp, `${JSON.stringify(holder)}\n`, { mode: 0o644 });
  try {
    fs.linkSync(temp, lock);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  } finally {
    fs.rmSync(temp, { force: true });
  }
}

function readHolder(lock: string): LockHolder | "missing" | "unreadable" {
  let text: string;
  try {
    text = fs.readFileSync(lock, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return "missing";
    throw error;
  }
  try {
    const holder = JSON.parse(text) as LockHolder;
    const valid = Number.isInteger(holder.pid) && typeof holder.hostname === "string" && typeof holder.nonce === "string";
    return valid ? holder : "unreadable";
  } catch {
    return "unreadable";
  }
}

/** Whether a process of this host runs (EPERM: it does, as another user). */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function isStale(holder: LockHolder): boolean {
  return holder.hostname === os.hostname() && (holder.pid === process.pid || !isRunning(holder.pid));
}

/** Removes the stale lock, and only that one: moved aside, then deleted if it is still the holder judged stale, else put back. */
function removeStale(lock: string, stale: LockHolder): boolean {
  const aside = `${lock}.stale-${process.pid}-${randomUUID()}`;
  try {
    fs.renameSync(lock, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return false;
    throw error;
  }
  const moved = readHolder(aside);
  if (moved !== "missing" && moved !== "unreadable" && moved.nonce === stale.nonce) {
    fs.rmSync(aside, { force: true });
    return true;
  }
  try {
    fs.linkSync(aside, lock);
  } catch {
    // Another run made a lock meanwhile: leave this one aside rather than delete a live holder's lock.
    return false;
  }
  fs.rmSync(aside, { force: true });
  return false;
}

function release(lock: string, mine: LockHolder): void {
  const holder = readHolder(lock);
  if (holder !== "missing" && holder !== "unreadable" && holder.nonce === mine.nonce) fs.rmSync(lock, { force: true });
}

/** The holder, as a waiting run names it. */
export function describe(holder: LockHolder): string {
  return `\`${holder.command}\` (pid ${holder.pid} on ${holder.hostname}, since ${holder.since})`;
}

/** DEPLOY_LOCK_WAIT_SECONDS, a whole number of seconds (0: do not wait); refused in one line when it is anything else. */
function waitSeconds(env: NodeJS.ProcessEnv): number {
  const value = env.DEPLOY_LOCK_WAIT_SECONDS;
  if (value === undefined || value === "") return DEFAULT_WAIT_SECONDS;
  if (!/^\d+$/.test(value)) throw new CommandError(`DEPLOY_LOCK_WAIT_SECONDS is ${JSON.stringify(value)}: give a whole number of seconds (0 or more).`, 2);
  return Number(value);
}
