/**
 * Part 4b of the bench: one large deploy through the real terraform against the
 * local provider, to see whether the local cloud slows as it fills within one
 * deploy. A configuration of N alicloud_slb_ca_certificate resources (the
 * pool's PEMs in turn, each its own name) is applied into an empty account;
 * the account's call log gives the time of every UploadCACertificate, and the
 * gaps between consecutive uploads are compared at the start and at the end
 * (median gap of the first and of the last tenth of the uploads). A gap is
 * Terraform's work plus the local cloud's; the log also says how long the
 * local cloud took to serve each upload (`changeMs`), compared the same way,
 * as is the CPU time the provider process used between consecutive uploads
 * (everything it did for one resource), which tells the two apart. A control
 * deploy without any provider (Terraform's built-in terraform_data, the same
 * PEMs as input, a local-exec provisioner that writes the time of each
 * creation with GNU date) shows Terraform's gaps for resources of its own.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { callLogPath, readCalls } from "../emulator/call-log";
import { median } from "./stats";

import { localCloudEnv } from "../local-cloud/provider-install";

export interface LocalDeployResult {
  readonly certificates: number;
  /** terraform apply, wall time. */
  readonly applyMs: number;
  readonly uploads: number;
  /** Median gap between consecutive uploads in the first and in the last tenth of them. */
  readonly startGapMs: number;
  readonly endGapMs: number;
  /** endGapMs / startGapMs: 1 when the deploy does not slow as the account fills. */
  readonly gapRatio: number;
  /** Median gap over the whole deploy. */
  readonly medianGapMs: number;
  /** Median time the local cloud took to serve an upload, in the first and in the last tenth of the uploads. */
  readonly startServeMs: number;
  readonly endServeMs: number;
  /** Median CPU time the provider process used between consecutive uploads (everything it did for one resource), first and last tenth. */
  readonly startProviderCpuMs: number;
  readonly endProviderCpuMs: number;
}

/** The Terraform JSON configuration of N CA certificates in one stack, with the provider version the local mirror serves. */
function configuration(pems: readonly string[], certificates: number, version: string): object {
  return {
    terraform: { required_providers: { alicloud: { source: "aliyun/alicloud", version } } },
    provider: { alicloud: { region: "cn-hangzhou" } },
    resource: {
      alicloud_slb_ca_certificate: Object.fromEntries(
        Array.from({ length: certificates }, (_, i) => [`ca${i}`, { ca_certificate: pems[i % pems.length], ca_certificate_name: `bench-${i}` }]),
      ),
    },
  };
}

function providerVersion(): string {
  const dir = path.join(__dirname, "..", "schema-cache");
  const file = fs.readdirSync(dir).find((f) => f.startsWith("alicloud@") && f.endsWith(".json"))!;
  return JSON.parse(fs.readFileSync(path.join(dir, file), "utf8")).provider_versions["registry.terraform.io/aliyun/alicloud"];
}

function terraform(args: string[], cwd: string, env: NodeJS.ProcessEnv): void {
  const run = spawnSync("terraform", args, { cwd, env, encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
  if (run.error) throw run.error;
  if (run.status !== 0) throw new Error(`terraform ${args.join(" ")} exited ${run.status}:\n${run.stdout}${run.stderr}`.slice(0, 4000));
}

/** Gaps between consecutive times, in ms. */
function gaps(times: readonly number[]): number[] {
  return times.slice(1).map((t, i) => t - times[i]);
}

/** The control: N terraform_data resources holding the same PEMs, each writing its creation time (ms) to `times`. */
function controlConfiguration(pems: readonly string[], certificates: number, times: string): object {
  return {
    resource: {
      terraform_data: Object.fromEntries(
        Array.from({ length: certificates }, (_, i) => [
          `ca${i}`,
          {
            input: { pem: pems[i % pems.length], name: `bench-${i}` },
            provisioner: [{ "local-exec": { command: `date +%s%3N >> ${JSON.stringify(times)}` } }],
          },
        ]),
      ),
    },
  };
}

/** Terraform's own gaps: the same deploy without a provider. */
export interface TerraformControlResult {
  readonly resources: number;
  readonly applyMs: number;
  readonly startGapMs: number;
  readonly endGapMs: number;
  readonly gapRatio: number;
}

export function benchTerraformControl(pems: readonly string[], certificates: number, log: (line: string) => void = () => {}): TerraformControlResult {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "slb-bench-control-"));
  try {
    const times = path.join(dir, "times");
    const env: NodeJS.ProcessEnv = { ...process.env, CHECKPOINT_DISABLE: "1", TF_INPUT: "0" };
    fs.writeFileSync(path.join(dir, "main.tf.json"), JSON.stringify(controlConfiguration(pems, certificates, times)));
    terraform(["init", "-input=false", "-no-color"], dir, env);
    log(`   control: terraform apply of ${certificates} terraform_data resources ...`);
    const started = performance.now();
    terraform(["apply", "-input=false", "-no-color", "-auto-approve"], dir, env);
    const applyMs = performance.now() - started;
    const created = fs
      .readFileSync(times, "utf8")
      .trim()
      .split("\n")
      .map(Number)
      .sort((a, b) => a - b);
    if (created.length !== certificates || created.some((t) => !Number.isFinite(t)))
      throw new Error(`the control needs GNU date (date +%s%3N); ${times} holds no times`);
    const all = gaps(created);
    const tenth = Math.max(1, Math.floor(all.length / 10));
    const startGapMs = median(all.slice(0, tenth));
    const endGapMs = median(all.slice(-tenth));
    return { resources: created.length, applyMs, startGapMs, endGapMs, gapRatio: endGapMs / startGapMs };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export function benchLocalDeploy(pems: readonly string[], certificates: number, log: (line: string) => void = () => {}): LocalDeployResult {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "slb-bench-deploy-"));
  try {
    const state = path.join(dir, "account.json");
    const env: NodeJS.ProcessEnv = { ...localCloudEnv({ dir: path.join(__dirname, "..", ".local-cloud"), state }), CHECKPOINT_DISABLE: "1", TF_INPUT: "0" };
    delete env.SLB_EMULATOR_FAIL;
    delete env.SLB_EMULATOR_LAG;
    fs.writeFileSync(path.join(dir, "main.tf.json"), JSON.stringify(configuration(pems, certificates, providerVersion())));
    terraform(["init", "-input=false", "-no-color"], dir, env);
    log(`   terraform apply of ${certificates} CA certificates ...`);
    const started = performance.now();
    terraform(["apply", "-input=false", "-no-color", "-auto-approve"], dir, env);
    const applyMs = performance.now() - started;
    const uploads = readCalls(state, callLogPath(state)).filter((c) => c.action === "UploadCACertificate" && c.result === "Success");
    if (uploads.length !== certificates) throw new Error(`expected ${certificates} uploads, the account logged ${uploads.length}`);
    const all = gaps(uploads.map((c) => Date.parse(c.time)));
    const tenth = Math.max(1, Math.floor(all.length / 10));
    const startGapMs = median(all.slice(0, tenth));
    const endGapMs = median(all.slice(-tenth));
    const serve = uploads.map((c) => c.changeMs ?? Number.NaN);
    const cpu = gaps(uploads.map((c) => c.processCpuMs ?? Number.NaN));
    return {
      certificates,
      applyMs,
      uploads: uploads.length,
      startGapMs,
      endGapMs,
      gapRatio: endGapMs / startGapMs,
      medianGapMs: median(all),
      startServeMs: median(serve.slice(0, tenth)),
      endServeMs: median(serve.slice(-tenth)),
      startProviderCpuMs: median(cpu.slice(0, tenth)),
      endProviderCpuMs: median(cpu.slice(-tenth)),
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
