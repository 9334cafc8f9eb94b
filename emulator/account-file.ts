/**
 * The emulated Alibaba Cloud account: one JSON file that every provider
 * process (and the local-cloud CLI) reads and writes. Terraform runs several
 * provider processes at once, so each change happens under a lock (an
 * exclusively created lock file) and is written atomically (a temporary file,
 * then rename): a reader sees the old account or the new one, never half.
 */
import * as fs from "fs";
import * as path from "path";
import { Account, emptyAccount } from "./account";
import { LOCAL_CLOUD_DIR } from "./paths";

/** Where the account lives: SLB_EMULATOR_STATE, else .local-cloud/account.json in the project. */
export function accountPath(env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(env.SLB_EMULATOR_STATE || path.join(LOCAL_CLOUD_DIR, "account.json"));
}

/** A lock older than this is left over by a killed process, and is taken over. */
const STALE_LOCK_MS = 30_000;
const LOCK_TIMEOUT_MS = 60_000;

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function acquire(lockFile: string): void {
  const started = Date.now();
  for (;;) {
    try {
      fs.writeFileSync(lockFile, String(process.pid), { flag: "wx" });
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    try {
      if (Date.now() - fs.statSync(lockFile).mtimeMs > STALE_LOCK_MS) fs.rmSync(lockFile, { force: true });
    } catch {
      // Released meanwhile: try again.
    }
    if (Date.now() - started > LOCK_TIMEOUT_MS) throw new Error(`timed out waiting for the lock ${lockFile}`);
    sleep(5);
  }
}

export function readAccount(file: string = accountPath()): Account {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8")) as Account;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return emptyAccount();
    throw error;
  }
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
  acquire(lockFile);
  try {
    const account = readAccount(file);
    try {
      return change(account);
    } finally {
      writeAccount(file, account);
    }
  } finally {
    fs.rmSync(lockFile, { force: true });
  }
}
