/**
 * common/: the file-system helpers the library and the emulator share. They
 * are neutral: Node's own modules only, so that importing one drags neither
 * side's code into the other.
 */
import { builtinModules } from "module";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { writeFileAtomically } from "../../common/atomic-write";
import { UnusableFileError, readBoundedFile } from "../../common/bounded-file";
import { GARBLED_GRACE_MS, isRunning, startTimeOf, withPidLock, withPidLockAsync } from "../../common/pid-lock";
import { moduleSpecifiers } from "../support/module-specifiers";

const COMMON = path.join(__dirname, "..", "..", "common");

test("every file in common/ loads Node's built-in modules and nothing else", () => {
  const files = fs.readdirSync(COMMON).filter((f) => f.endsWith(".ts"));
  expect(files.length).toBeGreaterThanOrEqual(3);
  const loads = Object.fromEntries(files.map((f) => [f, moduleSpecifiers(f, fs.readFileSync(path.join(COMMON, f), "utf8"))]));
  const foreign = Object.fromEntries(Object.entries(loads).map(([f, specs]) => [f, specs.filter((s) => !builtinModules.includes(s.replace(/^node:/, "")))]));
  expect(foreign).toEqual(Object.fromEntries(files.map((f) => [f, []])));
});

describe("common/ helpers", () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "common-"));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  test("writeFileAtomically replaces the file, sets its mode, and leaves no temporary file", () => {
    const file = path.join(dir, "key.pem");
    fs.writeFileSync(file, "old");
    writeFileAtomically(file, "new", { mode: 0o600 });
    expect(fs.readFileSync(file, "utf8")).toBe("new");
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.readdirSync(dir)).toEqual(["key.pem"]);
  });

  test("writeFileAtomically into a missing folder fails and leaves nothing behind", () => {
    expect(() => writeFileAtomically(path.join(dir, "no", "file"), "x")).toThrow(/ENOENT/);
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  test("readBoundedFile tells why a file is refused, for callers that word it their own way", () => {
    const kind = { content: "a test file", maxBytes: 4, maxShown: "4 bytes" };
    const cause = (file: string) => {
      try {
        readBoundedFile(file, kind);
        return "read";
      } catch (error) {
        return error instanceof UnusableFileError ? error.cause : String(error);
      }
    };
    fs.writeFileSync(path.join(dir, "small"), "1234");
    fs.writeFileSync(path.join(dir, "large"), "12345");
    expect(readBoundedFile(path.join(dir, "small"), kind).toString()).toBe("1234");
    expect([cause(path.join(dir, "none")), cause(dir), cause("/dev/zero"), cause(path.join(dir, "large"))]).toEqual([
      "missing",
      "not-a-file",
      "not-a-file",
      "too-large",
    ]);
  });

  test("withPidLock takes over a lock whose owner no longer runs, and releases its own", () => {
    const lock = path.join(dir, "x.lock");
    // A pid that is not running: the first free one above a high start.
    let dead = 4_000_000;
    while (isRunning(dead)) dead++;
    fs.writeFileSync(lock, JSON.stringify({ pid: dead, hostname: os.hostname(), nonce: "n", since: "then" }));
    const timedOut = () => new Error("timed out");
    expect(withPidLock(lock, () => fs.readFileSync(lock, "utf8"), { waitMs: 0, timedOut })).toContain(`"pid":${process.pid}`);
    expect(fs.existsSync(lock)).toBe(false);
  });

  test("withPidLock gives up on a live holder with the caller's error, after telling it once", () => {
    const lock = path.join(dir, "x.lock");
    const holder = { pid: process.ppid, hostname: os.hostname(), nonce: "other", since: "then" };
    fs.writeFileSync(lock, JSON.stringify(holder));
    const waits: unknown[] = [];
    const run = () => withPidLock(lock, () => "ran", { waitMs: 250, onWait: (h) => waits.push(h), timedOut: (h) => new Error(`held by ${h?.pid}`) });
    expect(run).toThrow(`held by ${process.ppid}`);
    expect(waits).toEqual([holder]);
    expect(JSON.parse(fs.readFileSync(lock, "utf8"))).toEqual(holder);
  });

  test("withPidLock tells a wait only once it has lasted noticeAfterMs, polling every pollMs", () => {
    const lock = path.join(dir, "x.lock");
    fs.writeFileSync(lock, JSON.stringify({ pid: process.ppid, hostname: os.hostname(), nonce: "other", since: "then" }));
    const started = Date.now();
    const told: number[] = [];
    const run = () =>
      withPidLock(lock, () => "ran", {
        waitMs: 400,
        pollMs: 10,
        noticeAfterMs: 200,
        onWait: () => told.push(Date.now() - started),
        timedOut: () => new Error("gave up"),
      });
    expect(run).toThrow("gave up");
    expect(told).toHaveLength(1);
    expect(told[0]).toBeGreaterThanOrEqual(200);
  });

  test("withPidLock writes its holder into the lock and leaves no file behind once it lets go", () => {
    const lock = path.join(dir, "y.lock");
    expect(withPidLock(lock, () => JSON.parse(fs.readFileSync(lock, "utf8")).pid, { waitMs: 0, timedOut: () => new Error("x") })).toBe(process.pid);
    expect(fs.readdirSync(dir).filter((f) => f.startsWith("y.lock"))).toEqual([]);
  });

  test("an empty or garbled lock ends the wait after GARBLED_GRACE_MS with the caller's `garbled` error (not at waitMs), and is left for the user to remove", () => {
    const lock = path.join(dir, "g.lock");
    for (const text of ["", "{ half"]) {
      fs.writeFileSync(lock, text);
      const started = Date.now();
      const run = () =>
        withPidLock(lock, () => "ran", {
          waitMs: 600_000,
          pollMs: 50,
          timedOut: () => new Error("timed out"),
          garbled: (file) => new Error(`garbled ${file}`),
        });
      expect(run).toThrow(`garbled ${lock}`);
      const waited = Date.now() - started;
      expect(waited).toBeGreaterThanOrEqual(GARBLED_GRACE_MS);
      expect(waited).toBeLessThan(GARBLED_GRACE_MS + 3000);
      expect(fs.readFileSync(lock, "utf8")).toBe(text);
    }
  });

  test("a running process with the holder's pid but another start time is not the holder: its lock is taken over; with the same start time it is waited for", () => {
    const lock = path.join(dir, "s.lock");
    const started = startTimeOf(process.ppid);
    expect(started).toMatch(/^\d+$/);
    const timedOut = () => new Error("timed out");
    fs.writeFileSync(lock, JSON.stringify({ pid: process.ppid, hostname: os.hostname(), nonce: "live", since: "then", started }));
    expect(() => withPidLock(lock, () => "ran", { waitMs: 200, timedOut })).toThrow("timed out");
    fs.writeFileSync(lock, JSON.stringify({ pid: process.ppid, hostname: os.hostname(), nonce: "reused", since: "then", started: `${started}0` }));
    expect(withPidLock(lock, () => JSON.parse(fs.readFileSync(lock, "utf8")).started, { waitMs: 0, timedOut })).toBe(startTimeOf(process.pid));
    expect(fs.existsSync(lock)).toBe(false);
  });

  test("heldBy: work runs under the lock its parent holds (the nonce passed down), without waiting and without releasing it", () => {
    const lock = path.join(dir, "h.lock");
    const parent = JSON.stringify({ pid: process.ppid, hostname: os.hostname(), nonce: "parents", since: "then" });
    fs.writeFileSync(lock, parent);
    expect(withPidLock(lock, (mine) => mine.nonce, { waitMs: 0, heldBy: "parents", timedOut: () => new Error("timed out") })).toBe("parents");
    expect(fs.readFileSync(lock, "utf8")).toBe(parent);
    expect(() => withPidLock(lock, () => "ran", { waitMs: 0, heldBy: "someone-else", timedOut: () => new Error("timed out") })).toThrow("timed out");
  });

  test("withPidLockAsync waits without blocking the event loop, names the holder once, records the command, and takes the lock when it is released", async () => {
    const lock = path.join(dir, "a.lock");
    fs.writeFileSync(lock, JSON.stringify({ pid: process.ppid, hostname: os.hostname(), nonce: "first", since: "then", command: "slb-ca deploy" }));
    const told: (string | undefined)[] = [];
    const waiting = withPidLockAsync(lock, async () => JSON.parse(fs.readFileSync(lock, "utf8")).command, {
      waitMs: 10_000,
      pollMs: 20,
      command: "cdktf synth",
      onWait: (holder) => told.push(holder?.command),
      timedOut: () => new Error("timed out"),
    });
    // The event loop runs while it waits: this timer releases the lock.
    await new Promise((resolve) => setTimeout(resolve, 200));
    fs.rmSync(lock);
    expect(await waiting).toBe("cdktf synth");
    expect(told).toEqual(["slb-ca deploy"]);
    expect(fs.existsSync(lock)).toBe(false);
  });
});
