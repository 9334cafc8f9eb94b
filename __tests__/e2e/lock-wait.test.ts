/**
 * A provider call stuck behind the account's lock says so when the wait
 * starts, in the provider's log as Terraform shows it (the local environment sets
 * TF_LOG_PROVIDER=WARN),
 * naming the process that holds the lock; the plan goes on once it is let go.
 */
import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { CERTS, expectOk, oneStackApp, Workspace } from "./harness";

const APP = oneStackApp(
  "held",
  `
new CaCertificate(stack, "ClientCa", { caCertificate: fs.readFileSync(${JSON.stringify(path.join(CERTS, "sample-root-ca.pem"))}, "utf8"), caCertificateName: "held-ca" });
`,
);

describe("a provider call waiting for the account's lock", () => {
  let ws: Workspace;
  beforeAll(() => {
    ws = new Workspace("lock-wait", APP);
    ws.synth();
    ws.init("held");
    expectOk(ws.apply("held"));
  });
  afterAll(() => ws.remove());

  test("says so in Terraform's provider log while it waits, naming the holder; the plan then succeeds", async () => {
    const lockFile = `${ws.env.SLB_EMULATOR_STATE}.lock`;
    // This test's own process holds the lock: alive, so never taken over.
    fs.writeFileSync(lockFile, JSON.stringify({ pid: process.pid, hostname: os.hostname(), nonce: "held-by-the-test", since: new Date().toISOString() }));
    const plan = spawn("terraform", ["plan", "-input=false", "-no-color", "-detailed-exitcode"], {
      cwd: ws.stackDir("held"),
      env: ws.env,
    });
    let output = "";
    plan.stdout.on("data", (chunk) => (output += chunk));
    plan.stderr.on("data", (chunk) => (output += chunk));
    const exited = new Promise<number>((resolve) => plan.on("exit", (code) => resolve(code ?? 1)));
    const notice = `[WARN] waiting for the lock of the emulated account (${lockFile}), held by process ${process.pid}`;
    // Well short of the provider's 60 s timeout: a notice given only when the wait ends would never come in time.
    const deadline = Date.now() + 30_000;
    while (!output.includes(notice) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    const seenWhileHeld = output.includes(notice);
    fs.rmSync(lockFile);
    const status = await exited;
    expect({ seenWhileHeld, status }).toEqual({ seenWhileHeld: true, status: 0 });
    expect(output).toContain("No changes.");
  }, 120_000);
});
