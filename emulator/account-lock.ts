/**
 * The account's lock: a lock file naming the holder's pid and a random token;
 * taken over only from a dead process, released only by its holder. Terraform
 * runs several provider processes at once, and the local-cloud CLI may run
 * beside them: each change of the account happens under this lock.
 *
 * A wait says so when it starts (after a short grace that ordinary turns never
 * reach), on stderr: a provider's stderr is Terraform's log of it (shown with
 * TF_LOG=WARN or TF_LOG_PROVIDER=WARN), the CLI's is the terminal.
 */
import * as crypto from "crypto";
import * as fs from "fs";
import { printable } from "./printable";

/** How long a waiter waits for a live holder before giving up. */
const LOCK_TIMEOUT_MS = 60_000;

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** A lock file's content: the holder's pid and a random token that tells holders (and reuses of one pid) apart. */
export interface Holder {
  readonly pid: number;
  readonly token: string;
  readonly text: string;
}

function newHolder(): Holder {
  const token = crypto.randomBytes(12).toString("hex");
  return { pid: process.pid, token, text: `${process.pid} ${token}\n` };
}

/** The holder recorded in `file`, or undefined when there is no such file (released meanwhile). */
function readHolder(file: string): Holder | undefined {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
  const [pid, token] = text.trim().split(/\s+/);
  // A lock written before tokens existed holds only a pid.
  return { pid: Number(pid), token: /^[0-9a-f]+$/.test(token ?? "") ? token : `pid${Number(pid) || 0}`, text };
}

/** False only when the pid surely belongs to no process (ESRCH); EPERM means it runs as another user. */
function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return true; // unreadable: never taken over, the waiter times out with the file's name
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== "ESRCH";
  }
}

/** A file of our own with the holder's text beside `file`, for link() or rename(): the lock never exists half-written. */
function writeOwn(file: string, me: Holder): string {
  const own = `${file}.${me.token}.tmp`;
  fs.writeFileSync(own, me.text);
  return own;
}

/**
 * Makes `file` record `me` when it is absent or its holder's process is dead; true when it does.
 * Creation is link() of a file of our own (fails when `file` exists). A dead holder is replaced
 * only by the one waiter that first creates `<file>.takeover-<its token>` (the same claim, so a
 * dead claimant is replaced in turn); that waiter re-reads `file` and renames its own file over
 * it only if the dead holder is still there. While it holds the takeover claim nobody else can
 * change `file` (the holder is dead, creation fails, other takers lack the claim), so the re-check
 * and the rename cannot be overtaken. A live holder is never replaced, however long it takes.
 */
function claim(file: string, me: Holder): boolean {
  const own = writeOwn(file, me);
  try {
    try {
      fs.linkSync(own, file);
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    const holder = readHolder(file);
    if (!holder || isAlive(holder.pid)) return false;
    const takeover = `${file}.takeover-${holder.token}`;
    if (!claim(takeover, me)) return false;
    try {
      if (readHolder(file)?.text !== holder.text) return false; // replaced already by an earlier taker
      fs.renameSync(own, file);
      return true;
    } finally {
      fs.rmSync(takeover, { force: true });
    }
  } finally {
    fs.rmSync(own, { force: true });
  }
}

/** A wait longer than this is announced: turns of ordinary traffic last a few milliseconds. */
const ANNOUNCE_AFTER_MS = 200;

/** Says why a call waits, once per wait; the default writes one line to stderr. */
export type WaitNotice = (line: string) => void;

const toStderr: WaitNotice = (line) => process.stderr.write(`${line}\n`);

/**
 * Takes the lock in `lockFile`, waiting for a live holder up to 60 s; `what`
 * names the locked thing in the notice and the timeout's message.
 */
export function acquire(lockFile: string, what: string, notice: WaitNotice = toStderr): Holder {
  const me = newHolder();
  const started = Date.now();
  let announced = false;
  while (!claim(lockFile, me)) {
    const waited = Date.now() - started;
    if (waited > LOCK_TIMEOUT_MS) {
      throw new Error(
        `timed out after ${LOCK_TIMEOUT_MS / 1000} s waiting for the lock of ${what} (${lockFile}), held by ${holderDescription(readHolder(lockFile))}; if no such process runs, delete the lock file`,
      );
    }
    if (!announced && waited >= ANNOUNCE_AFTER_MS) {
      announced = true;
      notice(
        `[WARN] waiting for the lock of ${what} (${lockFile}), held by ${holderDescription(readHolder(lockFile))}: going on when it lets go, giving up after ${LOCK_TIMEOUT_MS / 1000} s`,
      );
    }
    sleep(5);
  }
  return me;
}

/** "process 123 (node main.js)": the command from /proc where it can be read, control characters shown escaped. */
export function holderDescription(holder: Holder | undefined): string {
  if (!holder) return "a process that has just let go";
  let command = "";
  try {
    command = fs.readFileSync(`/proc/${holder.pid}/cmdline`, "utf8").split("\0").filter(Boolean).join(" ");
  } catch {
    // not Linux, or gone: the pid alone
  }
  const shown = command.length > 120 ? `${command.slice(0, 117)}...` : command;
  return `process ${holder.pid}${shown ? ` (${printable(shown)})` : ""}`;
}

/** Removes the lock only if it is still ours: a lock of another holder is never deleted. */
export function release(lockFile: string, me: Holder): void {
  if (readHolder(lockFile)?.text === me.text) fs.rmSync(lockFile, { force: true });
}
