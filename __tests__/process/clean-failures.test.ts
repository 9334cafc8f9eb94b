/**
 * What a user sees when synth fails: each problem once, with code and construct
 * path, no stack frames and no object dumps; a bug keeps its stack.
 * These start a child process (failing apps, `npm run synth`, `slb-ca synth`); the rest of the file's tests are in
 * __tests__/clean-failures.test.ts, and the line filter's in __tests__/cdktf-log.test.ts.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { tempDir as newTempDir } from "../support/temp-dir";
import { runApp } from "../support/run-app";

const ROOT = path.join(__dirname, "..", "..");
const STACK_FRAME = /^\s+at /m;

const tempDir = () => newTempDir("failures-");

describe("an app that fails, as a process", () => {
  const run = (mode: string) => runApp("__tests__/apps/failing-app.ts", { FAILING_APP_MODE: mode, CDKTF_OUTDIR: path.join(tempDir(), "out") });

  it("a refused certificate: the problem list only, exit 1", () => {
    const result = run("validation");
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^\[pki\/ClientCa\] 1 problem with the CA certificate:\n {2}- CertificateFormatInvalid: [^\n]+\n$/);
  });

  it("a refused reference (fromLookup with neither ID nor name): path, code and what is allowed, no stack frames, exit 1", () => {
    const result = run("reference");
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(
      "[pki/Found] 1 problem with the CA certificate:\n  - CACertificate.InvalidReference: CaCertificate.fromLookup needs exactly one of caCertificateId or caCertificateName (got neither).\n",
    );
  });

  it("an unreadable policy file in the example app: the policy problem only, exit 1", () => {
    const policy = path.join(tempDir(), "policy.json");
    fs.writeFileSync(policy, JSON.stringify({ requiredTag: ["owner"] }));
    const app = JSON.parse(fs.readFileSync(path.join(ROOT, "cdktf.json"), "utf8")).app;
    const result = spawnSync(app, {
      shell: true,
      cwd: ROOT,
      encoding: "utf8",
      env: { ...process.env, CA_POLICY_FILE: policy, CDKTF_OUTDIR: path.join(tempDir(), "out") },
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(
      new RegExp(`^${policy.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: invalid CA certificate policy: unknown key "requiredTag"[^\n]*\n$`),
    );
  });

  it("an unhandled rejection of a user error: its message only, exit 1", () => {
    const result = run("rejection");
    expect(result.status).toBe(1);
    expect(result.stderr).toBe("[pki] asynchronous problem: the user's to fix\n");
  });

  it("a bug keeps its stack trace, exit 1", () => {
    const result = run("bug");
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("Error: something the library did not expect");
    expect(result.stderr).toMatch(STACK_FRAME);
  });
});

describe("through npm run synth (the cdktf CLI, which repeats an app's stderr)", () => {
  function npmRunSynth(env: NodeJS.ProcessEnv) {
    const result = spawnSync("npm", ["run", "synth"], { cwd: ROOT, encoding: "utf8", env: { ...process.env, ...env } });
    return { status: result.status, output: `${result.stdout}${result.stderr}` };
  }

  it("two policy violations: each printed once, no stack frames, at most 15 lines", () => {
    const policy = path.join(tempDir(), "policy.json");
    fs.writeFileSync(policy, JSON.stringify({ requiredTags: ["cost-center"], allowedRegions: ["cn-hangzhou"] }));
    const { status, output } = npmRunSynth({ CA_POLICY_FILE: policy, ALICLOUD_REGION: "cn-beijing" });
    expect(status).not.toBe(0);
    const lines = output.trimEnd().split("\n");
    expect(lines.length).toBeLessThanOrEqual(15);
    expect(output).not.toMatch(STACK_FRAME);
    for (const problem of [
      '[pki/ClientCa] Policy.RequiredTag: tag "cost-center" is required',
      '[pki/ClientCa] Policy.Region: region "cn-beijing" is not approved',
    ]) {
      expect(output.split(problem).length - 1).toBe(1);
    }
    expect(output).toContain("Synth failed with 2 errors; nothing was written to cdktf.out:");
    // docs/pipelines.md shows this very output.
    const doc = fs.readFileSync(path.join(ROOT, "docs", "pipelines.md"), "utf8");
    const shown = /A failing synth in a job prints each problem once\.[^\n]*\n\n```\n([\s\S]*?)```/.exec(doc);
    expect(shown?.[1].trim()).toBe(output.trim());
  });

  it("a private key given as the CA: both problems once, no stack frames, no object dump", () => {
    const { status, output } = npmRunSynth({ CA_CERTIFICATE_FILE: path.join(ROOT, "__tests__", "fixtures", "key-pkcs8.pem") });
    expect(status).not.toBe(0);
    expect(output.trimEnd().split("\n").length).toBeLessThanOrEqual(15);
    expect(output).not.toMatch(STACK_FRAME);
    expect(output).not.toContain("problems: [");
    expect(output.split("- CertificateFormatInvalid.PrivateKeyIncluded:").length - 1).toBe(1);
    expect(output.split("- CertificateFormatInvalid:").length - 1).toBe(1);
  });
});

describe("the cdktf wrapper (slb-ca synth, behind npm run synth)", () => {
  const CDKTF_CLI = path.join(ROOT, "node_modules", "cdktf-cli", "bundle", "bin", "cdktf");

  it("a synth into a log has no spinner frames or escape codes; cdktf alone has (control)", () => {
    const outdir = path.join(tempDir(), "out");
    const args = ["synth", "--app", "node --import tsx __tests__/apps/mixed-app.ts", "--output", outdir];
    const { CI: _ci, ...withoutCi } = process.env;
    // eslint-disable-next-line no-control-regex -- an escape sequence (ESC [) is what this looks for
    const spinner = /[\u2800-\u28ff]|\u001b\[/;
    const wrapped = spawnSync(process.execPath, ["--import", "tsx", "cli/slb-ca.ts", ...args], { cwd: ROOT, encoding: "utf8", env: withoutCi });
    expect(wrapped.status).toBe(0);
    expect(wrapped.stdout).toContain("Generated Terraform code for the stacks: first, second");
    expect(`${wrapped.stdout}${wrapped.stderr}`).not.toMatch(spinner);
    const plain = spawnSync(process.execPath, [CDKTF_CLI, ...args], {
      cwd: ROOT,
      encoding: "utf8",
      env: { ...withoutCi, CHECKPOINT_DISABLE: "1", CDKTF_DISABLE_PLUGIN_CACHE_ENV: "1" },
    });
    expect(plain.status).toBe(0);
    expect(plain.stdout).toMatch(spinner);
  });
});
