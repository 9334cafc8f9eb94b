/**
 * The example pipelines (examples/pipelines/) run exactly the commands of
 * scripts/pipeline-commands.js, which docs/pipelines.md lists and the end-to-end
 * deploy test runs; their credentials are variables the alicloud provider reads.
 * Plus `npm run deploy`'s arguments, its local-state warning, and its exit code,
 * and that the end-to-end test (__tests__/e2e/pipeline-deploy.test.ts) runs the
 * same list.
 * These start a child process (`npm run deploy` and `npm run inventory`); the rest of the file's tests are in __tests__/pipelines.test.ts.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { extraArgs, localStateWarning, stackArgs } from "../../cli/cdktf/deploy";

const ROOT = path.join(__dirname, "..", "..");

describe("npm run deploy", () => {
  it("deploys each synthesized stack in a cdktf run of its own, without prompting, and without colour for a log", () => {
    expect(stackArgs("deploy", "pki", "cdktf.out", ["--var", "x=1"], false)).toEqual([
      "deploy",
      "pki",
      "--output",
      "cdktf.out",
      "--skip-synth",
      "--auto-approve",
      "--ignore-missing-stack-dependencies",
      "--no-color",
      "--var",
      "x=1",
    ]);
    expect(stackArgs("destroy", "edge", "out", [], true)).toEqual([
      "destroy",
      "edge",
      "--output",
      "out",
      "--skip-synth",
      "--auto-approve",
      "--ignore-missing-stack-dependencies",
    ]);
  });

  it("adds --skip-provider-lock once under DEPLOY_SKIP_PROVIDER_LOCK=1 (the local provider's environment), and nothing otherwise", () => {
    expect(extraArgs(["--var", "x=1"], { DEPLOY_SKIP_PROVIDER_LOCK: "1" })).toEqual(["--skip-provider-lock", "--var", "x=1"]);
    expect(extraArgs(["--skip-provider-lock"], { DEPLOY_SKIP_PROVIDER_LOCK: "1" })).toEqual(["--skip-provider-lock"]);
    expect(extraArgs(["--var", "x=1"], {})).toEqual(["--var", "x=1"]);
  });

  it("warns under CI=true that local state is lost with the runner; not with OSS state, not outside CI", () => {
    const stacks = [
      { name: "pki", localState: true },
      { name: "edge", localState: false },
    ];
    expect(localStateWarning(stacks, { CI: "true" })).toMatch(/^Warning: stack pki keeps Terraform state in a local file, and this CI runner loses it/);
    expect(localStateWarning([{ name: "edge", localState: false }], { CI: "true" })).toBeNull();
    expect(localStateWarning(stacks, {})).toBeNull();
  });

  it("exits non-zero when a stack fails (here: terraform init finds no provider), after warning about local state, leaving no outputs.json (not even an earlier deploy's)", () => {
    const temp = fs.mkdtempSync(path.join(os.tmpdir(), "deploy-"));
    const outdir = path.join(temp, "a", "b", "out");
    // An earlier deploy's outputs, which synth keeps: they must not pass for this deploy's.
    fs.mkdirSync(outdir, { recursive: true });
    fs.writeFileSync(path.join(outdir, "outputs.json"), '{"pki":{"ClientCa":{"ClientCa_ca_certificate_id":"old"}}}\n');
    // Offline and deterministic: terraform may install providers only from an empty mirror.
    fs.mkdirSync(path.join(temp, "empty-mirror"));
    const cliConfig = path.join(temp, "terraformrc");
    fs.writeFileSync(cliConfig, `provider_installation {\n  filesystem_mirror {\n    path = "${path.join(temp, "empty-mirror")}"\n  }\n}\n`);
    const run = spawnSync(process.execPath, ["--import", "tsx", path.join(ROOT, "cli", "slb-ca.ts"), "deploy"], {
      cwd: ROOT,
      encoding: "utf8",
      env: { ...process.env, CI: "true", DEPLOY_OUTDIR: outdir, TF_CLI_CONFIG_FILE: cliConfig, CDKTF_DISABLE_PLUGIN_CACHE_ENV: "true" },
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("Warning: stacks pki, edge keep Terraform state in a local file");
    // The summary names the failed stack, and nothing calls it done (cdktf's status bar would: "1 Stack done").
    expect(run.stdout).toMatch(/\nDeploy summary:\n {2}pki {3}FAILED\n {2}edge {2}not run \(stopped after pki failed\)\n$/);
    expect(`${run.stdout}${run.stderr}`).not.toMatch(/Stacks? done/);
    expect(fs.existsSync(path.join(outdir, "manifest.json"))).toBe(true);
    expect(fs.existsSync(path.join(outdir, "outputs.json"))).toBe(false);
  });
});

it("npm run inventory reads the current folder's cdktf.out, as the pipeline scripts all do, not the project's", () => {
  const app = fs.mkdtempSync(path.join(os.tmpdir(), "inventory-cwd-"));
  try {
    fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(app, "node_modules"));
    const run = spawnSync(process.execPath, ["--import", "tsx", path.join(ROOT, "cli", "slb-ca.ts"), "inventory"], { cwd: app, encoding: "utf8" });
    expect({ status: run.status, stderr: run.stderr.trim() }).toEqual({
      status: 1,
      stderr: `No inventory at ${path.join(fs.realpathSync(app), "cdktf.out", "ca-certificates.json")}: synthesize the app first (slb-ca synth); it writes the inventory when it calls \`CaCertificateInventory.addTo(app)\`.`,
    });
    // A synth without the inventory (its manifest.json there): the message names the call to add.
    fs.mkdirSync(path.join(app, "cdktf.out"));
    fs.writeFileSync(path.join(app, "cdktf.out", "manifest.json"), "{}");
    const synthesized = spawnSync(process.execPath, ["--import", "tsx", path.join(ROOT, "cli", "slb-ca.ts"), "inventory"], { cwd: app, encoding: "utf8" });
    expect({ status: synthesized.status, stderr: synthesized.stderr.trim() }).toEqual({
      status: 1,
      stderr: `No inventory at ${path.join(fs.realpathSync(app), "cdktf.out", "ca-certificates.json")}: the last synth wrote none, so the app does not call \`CaCertificateInventory.addTo(app)\`; add it after \`new AtomicApp()\`, then synthesize again (slb-ca synth).`,
    });
  } finally {
    fs.rmSync(app, { recursive: true, force: true });
  }
});
