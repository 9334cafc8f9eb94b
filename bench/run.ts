/**
 * The benchmark of issue 6 as functions: `runBench(options)` runs the parts
 * the options ask for and writes the results; bench/index.ts runs it with the
 * full options (`npm run bench`), __tests__/bench-smoke.test.ts with tiny ones.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { AppCommand, benchAppCommands } from "./app-command";
import { generateCertificatePool, PoolOptions, removePool } from "./certs";
import { BenchResults, evaluateTargets, formatReport, Machine, synthSvg } from "./report";
import { benchSynth, SynthOptions } from "./synth";
import { benchLocalCloud, LocalCloudOptions } from "./local-cloud";
import { benchLocalDeploy, benchTerraformControl } from "./local-deploy";
import { benchValidation, ValidationOptions } from "./validation";
import { buildLibraryIfMeasured, librarySource } from "./library";

export * from "./adversarial";
export * from "./app-command";
export * from "./certs";
export * from "./local-cloud";
export * from "./local-deploy";
export * from "./report";
export * from "./synth";
export * from "./synth-app";
export * from "./validation";
export * from "./library";
export * from "./stats";

export interface BenchOptions {
  readonly pool: PoolOptions;
  /** Part 1; skipped when absent. */
  readonly validation?: ValidationOptions;
  /** Part 2; skipped when absent. */
  readonly synth?: SynthOptions;
  /** Part 3; skipped when absent. The first two commands are the compared pair. */
  readonly app?: { readonly commands: readonly AppCommand[]; readonly repetitions: number; readonly warmup?: boolean };
  /** Part 4a, the local cloud's per-call cost; skipped when absent. */
  readonly localCloud?: LocalCloudOptions;
  /** Part 4b, a deploy of this many certificates through terraform, and the same without a provider (`control`); skipped when absent. */
  readonly localDeploy?: { readonly certificates: number; readonly control?: boolean };
  /** Where latest.json and synth-scaling.svg go. */
  readonly resultsDir: string;
  /** Leave the pool's temp dir in place (results.pool.file); the caller removes it. */
  readonly keepPool?: boolean;
  /** Progress lines. */
  readonly log?: (line: string) => void;
}

/** CPU model, cores, versions: what the figures were measured on. */
export function describeMachine(): Machine {
  const cpuinfo = fs.existsSync("/proc/cpuinfo") ? fs.readFileSync("/proc/cpuinfo", "utf8") : "";
  const model = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1] ?? os.cpus()[0]?.model ?? "unknown";
  let openssl = `OpenSSL ${process.versions.openssl} (Node's)`;
  try {
    openssl = `${execFileSync("openssl", ["version"], { encoding: "utf8" }).trim()} CLI, Node's OpenSSL ${process.versions.openssl}`;
  } catch {
    // keep Node's
  }
  return {
    cpu: model.trim(),
    cores: os.cpus().length,
    node: process.version,
    openssl,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    memoryGB: Math.round(os.totalmem() / 1e9),
    loadAverageAtStart: os.loadavg()[0],
  };
}

/** Runs the benchmark; writes `latest.json` and `synth-scaling.svg` into `resultsDir`; returns the results. */
export async function runBench(options: BenchOptions): Promise<BenchResults> {
  const log = options.log ?? (() => {});
  const started = performance.now();
  const startedAt = new Date().toISOString();
  const machine = describeMachine();
  log(`machine: ${machine.cpu}, ${machine.cores} cores, Node ${machine.node}; load average ${machine.loadAverageAtStart.toFixed(2)}`);

  buildLibraryIfMeasured(log);
  const pool = await generateCertificatePool(options.pool);
  const kinds: Record<string, number> = {};
  for (const c of pool.certificates) kinds[c.kind] = (kinds[c.kind] ?? 0) + 1;
  log(`pool: ${pool.pems.length} certificates in ${(pool.generationMs / 1000).toFixed(1)} s (${pool.dir})`);

  try {
    let validation;
    if (options.validation) {
      log("1. validation ...");
      validation = benchValidation(pool.pems, options.validation);
    }
    let synth;
    if (options.synth) {
      log("2. synth ...");
      synth = benchSynth(pool.file, options.synth, log);
    }
    let app;
    if (options.app) {
      log("3. app command ...");
      app = benchAppCommands(options.app.commands, options.app.repetitions, log, options.app.warmup ?? true);
    }
    let localCloud;
    if (options.localCloud) {
      log("4. local cloud: per-call cost ...");
      localCloud = benchLocalCloud(pool.pems, options.localCloud, log);
    }
    let localDeploy;
    if (options.localDeploy) {
      log("4. local cloud: a large deploy through terraform ...");
      localDeploy = benchLocalDeploy(pool.pems, options.localDeploy.certificates, log);
    }
    const terraformControl = options.localDeploy?.control ? benchTerraformControl(pool.pems, options.localDeploy.certificates, log) : undefined;
    const results: BenchResults = {
      startedAt,
      library: librarySource(),
      durationMs: performance.now() - started,
      machine,
      pool: { size: pool.pems.length, kinds, generationMs: pool.generationMs, file: options.keepPool ? pool.file : undefined },
      validation,
      synth,
      app,
      localCloud,
      localDeploy,
      terraformControl,
      targets: evaluateTargets(validation, synth, app, localCloud, localDeploy),
    };
    fs.mkdirSync(options.resultsDir, { recursive: true });
    fs.writeFileSync(path.join(options.resultsDir, "latest.json"), `${JSON.stringify(results, null, 2)}\n`);
    if (synth) fs.writeFileSync(path.join(options.resultsDir, "synth-scaling.svg"), synthSvg(synth));
    return results;
  } finally {
    if (!options.keepPool) removePool(pool);
  }
}

export { formatReport };
