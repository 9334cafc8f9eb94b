/**
 * `node --import tsx bench/careless-input.ts`: how long the inputs of issue 15's
 * table take to be answered now (they took a minute or more before). Times,
 * not tests: the tests only prove that nothing hangs, with generous limits.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { performance } from "perf_hooks";
import { CaCertificateFileError, PemFile } from "../constructs";
import { compileNamePattern } from "../constructs/policy/policy-rules";

const ROOT = path.join(__dirname, "..");

/** Fastest of five runs, in milliseconds. */
function fastest(run: () => void): number {
  let best = Infinity;
  for (let i = 0; i < 5; i++) {
    const start = performance.now();
    run();
    best = Math.min(best, performance.now() - start);
  }
  return best;
}

function refused(read: () => void): void {
  try {
    read();
  } catch (error) {
    if (error instanceof CaCertificateFileError) return;
    throw error;
  }
  throw new Error("expected a refusal");
}

const pattern = compileNamePattern("^(a+)+$");
if (typeof pattern === "string") throw new Error(pattern);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "careless-bench-"));
const big = path.join(dir, "big.bin");
fs.writeFileSync(big, Buffer.alloc(150_000, 0xa5));
const rows: [string, number][] = [
  ["namePattern ^(a+)+$ vs 35-char near miss (RE2)", fastest(() => pattern.matches(`${"a".repeat(34)}-`))],
  ["namePattern ^(a+)+$ vs 1000-char near miss (RE2)", fastest(() => pattern.matches(`${"a".repeat(999)}-`))],
  ["readPemFile(/dev/zero) refused", fastest(() => refused(() => PemFile.read("/dev/zero")))],
  ["readPemFile(150 KB file) refused", fastest(() => refused(() => PemFile.read(big)))],
  [
    "example app, CA_CERTIFICATE_FILE=/dev/zero (process start to exit)",
    fastest(() => {
      spawnSync(process.execPath, ["--import", "tsx", "main.ts"], { cwd: ROOT, env: { ...process.env, CA_CERTIFICATE_FILE: "/dev/zero", CDKTF_OUTDIR: dir } });
    }),
  ],
];
fs.rmSync(dir, { recursive: true, force: true });
for (const [what, ms] of rows) console.log(`${ms.toFixed(3).padStart(10)} ms  ${what}`);
