/**
 * The emulated Alibaba Cloud account: one JSON file that every provider
 * process (and the local-cloud CLI) reads and writes. Terraform runs several
 * provider processes at once, so each change happens under a lock (a lock
 * file naming the holder's pid and a random token; taken over only from a
 * dead process, released only by its holder) and is written atomically (a temporary file,
 * then rename): a reader sees the old account or the new one, never half.
 */
import * as crypto from "crypto";
import * as fs from "fs";
import * as path from "path";
import { Account, emptyAccount } from "./account";
import { readBoundedText } from "./bounded-read";
import { EmulatorConfigError } from "./config-error";
import { LOCAL_CLOUD_DIR } from "./paths";

/** An account file holds records and a call log: far below this, which only stops a device or a wrong file. */
const MAX_ACCOUNT_BYTES = 256 * 1024 * 1024;

/** Where the account lives: SLB_EMULATOR_STATE, else .local-cloud/account.json in the project. */
export function accountPath(env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(env.SLB_EMULATOR_STATE || path.join(LOCAL_CLOUD_DIR, "account.json"));
}

/** How long a waiter waits for a live holder before giving up. */
const LOCK_TIMEOUT_MS = 60_000;

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** A lock file's content: the holder's pid and a random token that tells holders (and reuses of one pid) apart. */
interface Holder {
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

function acquire(lockFile: string): Holder {
  const me = newHolder();
  const started = Date.now();
  while (!claim(lockFile, me)) {
    if (Date.now() - started > LOCK_TIMEOUT_MS) {
      const holder = readHolder(lockFile);
      throw new Error(`timed out waiting for the lock ${lockFile}, held by process ${holder?.pid ?? "?"}; if no such process runs, delete the file`);
    }
    sleep(5);
  }
  return me;
}

/** Removes the lock only if it is still ours: a lock of another holder is never deleted. */
function release(lockFile: string, me: Holder): void {
  if (readHolder(lockFile)?.text === me.text) fs.rmSync(lockFile, { force: true });
}

/** The account in `file` (a new, empty one when there is no file); throws EmulatorConfigError when the file is not an account. */
export function readAccount(file: string = accountPath()): Account {
  const what = `The emulated account file ${JSON.stringify(file)} (SLB_EMULATOR_STATE)`;
  const text = readBoundedText(file, what, MAX_ACCOUNT_BYTES);
  if (text === undefined) return emptyAccount();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new EmulatorConfigError(
      `${what} is not JSON (${(error as Error).message}): point SLB_EMULATOR_STATE at an account file, or at a path where none exists yet.`,
    );
  }
  const wrong = accountShapeProblem(parsed);
  if (wrong) throw new EmulatorConfigError(`${what} ${wrong}: point SLB_EMULATOR_STATE at an account file, or at a path where none exists yet.`);
  return parsed as Account;
}

const LISTS = ["caCertificates", "serverCertificates", "loadBalancers", "listeners", "calls"] as const;

function accountShapeProblem(parsed: unknown): string | undefined {
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed))
    return `holds ${parsed === null ? "null" : Array.isArray(parsed) ? "an array" : `a ${typeof parsed}`}, not an account object`;
  const account = parsed as Record<string, unknown>;
  if (typeof account.accountId !== "string") return "has no accountId (a string)";
  const missing = LISTS.filter((name) => !Array.isArray(account[name]));
  if (missing.length > 0) return `has no ${missing.join(", ")} list${missing.length === 1 ? "" : "s"}`;
  if (account.faults === null || typeof account.faults !== "object" || Array.isArray(account.faults)) return "has no faults object";
  return undefined;
}

function writeAccount(file: string, account: Account): void {
  const temp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temp, JSON.stringify(account, null, 2) + "\n");
  fs.renameSync(temp, file);
}

/** Runs `change` on the account under the lock and saves what it leaves, even when it throws. */
export function withAccount<T>(change: (account: Account) => T, file: string = accountPath()): T {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const lockFile = `${file}.lock`;
  const me = acquire(lockFile);
  try {
    const account = readAccount(file);
    try {
      return change(account);
    } finally {
      writeAccount(file, account);
    }
  } finally {
    release(lockFile, me);
  }
}
