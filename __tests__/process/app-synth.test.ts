/**
 * Synth through the real entry points: the app command from cdktf.json (what
 * `cdktf synth` runs) and the cdktf CLI itself. Slow-ish (a process each), so
 * kept to the cases that only a real run can show.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { snapshot } from "../support/directory-snapshot";
import { expectedExampleInventory, fixture } from "../support/fixtures";
import { tempDir as newTempDir } from "../support/temp-dir";

const ROOT = path.join(__dirname, "..", "..");
const APP_COMMAND: string = JSON.parse(fs.readFileSync(path.join(ROOT, "cdktf.json"), "utf8")).app;
const MIXED_APP = "node --import tsx __tests__/apps/mixed-app.ts";

const tempDir = () => newTempDir("synth-test-");

/** Runs an app command as cdktf does: in the project, with CDKTF_OUTDIR set. */
function runApp(command: string, outdir: string, env: NodeJS.ProcessEnv = {}, cwd = ROOT) {
  const result = spawnSync(command, { shell: true, cwd, encoding: "utf8", env: { ...process.env, CHECKPOINT_DISABLE: "1", CDKTF_OUTDIR: outdir, ...env } });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe("the example app through its app command", () => {
  it("synthesizes both stacks", () => {
    const outdir = tempDir();
    const run = runApp(APP_COMMAND, outdir);
    expect(run.status).toBe(0);
    expect(Object.keys(snapshot(outdir)).sort()).toEqual(["ca-certificates.json", "manifest.json", "stacks/edge/cdk.tf.json", "stacks/pki/cdk.tf.json"]);
  });

  it("is deterministic: other working directory, other time, byte-identical stack JSON", () => {
    const first = tempDir();
    const second = tempDir();
    // The inventory's day is pinned for the first pair of runs; the stacks must not care about it at all.
    expect(runApp(APP_COMMAND, first, { SOURCE_DATE_EPOCH: "1780000000" }).status).toBe(0);
    // Another working directory (node still finds tsx by walking up), later, and another inventory day.
    const elsewhere = APP_COMMAND.replace("main.ts", path.join(ROOT, "main.ts"));
    expect(runApp(elsewhere, second, { SOURCE_DATE_EPOCH: "1790000000" }, path.join(ROOT, "app")).status).toBe(0);
    const stacksOf = (dir: string) => Object.fromEntries(Object.entries(snapshot(dir)).filter(([file]) => file !== "ca-certificates.json"));
    expect(stacksOf(second)).toEqual(stacksOf(first));
    const text = Object.values(snapshot(first))
      .map((b64) => Buffer.from(b64, "base64").toString())
      .join("\n");
    expect(text).not.toContain(ROOT);
    expect(text).not.toContain(os.tmpdir());
  });

  it("writes the inventory of the example app, exactly, reproducibly with SOURCE_DATE_EPOCH", () => {
    const [a, b] = [tempDir(), tempDir()];
    expect(runApp(APP_COMMAND, a, { SOURCE_DATE_EPOCH: "1780000000" }).status).toBe(0);
    expect(runApp(APP_COMMAND, b, { SOURCE_DATE_EPOCH: "1780000000" }).status).toBe(0);
    const read = (dir: string) => fs.readFileSync(path.join(dir, "ca-certificates.json"), "utf8");
    expect(read(b)).toBe(read(a));
    expect(JSON.parse(read(a))).toEqual(expectedExampleInventory(new Date(1780000000 * 1000)));
  });
});

it("the example app applies the organisation policy from CA_POLICY_FILE, and a violation writes nothing", () => {
  const outdir = tempDir();
  const policy = path.join(tempDir(), "policy.json");
  fs.writeFileSync(policy, JSON.stringify({ requiredTags: ["cost-center"], allowedRegions: ["cn-hangzhou"] }));
  const run = runApp(APP_COMMAND, outdir, { CA_POLICY_FILE: policy, ALICLOUD_REGION: "cn-beijing" });
  expect(run.status).not.toBe(0);
  expect(run.output).toContain('[pki/ClientCa] Policy.RequiredTag: tag "cost-center" is required');
  expect(run.output).toContain('[pki/ClientCa] Policy.Region: region "cn-beijing" is not approved; allowed: cn-hangzhou.');
  expect(fs.readdirSync(outdir)).toEqual([]);
});

describe("atomic synth: one bad certificate among good ones", () => {
  /** A good synth, then a bad one whose good first stack differs (another region), so that rewriting it would show. */
  function goodThenBad(defect: string, extraEnv: NodeJS.ProcessEnv = {}) {
    const outdir = tempDir();
    expect(runApp(MIXED_APP, outdir, extraEnv).status).toBe(0);
    const before = snapshot(outdir);
    expect(Object.keys(before)).toContain("stacks/first/cdk.tf.json");
    const run = runApp(MIXED_APP, outdir, { ...extraEnv, MIXED_APP_DEFECT: defect, MIXED_APP_FIRST_REGION: "cn-shanghai" });
    return { run, before, after: snapshot(outdir) };
  }

  it("control: with cdktf's plain App the same failure rewrites the first stack, so the checks below can fail", () => {
    const { run, before, after } = goodThenBad("provider", { MIXED_APP_PLAIN: "1" });
    expect(run.status).not.toBe(0);
    expect(after["stacks/first/cdk.tf.json"]).not.toBe(before["stacks/first/cdk.tf.json"]);
  });

  it("a refused certificate fails the app and leaves the earlier output byte for byte", () => {
    const { run, before, after } = goodThenBad("certificate");
    expect(run.status).not.toBe(0);
    expect(run.output).toContain("[second/Leaf] 1 problem with the CA certificate:");
    expect(run.output).toContain("CACertificate.NotCA");
    expect(after).toEqual(before);
  });

  it("a synth-time validation failure in the second stack writes nothing either", () => {
    const { run, before, after } = goodThenBad("provider");
    expect(run.status).not.toBe(0);
    expect(run.output).toContain("CACertificate.NoProvider");
    expect(after).toEqual(before);
  });

  it("a certificate with its private key fails without printing the key", () => {
    const { run, before, after } = goodThenBad("key");
    expect(run.status).not.toBe(0);
    expect(run.output).toContain("CertificateFormatInvalid.PrivateKeyIncluded");
    const keyLines = fixture("key-pkcs8.pem")
      .split("\n")
      .filter((line) => line && !line.startsWith("-----"));
    for (const line of keyLines) expect(run.output).not.toContain(line);
    expect(after).toEqual(before);
  });

  it("through the cdktf CLI too: `cdktf synth` exits non-zero and cdktf.out is unchanged", () => {
    const project = tempDir();
    const outdir = path.join(project, "out");
    const cli = (defect: string, firstRegion = "cn-hangzhou") =>
      spawnSync(process.execPath, ["--import", "tsx", path.join(ROOT, "cli", "slb-ca.ts"), "synth", "--app", MIXED_APP, "--output", outdir], {
        cwd: ROOT,
        encoding: "utf8",
        env: { ...process.env, MIXED_APP_DEFECT: defect, MIXED_APP_FIRST_REGION: firstRegion },
      });
    expect(cli("").status).toBe(0);
    const before = snapshot(outdir);
    expect(cli("provider", "cn-shanghai").status).not.toBe(0);
    expect(snapshot(outdir)).toEqual(before);
  });
});
