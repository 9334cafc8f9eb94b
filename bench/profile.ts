/**
 * Where the time goes: runs one synth measurement (or a validation loop) under
 * `node --cpu-prof` and prints the functions with the most inclusive and self
 * time. Not part of `npm run bench`; the findings in bench/README.md come from it.
 *
 *   node --import tsx bench/profile.ts synth construct 1000
 *   node --import tsx bench/profile.ts validation
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { buildLibraryIfMeasured, libraryModule } from "./library";
import { FULL_POOL, generateCertificatePool, readPoolFile, removePool } from "./certs";
import { summariseProfile } from "./cpuprofile";
import type { SynthKind } from "./synth-app";

const ROOT = path.join(__dirname, "..");

/** Runs `script args` under --cpu-prof; returns the main thread's profile file. */
function profileRun(script: string, args: string[], dir: string): string {
  const child = spawnSync(process.execPath, ["--cpu-prof", `--cpu-prof-dir=${dir}`, "--import", "tsx", script, ...args], {
    cwd: ROOT,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  });
  if (child.status !== 0) throw new Error(`${script} failed`);
  process.stdout.write(child.stdout);
  // tsx's loader thread writes a second, small profile: take the largest.
  const files = fs.readdirSync(dir).filter((f) => f.endsWith(".cpuprofile"));
  files.sort((a, b) => fs.statSync(path.join(dir, b)).size - fs.statSync(path.join(dir, a)).size);
  return path.join(dir, files[0]);
}

function print(file: string, top: number): void {
  const summary = summariseProfile(file, ROOT);
  const interesting = summary.functions.filter((f) => !/^\((root|program|idle)\)|node:internal\/(modules|main)|tsx\/dist|evaluate \(native\)/.test(f.function));
  const show = (title: string, key: "totalMs" | "selfMs") => {
    console.log(`\n${title} (profile ${summary.durationMs.toFixed(0)} ms)`);
    for (const f of [...interesting].sort((a, b) => b[key] - a[key]).slice(0, top)) {
      console.log(
        `${f.totalMs.toFixed(0).padStart(7)} ms total ${(f.totalShare * 100).toFixed(1).padStart(5)}%  ${f.selfMs.toFixed(0).padStart(6)} ms self  ${f.function}`,
      );
    }
  };
  show("inclusive time", "totalMs");
  show("self time", "selfMs");
}

async function main(): Promise<void> {
  const [mode = "synth", kind = "construct", n = "1000"] = process.argv.slice(2);
  buildLibraryIfMeasured((line) => console.error(line));
  const pool = await generateCertificatePool(FULL_POOL);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "slb-ca-bench-prof-"));
  try {
    if (mode === "synth") {
      const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "slb-ca-bench-synth-"));
      const args = JSON.stringify({ kind: kind as SynthKind, n: Number(n), poolFile: pool.file, outdir });
      print(profileRun(path.join(__dirname, "synth-child.ts"), [args], dir), 40);
      fs.rmSync(outdir, { recursive: true, force: true });
    } else if (mode === "validation") {
      print(profileRun(__filename, ["--validation-loop", pool.file], dir), 30);
    } else {
      throw new Error(`unknown mode ${mode}: synth or validation`);
    }
    console.log(`\nprofile kept in ${dir}`);
  } finally {
    removePool(pool);
  }
}

/** The child of `validation` mode: 40 passes of inspectCaCertificate over the pool. */
function validationLoop(poolFile: string): void {
  const pems = readPoolFile(poolFile);
  const { inspectCaCertificate } = libraryModule<typeof import("../constructs/x509/inspect-ca-certificate")>("constructs/x509/inspect-ca-certificate");
  let sink = 0;
  const started = performance.now();
  for (let k = 0; k < 40; k++) for (const pem of pems) sink += inspectCaCertificate(pem).fingerprint.length;
  console.log(`${(((performance.now() - started) / (40 * pems.length)) * 1000).toFixed(1)} µs per certificate (${sink > 0 ? "ok" : "?"})`);
}

if (process.argv[2] === "--validation-loop") {
  validationLoop(process.argv[3]);
} else {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
