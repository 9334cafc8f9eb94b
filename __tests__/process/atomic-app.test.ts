/**
 * AtomicApp's publishing: all or nothing even when the process is killed
 * mid-publish, a second synth, and one process listener however many apps.
 * Child processes, because a kill and process listeners need a real process.
 * These start a child process (apps killed or paused mid-publish, processes that hold the lock); the rest of the file's tests are in __tests__/atomic-app.test.ts.
 */
import { spawn, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { snapshot as snapshotOf } from "../support/directory-snapshot";
import { runApp } from "../support/run-app";

const ROOT = path.join(__dirname, "..", "..");

/** The output folder with symlinks as their target: publishing swaps folders, and a link must point at the right one. */
const snapshot = (dir: string) => snapshotOf(dir, { symlinksAsTargets: true });

function runMixedApp(outdir: string, env: NodeJS.ProcessEnv, script = "__tests__/apps/mixed-app.ts") {
  return runApp(script, { CDKTF_OUTDIR: outdir, ...env });
}

const OLD = { MIXED_APP_FIRST_REGION: "cn-hangzhou" };
const NEW = { MIXED_APP_FIRST_REGION: "cn-shanghai" };

/** A project folder with a published old synth plus what a deploy leaves (kept by every synth). */
function publishedOld(): { project: string; outdir: string } {
  const project = fs.mkdtempSync(path.join(os.tmpdir(), "atomic-"));
  const outdir = path.join(project, "cdktf.out");
  expect(runMixedApp(outdir, OLD).status).toBe(0);
  fs.mkdirSync(path.join(outdir, "stacks", "first", ".terraform"));
  fs.writeFileSync(path.join(outdir, "stacks", "first", ".terraform", "marker"), "deployed\n");
  fs.symlinkSync("marker", path.join(outdir, "stacks", "first", ".terraform", "link"));
  fs.writeFileSync(path.join(outdir, "outputs.json"), "{}\n");
  return { project, outdir };
}

describe("AtomicApp publishes the whole tree or nothing, even when killed mid-publish", () => {
  let expectedNew: Record<string, string>;
  let old: Record<string, string>;

  beforeAll(() => {
    const { outdir } = publishedOld();
    old = snapshot(outdir);
    expect(runMixedApp(outdir, NEW).status).toBe(0);
    expectedNew = snapshot(outdir);
    // The new synth differs from the old one, and kept what the deploy left.
    expect(expectedNew["stacks/first/cdk.tf.json"]).not.toBe(old["stacks/first/cdk.tf.json"]);
    expect(expectedNew["stacks/first/.terraform/marker"]).toBe(old["stacks/first/.terraform/marker"]);
    expect(expectedNew["stacks/first/.terraform/link"]).toBe("-> marker");
    expect(expectedNew["outputs.json"]).toBe(old["outputs.json"]);
  });

  it.each([
    ["while linking the kept files into staging", "old", "linkSync:1"],
    ["before moving the published tree aside", "old", "renameSync:1"],
    ["between the two renames", "missing, old waiting", "renameSync:2"],
    ["after the swap, before the old tree is removed", "new", "rmSync:.previous"],
  ])("killed %s: the output is %s, and the next synth completes", (_when, state, killAt) => {
    const { project, outdir } = publishedOld();
    const run = runMixedApp(outdir, { ...NEW, KILL_AT: killAt }, "__tests__/apps/kill-during-publish.ts");
    expect(run.signal).toBe("SIGKILL");
    if (state === "old") expect(snapshot(outdir)).toEqual(old);
    if (state === "new") expect(snapshot(outdir)).toEqual(expectedNew);
    if (state === "missing, old waiting") {
      expect(fs.existsSync(outdir)).toBe(false);
      expect(snapshot(path.join(project, ".cdktf.out.previous"))).toEqual(old);
    }
    expect(runMixedApp(outdir, NEW).status).toBe(0);
    expect(snapshot(outdir)).toEqual(expectedNew);
    // No staging or previous tree left beside the output.
    expect(fs.readdirSync(project)).toEqual(["cdktf.out"]);
  });
});

it("adds no process listener itself; printUserErrorsCleanly adds one, however often it is called", () => {
  const script = `
    const { AtomicApp } = require("./constructs");
    const events = ["uncaughtException", "unhandledRejection", "exit"];
    const count = (before) => events.map((e, i) => e + " +" + (process.listenerCount(e) - before[i])).join(" ");
    const before = events.map((e) => process.listenerCount(e));
    for (let i = 0; i < 3; i++) new AtomicApp({ outdir: process.env.OUT + "/" + i });
    console.log(count(before));
    for (let i = 0; i < 3; i++) AtomicApp.printUserErrorsCleanly();
    console.log(count(before));`;
  const run = spawnSync(process.execPath, ["--import", "tsx", "-e", script], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, OUT: fs.mkdtempSync(path.join(os.tmpdir(), "atomic-")) },
  });
  expect(run.stderr).toBe("");
  expect(run.stdout.trim().split("\n")).toEqual(["uncaughtException +0 unhandledRejection +0 exit +0", "uncaughtException +1 unhandledRejection +0 exit +0"]);
});
describe("AtomicApp publishes under a lock beside the output directory", () => {
  const LOCK = ".cdktf.out.lock";

  /** Resolves once `condition` holds (polled). */
  async function until(condition: () => boolean): Promise<void> {
    while (!condition()) await new Promise((resolve) => setTimeout(resolve, 50));
  }

  function startMixedApp(outdir: string, env: NodeJS.ProcessEnv, script = "__tests__/apps/mixed-app.ts") {
    const child = spawn(process.execPath, ["--import", "tsx", script], {
      cwd: ROOT,
      env: { ...process.env, CHECKPOINT_DISABLE: "1", CDKTF_OUTDIR: outdir, ...env },
    });
    const run = { stderr: "", code: undefined as number | null | undefined };
    child.stderr.on("data", (chunk) => (run.stderr += chunk));
    const exited = new Promise<void>((resolve) => child.on("close", (code) => resolve(void (run.code = code))));
    return { run, exited };
  }

  function regionOf(outdir: string): string {
    return JSON.parse(fs.readFileSync(path.join(outdir, "stacks", "first", "cdk.tf.json"), "utf8")).provider.alicloud[0].region;
  }

  it("a second synth while the first is between its two renames waits for it; both succeed, the second publishes last", async () => {
    const { project, outdir } = publishedOld();
    const signals = fs.mkdtempSync(path.join(os.tmpdir(), "signals-"));
    const first = startMixedApp(outdir, { ...OLD, PAUSE_AT: "renameSync:2", PAUSE_SIGNALS: signals }, "__tests__/apps/pause-during-publish.ts");
    await until(() => fs.existsSync(path.join(signals, "paused")) || first.run.code !== undefined);
    expect(fs.existsSync(outdir)).toBe(false); // the old tree waits in .previous
    const second = startMixedApp(outdir, NEW);
    // With the lock, the second says it waits; without one, it would run through and recover the first's swap.
    await until(() => second.run.stderr.includes("Waiting for another synth") || second.run.code !== undefined);
    fs.writeFileSync(path.join(signals, "resume"), "");
    await Promise.all([first.exited, second.exited]);
    expect({ code: first.run.code, stderr: first.run.stderr }).toEqual({ code: 0, stderr: "" });
    expect(second.run.code).toBe(0);
    expect(second.run.stderr).toMatch(
      new RegExp(
        `^Waiting for another synth to finish publishing ${outdir.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} \\(pid \\d+ on [^,]+, since [^)]+\\)\\.\\.\\.\\n$`,
      ),
    );
    expect(regionOf(outdir)).toBe("cn-shanghai");
    expect(fs.readFileSync(path.join(outdir, "outputs.json"), "utf8")).toBe("{}\n");
    expect(fs.readdirSync(project)).toEqual(["cdktf.out"]);
  }, 60_000);

  it("a lock held by a live process: the synth fails with one clear user error, publishes nothing and leaves the lock", () => {
    const { project, outdir } = publishedOld();
    const lock = JSON.stringify({ pid: process.pid, hostname: os.hostname(), nonce: "held", since: "2026-01-01T00:00:00.000Z" });
    fs.writeFileSync(path.join(project, LOCK), lock);
    const run = runMixedApp(outdir, { ...NEW, ATOMIC_APP_LOCK_WAIT_SECONDS: "0" });
    expect(run.status).toBe(1);
    expect(run.stderr).toBe(
      `Another synth is publishing ${outdir}: pid ${process.pid} on ${os.hostname()}, since 2026-01-01T00:00:00.000Z has held ${path.join(project, LOCK)} for over 0 s. ` +
        `Run one synth at a time per output directory (or give each its own with \`cdktf synth --output <dir>\`); if no synth is running, remove ${path.join(project, LOCK)}.\n`,
    );
    expect(regionOf(outdir)).toBe("cn-hangzhou");
    expect(fs.readFileSync(path.join(project, LOCK), "utf8")).toBe(lock);
    expect(fs.readdirSync(project).sort()).toEqual([LOCK, "cdktf.out"]);
  });

  it("takes over a lock whose owner on this host is dead; never one of another host, whose pid means nothing here", () => {
    const dead = spawnSync(process.execPath, ["-e", "console.log(process.pid)"], { encoding: "utf8" });
    const deadPid = Number(dead.stdout.trim());
    const { project, outdir } = publishedOld();
    const otherHost = JSON.stringify({ pid: deadPid, hostname: `not-${os.hostname()}`, nonce: "n", since: "s" });
    fs.writeFileSync(path.join(project, LOCK), otherHost);
    expect(runMixedApp(outdir, { ...NEW, ATOMIC_APP_LOCK_WAIT_SECONDS: "0" }).status).toBe(1);
    expect(fs.readFileSync(path.join(project, LOCK), "utf8")).toBe(otherHost);

    fs.writeFileSync(path.join(project, LOCK), JSON.stringify({ pid: deadPid, hostname: os.hostname(), nonce: "n", since: "s" }));
    const run = runMixedApp(outdir, { ...NEW, ATOMIC_APP_LOCK_WAIT_SECONDS: "0" });
    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: "" });
    expect(regionOf(outdir)).toBe("cn-shanghai");
    expect(fs.readdirSync(project)).toEqual(["cdktf.out"]);
  });

  it("removes an abandoned staging directory of this host, and leaves one of another host (another PID namespace) alone", () => {
    const dead = Number(spawnSync(process.execPath, ["-e", "console.log(process.pid)"], { encoding: "utf8" }).stdout.trim());
    const { project, outdir } = publishedOld();
    const host = os.hostname().replace(/[^A-Za-z0-9.]/g, "_");
    const ours = `.cdktf.out.staging-${host}-${dead}-1`;
    const theirs = `.cdktf.out.staging-other.${host}-${dead}-1`;
    for (const name of [ours, theirs]) fs.mkdirSync(path.join(project, name, "stacks"), { recursive: true });
    expect(runMixedApp(outdir, NEW).status).toBe(0);
    expect(fs.readdirSync(project).sort()).toEqual([theirs, "cdktf.out"].sort());
  });
});
