/**
 * Part 4a of the bench: what one call of the local cloud costs as the account
 * fills. Accounts of 0, 1,000 and 5,000 CA certificates are made once; then,
 * in interleaved rounds, a batch of reads (DescribeCACertificates of one ID,
 * as the provider's Read does) and a batch of writes (SetCACertificateName, a
 * change of one record) runs on each, each call a whole withAccount as the
 * provider makes it (lock, bring the account up to date, the action, save,
 * log the call). Per-call cost is the median over rounds; the ratio to the
 * empty account is the median of the paired ratios of each round, so a busy
 * moment of the machine weighs on both sides. The first call of a new process
 * (which reads the whole file) is measured in child processes.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { describeCaCertificates, setCaCertificateName, uploadCaCertificate } from "../emulator/api/ca-certificates";
import { withAccount } from "../emulator/account-file";
import type { LocalDeployResult, TerraformControlResult } from "./local-deploy";
import { fmt, median, table, thousands } from "./stats";

const REGION = "cn-hangzhou";

export interface LocalCloudOptions {
  /** Account sizes (CA certificates); the first must be 0, the baseline of the ratios. */
  readonly sizes: readonly number[];
  readonly rounds: number;
  /** Calls per batch (each batch is timed as a whole). */
  readonly callsPerBatch: number;
  /** Child processes per size for the first call of a process; 0 skips it. */
  readonly coldRepetitions: number;
}

export interface PerCallCell {
  readonly certificates: number;
  /** Bytes of the account file when the rounds ended. */
  readonly fileBytes: number;
  readonly readMs: number;
  readonly writeMs: number;
  /** Medians of the paired per-round ratios to the empty account. */
  readonly readRatio: number;
  readonly writeRatio: number;
  /** The first call of a new process (reads the whole file), median of the child processes. */
  readonly firstCallMs?: number;
}

export interface LocalCloudResult {
  readonly rounds: number;
  readonly callsPerBatch: number;
  readonly cells: PerCallCell[];
}

/** An account of `size` certificates (the pool's PEMs in turn) and one more to call on; returns the file and that one's ID. */
function makeAccount(dir: string, size: number, pems: readonly string[]): { file: string; probe: string } {
  const file = path.join(dir, `account-${size}.json`);
  withAccount((account) => {
    for (let i = 0; i < size; i++) uploadCaCertificate(account, { RegionId: REGION, CACertificate: pems[i % pems.length], CACertificateName: `bench-${i}` });
  }, file);
  const probe = withAccount(
    (account) => uploadCaCertificate(account, { RegionId: REGION, CACertificate: pems[0], CACertificateName: "probe" }).CACertificateId,
    file,
  );
  return { file, probe };
}

function timeBatch(calls: number, call: (i: number) => void): number {
  const started = performance.now();
  for (let i = 0; i < calls; i++) call(i);
  return (performance.now() - started) / calls;
}

const CHILD = `
const { withAccount } = require(process.env.ACCOUNT_FILE_MODULE);
const { describeCaCertificates } = require(process.env.ACCOUNT_MODULE);
const started = performance.now();
withAccount((account) => describeCaCertificates(account, { RegionId: "${REGION}", CACertificateId: process.env.PROBE }), process.env.ACCOUNT);
process.stdout.write(String(performance.now() - started));
`;

/** The first call of a fresh process on `file`, in ms (the modules loaded before the clock starts). */
function firstCallMs(file: string, probe: string): number {
  const root = path.join(__dirname, "..");
  const child = spawnSync(process.execPath, ["--import", "tsx", "-e", CHILD], {
    cwd: root,
    encoding: "utf8",
    env: {
      ...process.env,
      ACCOUNT: file,
      PROBE: probe,
      ACCOUNT_FILE_MODULE: path.join(root, "emulator", "account-file"),
      ACCOUNT_MODULE: path.join(root, "emulator", "api", "ca-certificates"),
    },
  });
  if (child.status !== 0) throw new Error(`first-call child failed: ${child.stderr}`);
  return Number(child.stdout);
}

export function benchLocalCloud(pems: readonly string[], options: LocalCloudOptions, log: (line: string) => void = () => {}): LocalCloudResult {
  if (options.sizes[0] !== 0) throw new Error("the first account size must be 0: it is the baseline");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "slb-bench-local-cloud-"));
  try {
    const accounts = options.sizes.map((size) => ({ size, ...makeAccount(dir, size, pems) }));
    log(`   accounts of ${options.sizes.join(", ")} certificates made`);
    const read = (a: (typeof accounts)[number]) => () =>
      withAccount((account) => describeCaCertificates(account, { RegionId: REGION, CACertificateId: a.probe }), a.file);
    const write = (a: (typeof accounts)[number]) => (i: number) =>
      withAccount((account) => setCaCertificateName(account, { RegionId: REGION, CACertificateId: a.probe, CACertificateName: `probe-${i % 2}` }), a.file);
    // Warm-up: the engine's compiled code, and each account read once by this process.
    for (const a of accounts) {
      timeBatch(options.callsPerBatch, read(a));
      timeBatch(options.callsPerBatch, write(a));
    }
    const reads = accounts.map(() => [] as number[]);
    const writes = accounts.map(() => [] as number[]);
    for (let round = 0; round < options.rounds; round++) {
      // A different order each round: no size always runs right after another.
      const order = accounts.map((_, i) => (i + round) % accounts.length);
      for (const i of order) {
        reads[i].push(timeBatch(options.callsPerBatch, read(accounts[i])));
        writes[i].push(timeBatch(options.callsPerBatch, write(accounts[i])));
      }
    }
    const ratio = (samples: number[][], i: number) => median(samples[i].map((x, r) => x / samples[0][r]));
    const cells = accounts.map((a, i) => {
      const cold = Array.from({ length: options.coldRepetitions }, () => firstCallMs(a.file, a.probe));
      return {
        certificates: a.size,
        fileBytes: fs.statSync(a.file).size,
        readMs: median(reads[i]),
        writeMs: median(writes[i]),
        readRatio: ratio(reads, i),
        writeRatio: ratio(writes, i),
        firstCallMs: cold.length > 0 ? median(cold) : undefined,
      };
    });
    return { rounds: options.rounds, callsPerBatch: options.callsPerBatch, cells };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The printed section of part 4: per-call cost by size, then the large deploy. */
export function formatLocalCloud(perCall: LocalCloudResult | undefined, deploy: LocalDeployResult | undefined, control?: TerraformControlResult): string[] {
  const out: string[] = [];
  if (perCall) {
    out.push(`4. Local cloud: one call (a whole withAccount) by account size, ${perCall.rounds} interleaved rounds of ${perCall.callsPerBatch} calls, medians`);
    out.push(
      table([
        ["CA certificates", "read ms/call", "vs empty", "write ms/call", "vs empty", "first call of a process ms", "account file"],
        ...perCall.cells.map((c) => [
          thousands(c.certificates),
          fmt(c.readMs),
          `${fmt(c.readRatio)}×`,
          fmt(c.writeMs),
          `${fmt(c.writeRatio)}×`,
          c.firstCallMs === undefined ? "-" : fmt(c.firstCallMs),
          `${fmt(c.fileBytes / 1e6)} MB`,
        ]),
      ]),
    );
  }
  if (deploy) {
    out.push("");
    out.push(`   A deploy of ${thousands(deploy.certificates)} CA certificates through terraform: apply ${fmt(deploy.applyMs / 1000)} s`);
    out.push(
      table([
        ["per upload, median", "first tenth", "last tenth", "last / first"],
        ["gap between uploads (Terraform + local cloud), ms", fmt(deploy.startGapMs), fmt(deploy.endGapMs), `${fmt(deploy.gapRatio)}×`],
        ["local cloud's time to serve it (changeMs), ms", fmt(deploy.startServeMs), fmt(deploy.endServeMs), `${fmt(deploy.endServeMs / deploy.startServeMs)}×`],
        [
          "provider process's CPU per resource, ms",
          fmt(deploy.startProviderCpuMs),
          fmt(deploy.endProviderCpuMs),
          `${fmt(deploy.endProviderCpuMs / deploy.startProviderCpuMs)}×`,
        ],
        ...(control
          ? [
              [
                `control: ${thousands(control.resources)} terraform_data, no provider (gap between creations), ms`,
                fmt(control.startGapMs),
                fmt(control.endGapMs),
                `${fmt(control.gapRatio)}×`,
              ],
            ]
          : []),
      ]),
    );
    out.push("   What the gap gains beyond the provider process's CPU is spent outside it: in Terraform (or waiting for a core).");
    if (control)
      out.push(`   The control's apply took ${fmt(control.applyMs / 1000)} s: what grows in it is Terraform's own work per resource, with no provider.`);
  }
  return out;
}
