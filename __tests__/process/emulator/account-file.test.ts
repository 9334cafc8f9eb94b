/**
 * Terraform runs several provider processes at once against one account file:
 * changes from concurrent processes must all land (lock), and readers never
 * see a half-written file (temporary file plus rename).
 */
import { spawn, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { readAccount, withAccount } from "../../../emulator/account-file";

const PROJECT = path.join(__dirname, "..", "..", "..");

/** The pid of a process that has exited: no process has it now (pids are not reused this soon). */
function deadPid(): number {
  const child = spawnSync(process.execPath, ["-e", "0"]);
  expect(child.status).toBe(0);
  return child.pid!;
}

/** A lock file as common/pid-lock.ts writes it, naming `pid` on this host. */
const lockOf = (pid: number, nonce: string) => `${JSON.stringify({ pid, hostname: os.hostname(), nonce, since: new Date(0).toISOString() })}\n`;

const waitFor = async (file: string) => {
  while (!fs.existsSync(file)) await new Promise((r) => setTimeout(r, 20));
};

function run(script: string, env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", script], { cwd: PROJECT, env: { ...process.env, ...env }, stdio: "inherit" });
    child.on("error", reject);
    child.on("exit", (code) => resolve(code ?? 1));
  });
}

/**
 * Four processes each add 1 to the account's counter 25 times through withAccount: all 100 changes land,
 * every process exits 0, and nothing but the account file (and the worker script) is left in `dir`.
 */
async function expectFourWritersLoseNoChange(dir: string, file: string): Promise<void> {
  const worker = path.join(dir, "worker.ts");
  fs.writeFileSync(
    worker,
    `import { withAccount } from ${JSON.stringify(path.join(PROJECT, "emulator", "account-file"))};
for (let i = 0; i < 25; i++) {
  withAccount((account) => { account.faults.counter = (account.faults.counter ?? 0) + 1; }, process.env.ACCOUNT!);
}
`,
  );
  const codes = await Promise.all([1, 2, 3, 4].map(() => run(worker, { ACCOUNT: file })));
  expect(codes).toEqual([0, 0, 0, 0]);
  expect(readAccount(file).faults.counter).toBe(100);
  expect(fs.readdirSync(dir).sort()).toEqual(["account.json", "worker.ts"]);
}

describe("the account file", () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "slb-account-"));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  test("concurrent processes lose no change, and leave no lock or temporary file behind", async () => {
    const file = path.join(dir, "account.json");
    await expectFourWritersLoseNoChange(dir, file);
  });

  test("concurrent processes take over a lock left by a dead process exactly once, and lose no change", async () => {
    // An hour ahead: no age rule may take it over; only the dead pid does.
    const file = path.join(dir, "account.json");
    fs.writeFileSync(`${file}.lock`, lockOf(deadPid(), "dead-holder"));
    const future = new Date(Date.now() + 3_600_000);
    fs.utimesSync(`${file}.lock`, future, future);
    await expectFourWritersLoseNoChange(dir, file);
  });

  test("a live holder keeps its lock however old the lock file is: a waiter waits, and neither change is lost", async () => {
    const file = path.join(dir, "account.json");
    const holder = path.join(dir, "holder.ts");
    fs.writeFileSync(
      holder,
      `import * as fs from "fs";
import { withAccount } from ${JSON.stringify(path.join(PROJECT, "emulator", "account-file"))};
withAccount((account) => {
  account.faults.holder = 1;
  fs.writeFileSync(process.env.HELD!, "");
  while (!fs.existsSync(process.env.GO!)) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
}, process.env.ACCOUNT!);
`,
    );
    const contender = path.join(dir, "contender.ts");
    fs.writeFileSync(
      contender,
      `import * as fs from "fs";
import { withAccount } from ${JSON.stringify(path.join(PROJECT, "emulator", "account-file"))};
withAccount((account) => { account.faults.contender = fs.existsSync(process.env.GO!) ? 1 : -1; }, process.env.ACCOUNT!);
`,
    );
    const env = { ACCOUNT: file, HELD: path.join(dir, "held"), GO: path.join(dir, "go") };
    const holding = run(holder, env);
    await waitFor(env.HELD);
    // A holder slower than any age limit: its lock file looks an hour old.
    const past = new Date(Date.now() - 3_600_000);
    fs.utimesSync(`${file}.lock`, past, past);
    const contending = run(contender, env);
    await new Promise((r) => setTimeout(r, 1500));
    fs.writeFileSync(env.GO, "");
    expect(await Promise.all([holding, contending])).toEqual([0, 0]);
    // The contender ran only after the holder let go (1, not -1), and the holder's change survived.
    expect(readAccount(file).faults).toEqual({ holder: 1, contender: 1 });
    expect(fs.existsSync(`${file}.lock`)).toBe(false);
  });

  test("a wait says so when it starts, naming the holder, not when the lock comes free", async () => {
    const file = path.join(dir, "account.json");
    const holder = path.join(dir, "holder.ts");
    fs.writeFileSync(
      holder,
      `import * as fs from "fs";
import { withAccount } from ${JSON.stringify(path.join(PROJECT, "emulator", "account-file"))};
withAccount(() => {
  fs.writeFileSync(process.env.HELD!, String(process.pid));
  while (!fs.existsSync(process.env.GO!)) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
}, process.env.ACCOUNT!);
`,
    );
    const contender = path.join(dir, "contender.ts");
    fs.writeFileSync(
      contender,
      `import { withAccount } from ${JSON.stringify(path.join(PROJECT, "emulator", "account-file"))};
withAccount(() => undefined, process.env.ACCOUNT!);
`,
    );
    const env = { ...process.env, ACCOUNT: file, HELD: path.join(dir, "held"), GO: path.join(dir, "go") };
    const holding = run(holder, env);
    await waitFor(env.HELD);
    const child = spawn(process.execPath, ["--import", "tsx", contender], { cwd: PROJECT, env, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk) => (stderr += chunk));
    const exited = new Promise<number>((resolve) => child.on("exit", (code) => resolve(code ?? 1)));
    const started = Date.now();
    while (!stderr.includes("\n") && Date.now() - started < 20_000) await new Promise((r) => setTimeout(r, 20));
    // Said while the holder still holds (GO not written yet), naming it by pid and command.
    expect(fs.existsSync(env.GO)).toBe(false);
    fs.writeFileSync(env.GO, "");
    expect(await Promise.all([holding, exited])).toEqual([0, 0]);
    const pid = fs.readFileSync(env.HELD, "utf8");
    expect(stderr).toBe(
      `[WARN] waiting for the lock of the emulated account (${file}.lock), held by process ${pid} (${process.execPath} --import tsx ${holder}): ` +
        "going on when it lets go, giving up after 60 s\n",
    );
  });

  test("a lock held by a live process is never released by another process", () => {
    const file = path.join(dir, "account.json");
    withAccount(() => {
      // Someone else's lock replaces ours (as if ours had been taken over): our release must leave it.
      fs.writeFileSync(`${file}.lock`, lockOf(process.ppid, "feedface"));
    }, file);
    expect(fs.readFileSync(`${file}.lock`, "utf8")).toBe(lockOf(process.ppid, "feedface"));
  });

  test("a change that throws is saved up to the throw, and the lock is released", () => {
    const file = path.join(dir, "account.json");
    expect(() =>
      withAccount((account) => {
        account.faults.seen = 1;
        throw new Error("boom");
      }, file),
    ).toThrow("boom");
    expect(readAccount(file).faults.seen).toBe(1);
    expect(fs.existsSync(`${file}.lock`)).toBe(false);
  });

  test("a missing file is an empty account", () => {
    const account = readAccount(path.join(dir, "none.json"));
    expect([account.caCertificates, account.listeners, account.calls]).toEqual([[], [], []]);
  });
});
