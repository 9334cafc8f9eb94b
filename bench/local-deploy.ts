/**
 * Part 4b of the bench: one large deploy through the real terraform against the
 * local provider, to see whether the local cloud slows as it fills within one
 * deploy. A configuration of N alicloud_slb_ca_certificate resources (the
 * pool's PEMs in turn, each its own name) is applied into an empty account;
 * the account's call log gives the time of every UploadCACertificate, and the
 * gaps between consecutive uploads are compared at the start and at the end
 * (median gap of the first and of the last tenth of the uploads).
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { readAccount } from "../emulator/account-file";
import { median } from "./stats";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { localCloudEnv } = require("../local-cloud/local-provider") as {
  localCloudEnv(options: { state: string; base?: NodeJS.ProcessEnv }): NodeJS.ProcessEnv;
};

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

export function benchLocalDeploy(pems: readonly string[], certificates: number, log: (line: string) => void = () => {}): LocalDeployResult {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "slb-bench-deploy-"));
  try {
    const state = path.join(dir, "account.json");
    const env: NodeJS.ProcessEnv = { ...localCloudEnv({ state }), CHECKPOINT_DISABLE: "1", TF_INPUT: "0" };
    delete env.SLB_EMULATOR_FAIL;
    delete env.SLB_EMULATOR_LAG;
    fs.writeFileSync(path.join(dir, "main.tf.json"), JSON.stringify(configuration(pems, certificates, providerVersion())));
    terraform(["init", "-input=false", "-no-color"], dir, env);
    log(`   terraform apply of ${certificates} CA certificates ...`);
    const started = performance.now();
    terraform(["apply", "-input=false", "-no-color", "-auto-approve"], dir, env);
    const applyMs = performance.now() - started;
    const uploads = readAccount(state)
      .calls.filter((c) => c.action === "UploadCACertificate" && c.result === "Success")
      .map((c) => Date.parse(c.time));
    if (uploads.length !== certificates) throw new Error(`expected ${certificates} uploads, the account logged ${uploads.length}`);
    const all = gaps(uploads);
    const tenth = Math.max(1, Math.floor(all.length / 10));
    const startGapMs = median(all.slice(0, tenth));
    const endGapMs = median(all.slice(-tenth));
    return { certificates, applyMs, uploads: uploads.length, startGapMs, endGapMs, gapRatio: endGapMs / startGapMs, medianGapMs: median(all) };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
