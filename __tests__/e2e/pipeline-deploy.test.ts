/**
 * The example pipelines' deploy and expiry-check jobs, end to end: the very
 * commands of scripts/pipeline-commands.js (which the YAML files and docs/pipelines.md
 * are checked against), run through npm in a temporary app folder with the
 * environment the GitHub Actions job gives them, against the local SLB
 * provider with the real cdktf CLI and terraform.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { facts } from "../support/fixtures";
import { CERTS, PROJECT, Workspace } from "./harness";
import { INSTALL, StepResult, runJob } from "./pipeline-jobs";
import { githubStepEnvNames } from "../support/pipeline-files";
import { opensslCaCertificate } from "../support/openssl-ca";

import { PIPELINE_COMMANDS, DEPLOY_ARTIFACTS, EXPIRY_DAYS } from "../../scripts/pipeline-commands";

// Deploys through npm, cdktf and terraform on a busy machine: a guard against hangs, not a speed target.
const JOB_TIMEOUT_MS = 240_000;

/** The names of the variables the deploy step of the GitHub Actions file gets (job and step `env:`). */
function githubDeployEnvNames(): string[] {
  const text = fs.readFileSync(path.join(PROJECT, "examples", "pipelines", "github-actions.yml"), "utf8");
  return githubStepEnvNames(text, "deploy", "npm run deploy");
}

/**
 * What the deploy job's `env:` gives, offline. The local provider accepts any
 * credentials. OSS is out of reach, so the state variables are unset
 * (GitHub renders an unset `vars.X` as an empty string, which the app reads as
 * unset): local state, which must draw the warning under CI=true.
 */
const DEPLOY_JOB_ENV: Record<string, string> = {
  ALICLOUD_ACCESS_KEY: "LTAI-offline-e2e",
  ALICLOUD_SECRET_KEY: "offline-e2e-secret",
  ALICLOUD_SECURITY_TOKEN: "",
  ALICLOUD_REGION: "cn-hangzhou",
  STATE_OSS_BUCKET: "",
  STATE_OSS_PREFIX: "",
  STATE_TABLESTORE_ENDPOINT: "",
  STATE_TABLESTORE_TABLE: "",
  TF_VAR_server_private_key: fs.readFileSync(path.join(CERTS, "server.key"), "utf8"),
};

/**
 * A CI job's shell in this workspace: the local provider's environment and
 * CI=true (as both CIs set it), none of the npm variables of the `npm test`
 * around us, and none of the example app's settings that the job does not set.
 * npm keeps its cache and logs in the workspace, as the GitLab file does.
 */
function jobEnv(ws: Workspace, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...ws.env };
  for (const name of Object.keys(env)) {
    if (/^npm_/i.test(name) || /^(ALICLOUD|ALIBABA_?CLOUD|STATE)_/.test(name) || /^(CA_CERTIFICATE|SERVER_CERTIFICATE|CA_POLICY)_FILE$/.test(name))
      delete env[name];
  }
  // A CI runner sets no colour variable: that the log holds no escape codes is the commands' own doing.
  delete env.FORCE_COLOR;
  delete env.NO_COLOR;
  return { ...env, CI: "true", npm_config_cache: path.join(ws.dir, ".npm"), npm_config_update_notifier: "false", ...extra };
}

/** Each step's command and status; the output too when a step's status is not the one expected, so that a failure explains itself. */
function outcome(steps: readonly StepResult[], expected: readonly number[]): unknown[] {
  return steps.map((s, i) => ({ command: s.command, status: s.status, ...(s.status === expected[i] ? {} : { output: s.output }) }));
}

const sample = facts("examples/sample-root-ca.pem");

describe("the deploy job (PIPELINE_COMMANDS.deploy) against the local SLB provider", () => {
  let ws: Workspace;
  beforeAll(() => {
    ws = new Workspace("pipeline-deploy");
  });
  afterAll(() => ws.remove());

  it("gives the test every environment variable the GitHub Actions deploy job sets, and no other", () => {
    expect(githubDeployEnvNames().sort()).toEqual(Object.keys(DEPLOY_JOB_ENV).sort());
  });

  it(
    "runs the job's commands after npm ci: both stacks deploy, the artifacts exist, and outputs.json holds SLB's ID and openssl's fingerprint",
    () => {
      // `npm ci` is the install this test stands on; it must be the first command, so that skipping it hides nothing.
      expect(PIPELINE_COMMANDS.deploy[0]).toBe(INSTALL);
      const steps = runJob("deploy", ws.dir, jobEnv(ws, DEPLOY_JOB_ENV));
      const commands = PIPELINE_COMMANDS.deploy.slice(1);
      expect(
        outcome(
          steps,
          commands.map(() => 0),
        ),
      ).toEqual(commands.map((command) => ({ command, status: 0 })));

      // CI=true and local state: the warning that the runner loses it.
      expect(steps.map((s) => s.output).join("")).toContain(
        "Warning: stacks pki, edge keep Terraform state in a local file, and this CI runner loses it when the job ends",
      );
      for (const artifact of DEPLOY_ARTIFACTS) expect({ artifact, exists: fs.existsSync(path.join(ws.dir, artifact)) }).toEqual({ artifact, exists: true });
      // A log fit for CI: no escape codes, no status bar, each output value whole on its line, and a summary per stack.
      const log = steps.map((s) => s.output).join("");
      expect(log.includes("\u001b")).toBe(false);
      expect(log).not.toMatch(/Stacks? (?:done|waiting)/);
      expect(log).toContain(`ClientCa_fingerprint_sha256 = ${sample.sha256}\n`);
      expect(log).toMatch(/\nDeploy summary:\n {2}pki {3}deployed\n {2}edge {2}deployed\n/);

      const account = ws.account();
      expect(account.caCertificates).toHaveLength(1);
      const [ca] = account.caCertificates;
      const outputs = JSON.parse(fs.readFileSync(path.join(ws.dir, "cdktf.out", "outputs.json"), "utf8"));
      expect(outputs.pki.ClientCa.ClientCa_ca_certificate_id).toBe(ca.CACertificateId);
      expect(outputs.pki.ClientCa.ClientCa_fingerprint).toBe(ca.Fingerprint);
      expect(outputs.pki.ClientCa.ClientCa_fingerprint).toBe(sample.sha1);
      // The inventory artifact describes the same certificate.
      const inventory = JSON.parse(fs.readFileSync(path.join(ws.dir, "cdktf.out", "ca-certificates.json"), "utf8"));
      expect(inventory.certificates.map((c: { fingerprint: string }) => c.fingerprint)).toEqual([sample.sha1]);
      // edge deployed too, after pki: its listener trusts pki's CA.
      expect(account.listeners.map((l) => l.CACertificateId)).toEqual([ca.CACertificateId]);
    },
    JOB_TIMEOUT_MS,
  );
});

it(
  "a deploy job whose upload is refused (SLB answers NoPermission, which the provider does not retry) exits non-zero through the same command, and deploys nothing after it",
  () => {
    const ws = new Workspace("pipeline-deploy-fails");
    try {
      const steps = runJob("deploy", ws.dir, jobEnv(ws, { ...DEPLOY_JOB_ENV, SLB_EMULATOR_FAIL: "UploadCACertificate:1:NoPermission" }));
      const last = PIPELINE_COMMANDS.deploy[PIPELINE_COMMANDS.deploy.length - 1];
      expect(steps.map((s) => s.command)).toEqual(PIPELINE_COMMANDS.deploy.slice(1));
      expect(steps[steps.length - 1].command).toBe(last);
      expect(steps[steps.length - 1].status).not.toBe(0);
      expect(steps[steps.length - 1].output).toContain("NoPermission");
      const account = ws.account();
      expect(account.calls.filter((c) => c.action === "UploadCACertificate").map((c) => c.result)).toEqual(["NoPermission"]);
      expect([account.caCertificates, account.serverCertificates, account.loadBalancers, account.listeners]).toEqual([[], [], [], []]);
    } finally {
      ws.remove();
    }
  },
  JOB_TIMEOUT_MS,
);

it(
  `the expiry-check job's commands after npm ci exit as the sample CA's notAfter says, and fail naming a CA that expires within ${EXPIRY_DAYS} days`,
  () => {
    expect(PIPELINE_COMMANDS["expiry-check"][0]).toBe(INSTALL);
    // A fresh folder, as a scheduled job starts from a fresh checkout: the inventory comes from the job's own synth.
    const ws = new Workspace("pipeline-expiry");
    try {
      const steps = runJob("expiry-check", ws.dir, jobEnv(ws));
      // openssl's notAfter at fixture generation, counted from now as the inventory does.
      const expiresWithin = Date.parse(sample.notAfter) - Date.now() < EXPIRY_DAYS * 86_400_000;
      const commands = PIPELINE_COMMANDS["expiry-check"].slice(1);
      const expected = commands.map((_, i) => (i === commands.length - 1 && expiresWithin ? 1 : 0));
      expect(outcome(steps, expected)).toEqual(commands.map((command, i) => ({ command, status: expected[i] })));
      // The check read this job's inventory: it names the sample CA.
      expect(steps[steps.length - 1].output).toContain(sample.sha1);

      // The failing path, in the same workspace: a CA that expires in 10 days (< EXPIRY_DAYS),
      // made by openssl now, as the app's CA_CERTIFICATE_FILE.
      expect(EXPIRY_DAYS).toBeGreaterThan(10);
      const cert = opensslCaCertificate(ws.dir, "expiring-ca", "/CN=Expiring Test CA", 10);
      const sha1 = execFileSync("openssl", ["x509", "-in", cert, "-noout", "-fingerprint", "-sha1"], { encoding: "utf8" })
        .trim()
        .replace(/^.*=/, "")
        .toLowerCase();
      // With the example policy (minValidityDays 30, as EXPIRY_DAYS) the job already fails at synth, naming it.
      const refused = runJob("expiry-check", ws.dir, jobEnv(ws, { CA_CERTIFICATE_FILE: cert }));
      expect(outcome(refused, [1])).toEqual([{ command: commands[0], status: 1 }]);
      expect(refused[0].output).toMatch(
        /\[pki\/ClientCa\] Policy\.MinValidity: the certificate expires on \S+, in (9|10) days; the policy requires at least 30\./,
      );
      // With a policy that allows it (minValidityDays 7), synth passes and the inventory check fails, naming it.
      const policy = { ...JSON.parse(fs.readFileSync(path.join(PROJECT, "policy", "example-policy.json"), "utf8")), minValidityDays: 7 };
      fs.writeFileSync(path.join(ws.dir, "short-policy.json"), JSON.stringify(policy));
      const failing = runJob("expiry-check", ws.dir, jobEnv(ws, { CA_CERTIFICATE_FILE: cert, CA_POLICY_FILE: path.join(ws.dir, "short-policy.json") }));
      const failed = commands.map((_, i) => (i === commands.length - 1 ? 1 : 0));
      expect(outcome(failing, failed)).toEqual(commands.map((command, i) => ({ command, status: failed[i] })));
      expect(failing[failing.length - 1].output).toMatch(
        new RegExp(`1 CA certificate expires within ${EXPIRY_DAYS} days:\\n  pki/ClientCa \\(.*SHA-1 ${sha1}\\): expires \\S+, (9|10) days left`),
      );
      expect(failing[failing.length - 1].output).not.toContain(sample.sha1);
    } finally {
      ws.remove();
    }
  },
  JOB_TIMEOUT_MS,
);
