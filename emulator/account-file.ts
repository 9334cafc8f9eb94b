/**
 * The emulated Alibaba Cloud account on disk, shared by every provider process
 * (Terraform runs several at once) and the local-cloud CLI.
 *
 * - Each change runs under the account's lock (common/pid-lock.ts, polled
 *   every 5 ms: a turn lasts about a millisecond). A wait says so when it
 *   starts (after 200 ms, which ordinary turns never reach), on stderr: a
 *   provider's stderr is Terraform's log of it (the local environment sets
 *   TF_LOG_PROVIDER=WARN, so it shows), the CLI's is the terminal.
 * - The file is a journal (account-journal.ts): a change appends one line with
 *   the records it changed; a read appends nothing. PEMs are written when their
 *   record is, not on every call.
 * - The call log is a file of its own, appended (call-log.ts), never loaded by
 *   the provider.
 * - A process keeps the account it last read: under the lock it checks the
 *   file's identity, size and time, replays only what other processes appended
 *   since, and reads the whole file again only when someone rewrote it. So a
 *   call costs about the same on an empty account as on one of 5,000
 *   certificates.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Account, CallRecord, emptyAccount } from "./account";
import { Journal, applyLines, changeLine, compactText, compactionDue, headerLine, newJournal, parseJournal } from "./account-journal";
import { RECORD_LISTS } from "./account-shape";
import { LockHolder, withPidLock } from "../common/pid-lock";
import { readBoundedText } from "./bounded-read";
import { appendCalls, readCalls } from "./call-log";
import { Tracker, trackChanges } from "./change-tracker";
import { EmulatorConfigError } from "./config-error";
import { printable } from "./printable";
import { LOCAL_CLOUD_DIR } from "./paths";

/** The account file holds records only (no call log): far below this, which only stops a device or a wrong file. */
const MAX_ACCOUNT_BYTES = 256 * 1024 * 1024;

/** Where the account lives: SLB_EMULATOR_STATE, else .local-cloud/account.json in the project. */
export function accountPath(env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(env.SLB_EMULATOR_STATE || path.join(LOCAL_CLOUD_DIR, "account.json"));
}

function describeFile(file: string): string {
  return `The emulated account file ${JSON.stringify(file)} (SLB_EMULATOR_STATE)`;
}

function refuse(file: string, problem: string): EmulatorConfigError {
  return new EmulatorConfigError(`${describeFile(file)} ${problem}: point SLB_EMULATOR_STATE at an account file, or at a path where none exists yet.`);
}

/** The journal in `file`, or undefined when there is no file. */
function loadJournal(file: string): Journal | undefined {
  const text = readBoundedText(file, describeFile(file), MAX_ACCOUNT_BYTES);
  if (text === undefined) return undefined;
  const journal = parseJournal(text, emptyAccount);
  if (typeof journal === "string") throw refuse(file, journal);
  return journal;
}

/**
 * The account in `file`, read without the lock (a change is one line, so a
 * reader sees it whole or not at all); a new, empty one when there is no file.
 * With `calls` (the default) the call log is read too, numbered from 1.
 * @throws EmulatorConfigError when the file is not an account, or a record in it is damaged (one line naming it)
 */
export function readAccount(file: string = accountPath(), options: { readonly calls?: boolean } = {}): Account {
  const journal = loadJournal(file);
  const account = journal?.account ?? emptyAccount();
  if (options.calls ?? true) {
    const logged = readCalls(file, describeFile(file));
    account.calls = [
      ...(journal?.legacyCalls ?? []).map((c, i) => ({ ...c, seq: i + 1 })),
      ...logged.map((c) => ({ ...c, seq: c.seq + (journal?.legacyCalls?.length ?? 0) })),
    ];
  }
  return account;
}

/** What a process keeps of an account file between calls. */
interface Kept {
  readonly journal: Journal;
  readonly tracker: Tracker<Account>;
  /** The file as last read or written: inode, size and modification time (ns). */
  stamp: string;
}

/** Accounts kept by this process, by file; a provider uses one, a test process a few. */
const kept = new Map<string, Kept>();
const MAX_KEPT = 8;

function stampOf(stat: fs.BigIntStats): string {
  return `${stat.ino}:${stat.size}:${stat.mtimeNs}`;
}

function keep(file: string, journal: Journal): Kept {
  const entry: Kept = {
    journal,
    tracker: trackChanges(journal.account, new Set(Object.keys(RECORD_LISTS)), new Set(["calls"])),
    stamp: stampOf(fs.statSync(file, { bigint: true })),
  };
  entry.tracker.adopt();
  kept.delete(file);
  kept.set(file, entry);
  if (kept.size > MAX_KEPT) kept.delete(kept.keys().next().value!);
  return entry;
}

/** Bytes [from, end) of `file`, read without trusting it (a regular file, at most the account's limit). */
function readTail(file: string, from: number, size: number): string {
  if (size - from > MAX_ACCOUNT_BYTES) throw refuse(file, `grew by more than ${MAX_ACCOUNT_BYTES} bytes`);
  const fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
  try {
    if (!fs.fstatSync(fd).isFile()) throw refuse(file, "is no longer a regular file");
    const buffer = Buffer.alloc(size - from);
    let length = 0;
    for (let n = -1; n !== 0 && length < buffer.length; length += n) n = fs.readSync(fd, buffer, length, buffer.length - length, from + length);
    return buffer.subarray(0, length).toString("utf8");
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * The account in `file` as it is now, under the lock: the kept one when the
 * file is as this process left it, brought up to date with what others
 * appended, or read whole; a missing file is created with a new account (so
 * every process sees the same account ID from the first call on).
 */
function current(file: string): Kept {
  const stat = fs.statSync(file, { bigint: true, throwIfNoEntry: false });
  const mine = kept.get(file);
  if (!stat) {
    const journal = newJournal(emptyAccount());
    writeWhole(file, headerLine(journal.account));
    journal.length = Buffer.byteLength(headerLine(journal.account));
    return keep(file, journal);
  }
  if (mine && mine.stamp === stampOf(stat)) return mine;
  // Same file, grown: others appended changes. Replay the complete lines after what this process read.
  if (mine && mine.stamp.startsWith(`${stat.ino}:`) && stat.size > BigInt(mine.journal.length) && !mine.journal.legacyCalls) {
    const tail = readTail(file, mine.journal.length, Number(stat.size));
    const complete = tail.slice(0, tail.lastIndexOf("\n") + 1);
    const lines = complete.split("\n").slice(0, -1);
    const before = mine.journal.length;
    const problems = applyLines(mine.journal, lines, Number.NaN);
    if (problems.length === 0) {
      mine.tracker.adopt();
      mine.journal.length = before + Buffer.byteLength(complete);
      mine.stamp = stampOf(stat);
      return mine;
    }
    // A damaged line: read the whole file, which names it with its line number.
  }
  kept.delete(file);
  const journal = loadJournal(file);
  if (!journal) throw refuse(file, "vanished while locked");
  return keep(file, journal);
}

function writeWhole(file: string, text: string): void {
  const temp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temp, text);
  fs.renameSync(temp, file);
}

/** Writes what a change did: its calls to the log, its records to the file (one line, or the file whole when due). */
function save(file: string, entry: Kept, calls: CallRecord[], changeMs: number): void {
  const journal = entry.journal;
  const changes = entry.tracker.end();
  appendCalls(file, journal.legacyCalls ?? []);
  appendCalls(file, calls, changeMs);
  const line = changeLine(journal, changes);
  if (line === undefined && !journal.legacyCalls) return;
  if (compactionDue(journal)) {
    const text = compactText(journal);
    writeWhole(file, text);
    journal.length = Buffer.byteLength(text);
  } else {
    const fd = fs.openSync(file, "r+");
    try {
      // Cut off a line a crashed writer left half-written, then append after the last complete one.
      if (fs.fstatSync(fd).size !== journal.length) fs.ftruncateSync(fd, journal.length);
      fs.writeSync(fd, line!, journal.length);
    } finally {
      fs.closeSync(fd);
    }
    journal.length += Buffer.byteLength(line!);
  }
  entry.stamp = stampOf(fs.statSync(file, { bigint: true }));
}

/**
 * Runs `change` on the account under the lock, and saves what it changed
 * (also when it throws). The account it gets is a view that notes what is
 * written through it: the handlers use it as the plain Account it looks like.
 * Its `calls` starts empty: the calls of this change, appended to the log.
 */
export function withAccount<T>(change: (account: Account) => T, file: string = accountPath()): T {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const lockFile = `${file}.lock`;
  const started = performance.now();
  return withPidLock(
    lockFile,
    () => {
      const entry = current(file);
      entry.tracker.begin();
      let result: T;
      try {
        result = change(entry.tracker.view);
      } catch (error) {
        saveOrForget(file, entry, performance.now() - started);
        throw error;
      }
      saveOrForget(file, entry, performance.now() - started);
      return result;
    },
    {
      waitMs: LOCK_WAIT_MS,
      pollMs: 5,
      noticeAfterMs: 200,
      onWait: (holder) =>
        process.stderr.write(
          `[WARN] waiting for the lock of the emulated account (${lockFile}), held by ${holderDescription(holder)}: going on when it lets go, giving up after ${LOCK_WAIT_MS / 1000} s\n`,
        ),
      timedOut: (holder) =>
        new Error(
          `timed out after ${LOCK_WAIT_MS / 1000} s waiting for the lock of the emulated account (${lockFile}), held by ${holderDescription(holder)}; if no such process runs, delete the lock file`,
        ),
    },
  );
}

/** How long a call waits for another process's turn on the account. */
const LOCK_WAIT_MS = 60_000;

/** "process 123 (node main.js)": the command from /proc where it can be read, escaped for printing. */
export function holderDescription(holder: LockHolder | undefined): string {
  if (!holder) return "a process that did not write its name in the lock file";
  let command = "";
  try {
    command = fs.readFileSync(`/proc/${holder.pid}/cmdline`, "utf8").split("\0").filter(Boolean).join(" ");
  } catch {
    // not Linux, or gone: the pid alone
  }
  const shown = command.length > 120 ? `${command.slice(0, 117)}...` : command;
  const host = holder.hostname === os.hostname() ? "" : ` on ${printable(holder.hostname)}`;
  return `process ${holder.pid}${host}${shown ? ` (${printable(shown)})` : ""}`;
}

/** Saves; when saving fails, what this process keeps may differ from the file, so it is read whole next time. */
function saveOrForget(file: string, entry: Kept, changeMs: number): void {
  try {
    save(file, entry, entry.journal.account.calls.splice(0), changeMs);
  } catch (error) {
    kept.delete(file);
    throw error;
  }
}
