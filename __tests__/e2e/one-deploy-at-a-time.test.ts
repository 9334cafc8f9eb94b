/**
 * One synth, deploy or destroy at a time per output folder (docs/cli.md). Two
 * deploys started 3 s apart in one folder: the second says at once that it
 * waits, naming the first, then deploys after it; neither fails with
 * terraform's `fork/exec ...: no such file or directory` (what a synth
 * swapping cdktf.out under a running terraform gives), and the account holds
 * exactly one certificate. A wait that outlasts DEPLOY_LOCK_WAIT_SECONDS is
 * one line naming the holder; an empty lock file stops a synth within
 * seconds, naming the file to remove. A plain `cdktf synth` while slb-ca
 * deploy runs terraform in cdktf.out waits for it (AtomicApp's publish takes
 * the output folder's lock, which the deploy holds), saying whom for and why.
 */
import { ChildProcess, spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { garbledLockMessage } from "../../common/pid-lock";
import { PROJECT, Workspace } from "./harness";
import { localOutdir } from "../../local-cloud/places";

const LOCAL_CLOUD = path.join(PROJECT, "local-cloud", "main.ts");
const SLB_CA = path.join(PROJECT, "cli", "slb-ca.ts");
// The cdktf CLI as `npx cdktf` runs it (node on its bin, which tsx leaves alone).
const CDKTF_CLI = path.join(PROJECT, "node_modules", "cdktf-cli", "bundle", "bin", "cdktf");
/** The example app with its pki stack only (AtomicApp, policy, inventory and all): two such deploys serialize as two full ones do. (The synth-during-deploy case keeps both stacks: the plain synth must reach its publish while terraform still runs.) */
const PKI_ONLY = fs.readFileSync(path.join(PROJECT, "main.ts"), "utf8").replace(/^new EdgeStack\(.*\);$/m, "");

interface Running {
  readonly child: ChildProcess;
  /** stdout and stderr as they came, each line with the milliseconds since the test began. */
  readonly lines: { at: number; text: string }[];
  readonly done: Promise<number>;
}

/** Starts `node --import tsx <file> ...args` in the workspace, collecting its lines as they come. */
function start(ws: Workspace, file: string, args: string[], env: NodeJS.ProcessEnv, began: number): Running {
  const child = spawn(process.execPath, ["--import", "tsx", file, ...args], { cwd: ws.dir, env });
  const lines: { at: number; text: string }[] = [];
  const collect = (stream: NodeJS.ReadableStream) => {
    let rest = "";
    stream.setEncoding("utf8");
    stream.on("data", (chunk: string) => {
      const parts = (rest + chunk).split("\n");
      rest = parts.pop()!;
      for (const text of parts) lines.push({ at: Date.now() - began, text });
    });
    stream.on("end", () => rest && lines.push({ at: Date.now() - began, text: rest }));
  };
  collect(child.stdout!);
  collect(child.stderr!);
  const done = new Promise<number>((resolve) => child.on("close", (code) => resolve(code ?? 1)));
  return { child, lines, done };
}

const output = (run: Running) => run.lines.map((l) => l.text).join("\n");

/** The environment of a person's shell running the command: none of the test run's npm variables. */
function shellEnv(ws: Workspace, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env = { ...ws.env, ...extra };
  for (const name of Object.keys(env)) if (/^npm_/i.test(name)) delete env[name];
  return env;
}

describe("two deploys started 3 s apart in one app folder", () => {
  let ws: Workspace;
  let first: Running;
  let second: Running;
  let statuses: number[];

  beforeAll(async () => {
    ws = new Workspace("one-at-a-time", PKI_ONLY);
    const began = Date.now();
    first = start(ws, LOCAL_CLOUD, ["deploy"], shellEnv(ws), began);
    await new Promise((resolve) => setTimeout(resolve, 3000));
    second = start(ws, LOCAL_CLOUD, ["deploy"], shellEnv(ws), began);
    statuses = await Promise.all([first.done, second.done]);
  }, 300_000);
  afterAll(() => ws.remove());

  test("both succeed, with no fork/exec error", () => {
    expect({ statuses, fork: /fork\/exec/.test(`${output(first)}\n${output(second)}`) }).toEqual({ statuses: [0, 0], fork: false });
  });

  test("the second says at once that it waits, naming the first (its command and pid), and deploys after it", () => {
    const waiting = second.lines.find((l) => l.text.startsWith("Waiting for "));
    expect(waiting?.text).toMatch(
      new RegExp(
        `^Waiting for \`slb-local-cloud deploy\` \\(pid ${first.child.pid} on .+\\) to finish: one synth, deploy or destroy at a time writes to ${localOutdir(ws.dir).replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} \\(`,
      ),
    );
    // At once: before the first has finished (its last line).
    const firstEnd = first.lines[first.lines.length - 1].at;
    expect(waiting!.at).toBeLessThan(firstEnd);
    // The second's own synth starts only after the first is done.
    const secondSynth = second.lines.find((l) => l.text.startsWith("Generated Terraform code"));
    expect(secondSynth!.at).toBeGreaterThanOrEqual(firstEnd);
  });

  test("the account holds exactly one CA certificate, the one in state", () => {
    const account = ws.account();
    expect(account.caCertificates).toHaveLength(1);
    expect(ws.state("pki").resources.find((r) => r.type === "alicloud_slb_ca_certificate")!.instances[0].attributes.id).toBe(
      account.caCertificates[0].CACertificateId,
    );
  });

  test("the lock (beside the local cloud's output folder) is gone when both are done", () => {
    const lockDir = path.dirname(localOutdir(ws.dir));
    expect(fs.readdirSync(lockDir)).toContain("cdktf.out");
    expect(fs.readdirSync(lockDir).filter((f) => f.startsWith(".cdktf-deploy.lock"))).toEqual([]);
  });
});

describe("waits that end or fail", () => {
  let ws: Workspace;
  beforeAll(() => {
    ws = new Workspace("waits");
  });
  afterAll(() => ws.remove());

  test("a lock held past DEPLOY_LOCK_WAIT_SECONDS: one line naming the holder, exit 1, nothing synthesized", async () => {
    // A live holder: this test process.
    const lock = path.join(ws.dir, ".cdktf-deploy.lock");
    const holder = { command: "npm run deploy:local", pid: process.pid, hostname: os.hostname(), since: "2026-01-01T00:00:00.000Z", nonce: "held-by-the-test" };
    fs.writeFileSync(lock, JSON.stringify(holder));
    try {
      const run = start(ws, SLB_CA, ["synth"], shellEnv(ws, { DEPLOY_LOCK_WAIT_SECONDS: "2" }), Date.now());
      expect(await run.done).toBe(1);
      expect(run.lines.map((l) => l.text)).toEqual([
        expect.stringMatching(
          /^Waiting for `npm run deploy:local` \(pid \d+ on .+, since 2026-01-01T00:00:00.000Z\) to finish: .*giving up after 2 s \(DEPLOY_LOCK_WAIT_SECONDS\)\.$/,
        ),
        `Gave up after 2 s: \`npm run deploy:local\` (pid ${process.pid} on ${holder.hostname}, since 2026-01-01T00:00:00.000Z) still holds ${lock}. Run one synth, deploy or destroy at a time per output folder; if none is running, remove ${lock}.`,
      ]);
      expect(fs.existsSync(path.join(ws.dir, "cdktf.out"))).toBe(false);
    } finally {
      fs.rmSync(lock, { force: true });
    }
  }, 60_000);

  test("a synth into another output folder does not wait for the lock of cdktf.out", async () => {
    const lock = path.join(ws.dir, ".cdktf-deploy.lock");
    fs.writeFileSync(
      lock,
      JSON.stringify({ command: "slb-ca deploy", pid: process.pid, hostname: os.hostname(), since: "2026-01-01T00:00:00.000Z", nonce: "held" }),
    );
    try {
      const run = start(ws, SLB_CA, ["synth", "--output", "elsewhere.out"], shellEnv(ws, { DEPLOY_LOCK_WAIT_SECONDS: "0" }), Date.now());
      expect(await run.done).toBe(0);
      expect(run.lines.filter((l) => /Waiting|Gave up/.test(l.text))).toEqual([]);
      expect(fs.existsSync(path.join(ws.dir, "elsewhere.out", "manifest.json"))).toBe(true);
      // Its own lock, beside its folder, is gone; cdktf.out's is the holder's still.
      expect(fs.existsSync(path.join(ws.dir, ".elsewhere-deploy.lock"))).toBe(false);
      expect(fs.existsSync(lock)).toBe(true);
    } finally {
      fs.rmSync(lock, { force: true });
    }
  }, 120_000);

  test("a lock of a process that no longer runs is taken over, saying so", async () => {
    const lock = path.join(ws.dir, ".cdktf-deploy.lock");
    const gone = spawn(process.execPath, ["-e", ""]);
    await new Promise((resolve) => gone.on("close", resolve));
    fs.writeFileSync(
      lock,
      JSON.stringify({ command: "slb-ca deploy", pid: gone.pid, hostname: os.hostname(), since: "2026-01-01T00:00:00.000Z", nonce: "stale" }),
    );
    const run = start(ws, SLB_CA, ["synth"], shellEnv(ws), Date.now());
    expect(await run.done).toBe(0);
    expect(run.lines[0].text).toBe(
      `Took over ${lock}: its holder, \`slb-ca deploy\` (pid ${gone.pid} on ${os.hostname()}, since 2026-01-01T00:00:00.000Z), no longer runs.`,
    );
    expect(fs.existsSync(lock)).toBe(false);
  }, 120_000);

  test("AtomicApp's publish lock left empty by no one: slb-ca synth stops within seconds in one line naming the file to remove, and goes on once it is gone", async () => {
    // An empty .cdktf.out.lock names no holder, so it is never taken over; waiting ATOMIC_APP_LOCK_WAIT_SECONDS (600) for it would be silent and useless.
    const lock = path.join(ws.dir, ".cdktf.out.lock");
    fs.writeFileSync(lock, "");
    const manifestTime = () => fs.statSync(path.join(ws.dir, "cdktf.out", "manifest.json"), { throwIfNoEntry: false })?.mtimeMs;
    const before = manifestTime();
    const began = Date.now();
    const run = start(ws, SLB_CA, ["synth"], shellEnv(ws), began);
    expect(await run.done).toBe(1);
    expect(Date.now() - began).toBeLessThan(60_000);
    expect(run.lines.map((l) => l.text).filter((t) => t.includes(lock))).toEqual([garbledLockMessage(lock)]);
    // Nothing published: the earlier test's cdktf.out is as it was.
    expect(manifestTime()).toBe(before);
    fs.rmSync(lock);
    const again = start(ws, SLB_CA, ["synth"], shellEnv(ws), Date.now());
    expect(await again.done).toBe(0);
    expect(output(again)).toContain("Generated Terraform code for the stacks: edge, pki");
  }, 180_000);
});

describe("a plain `cdktf synth` while slb-ca deploy runs terraform in cdktf.out", () => {
  let ws: Workspace;
  let deploy: Running;
  let synth: Running;
  let statuses: number[];

  beforeAll(async () => {
    ws = new Workspace("synth-during-deploy");
    const began = Date.now();
    // slb-ca deploy against the local provider (its environment, as `eval "$(slb-local-cloud env)"` gives it): it deploys from cdktf.out.
    deploy = start(ws, SLB_CA, ["deploy"], shellEnv(ws), began);
    const deadline = Date.now() + 120_000;
    while (!deploy.lines.some((l) => l.text.startsWith("Deploying stack pki")) && deploy.child.exitCode === null && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    synth = start(ws, CDKTF_CLI, ["synth"], shellEnv(ws), began);
    statuses = await Promise.all([deploy.done, synth.done]);
  }, 300_000);
  afterAll(() => ws.remove());

  test("the synth waits for the deploy, saying whom it waits for and why; both succeed, with no fork/exec error", () => {
    expect({ statuses, fork: /fork\/exec/.test(`${output(deploy)}\n${output(synth)}`) }).toEqual({ statuses: [0, 0], fork: false });
    expect(output(synth)).toContain(`Waiting for \`slb-ca deploy\` (pid ${deploy.child.pid} on ${os.hostname()}, since `);
    expect(output(synth)).toContain(`to finish: it runs terraform in ${path.join(ws.dir, "cdktf.out")}, which this synth would replace under it`);
    // It published only once the deploy was done.
    expect(synth.lines[synth.lines.length - 1].at).toBeGreaterThanOrEqual(deploy.lines[deploy.lines.length - 1].at);
    expect(ws.account().caCertificates).toHaveLength(1);
  });
});
