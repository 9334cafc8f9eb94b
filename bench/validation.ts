/**
 * Part 1: `inspectCaCertificate` against the raw native parse
 * (`new X509Certificate(pem)` plus `.fingerprint` and `.fingerprint256`, both of
 * which the validator returns) on the same pool; and the worst single call on
 * adversarial inputs (bench/adversarial.ts).
 *
 * Both sides run in this process, interleaved (ABBA order across
 * repetitions, so that neither always runs first), after a warm-up pass of
 * each. A sample is as many passes over the whole pool as fit in `sampleMs`;
 * the figure is the median certificates per second over the repetitions.
 */
import { X509Certificate } from "crypto";
import * as v8 from "v8";
import * as vm from "vm";
import { ADVERSARIAL_INPUTS, worstSingleCall } from "./adversarial";
import { libraryModule } from "./library";
import { median, pairedRatio } from "./stats";

export interface ValidationOptions {
  /** Repetitions (samples per side). */
  readonly repetitions: number;
  /** Minimum duration of one sample; at least one pass over the pool is always made. */
  readonly sampleMs: number;
}

export interface ValidationResult {
  readonly poolSize: number;
  readonly repetitions: number;
  /** Certificates per second, one per repetition. */
  readonly validateSamples: number[];
  readonly rawSamples: number[];
  readonly validatePerSecond: number;
  readonly rawPerSecond: number;
  /** Median of the paired per-repetition ratios of time per certificate (validate / raw). */
  readonly ratio: number;
  /** The same ratio on process CPU time instead of wall time. */
  readonly cpuRatio: number;
  /**
   * Fastest validate sample against fastest raw sample (wall): other load on a
   * shared machine only ever adds time, so this is the noise floor. Information
   * only; the figure is `ratio`.
   */
  readonly bestRatio: number;
  /** Microseconds per certificate of each step of the validator, measured in isolation (medians). */
  readonly breakdownUs: Record<string, number>;
  /** The slowest adversarial input's fastest call, ms (bench/adversarial.ts). */
  readonly worstSingleCallMs: number;
  /** Which input that was. */
  readonly worstInput: string;
  /** How many adversarial inputs were timed. */
  readonly adversarialInputs: number;
}

/** Keeps results alive so that no work is optimised away. */
let sink = 0;

/** The validator's steps, from the library the bench measures (bench/library.ts), loaded before any clock. */
interface Validator {
  readonly inspectCaCertificate: (typeof import("../constructs/x509/inspect-ca-certificate"))["inspectCaCertificate"];
  readonly readCertificateFields: (typeof import("../constructs/x509/certificate-fields"))["readCertificateFields"];
  readonly readCertificatePem: (typeof import("../constructs/x509/pem"))["readCertificatePem"];
  readonly canonicalPem: (typeof import("../constructs/x509/pem-body"))["canonicalPem"];
}

function loadValidator(): Validator {
  return {
    inspectCaCertificate:
      libraryModule<typeof import("../constructs/x509/inspect-ca-certificate")>("constructs/x509/inspect-ca-certificate").inspectCaCertificate,
    readCertificateFields: libraryModule<typeof import("../constructs/x509/certificate-fields")>("constructs/x509/certificate-fields").readCertificateFields,
    readCertificatePem: libraryModule<typeof import("../constructs/x509/pem")>("constructs/x509/pem").readCertificatePem,
    canonicalPem: libraryModule<typeof import("../constructs/x509/pem-body")>("constructs/x509/pem-body").canonicalPem,
  };
}

function rawOnce(pem: string): void {
  const x509 = new X509Certificate(pem);
  sink += x509.fingerprint.length + x509.fingerprint256.length;
}

interface Rate {
  /** Certificates per second of wall time. */
  readonly wall: number;
  /** Certificates per second of process CPU time (user + system, all threads). */
  readonly cpu: number;
}

/** A full garbage collection, without needing node --expose-gc on the command line. */
function fullGc(): () => void {
  v8.setFlagsFromString("--expose-gc");
  return vm.runInNewContext("gc") as () => void;
}
const gc = fullGc();

/** Wall and CPU ms of a full GC of a heap with nothing to collect: subtracted from each sample's own GC. */
function idleGcCost(): { wall: number; cpu: number } {
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < 5; i++) {
    gc();
    const c = process.cpuUsage();
    const t = performance.now();
    gc();
    wall.push(performance.now() - t);
    const d = process.cpuUsage(c);
    cpu.push((d.user + d.system) / 1000);
  }
  return { wall: median(wall), cpu: median(cpu) };
}

/**
 * Certificates per second of `work` over the pool, repeating passes for at
 * least `sampleMs`. Each sample starts on a collected heap and ends with a
 * full GC that counts towards it (less the cost of collecting an idle heap):
 * each side pays for collecting its own garbage, and not for the other's.
 * Without this, the side that allocates more JS objects triggers the GCs
 * that also free the other side's X509Certificate handles.
 */
function sample(pems: readonly string[], work: (pem: string) => void, sampleMs: number, idle = { wall: 0, cpu: 0 }): Rate {
  gc();
  let count = 0;
  const cpuStart = process.cpuUsage();
  const started = performance.now();
  let elapsed = 0;
  do {
    for (const pem of pems) work(pem);
    count += pems.length;
    elapsed = performance.now() - started;
  } while (elapsed < sampleMs);
  gc();
  const cpu = process.cpuUsage(cpuStart);
  // The idle-GC correction is an estimate: on very short samples (the smoke
  // test's) it could exceed the work itself, so it never takes more than half.
  const corrected = (measured: number, idleCost: number) => Math.max(measured - idleCost, measured / 2);
  elapsed = corrected(performance.now() - started, idle.wall);
  const cpuMs = corrected((cpu.user + cpu.system) / 1000, idle.cpu);
  return { wall: (count / elapsed) * 1000, cpu: (count / cpuMs) * 1000 };
}

/**
 * One step of the validator, timed on its own: `prepare` makes (untimed) what
 * the step needs for one pass over the pool, `step` does the work for item i.
 */
interface Step<T> {
  readonly prepare: () => T;
  readonly step: (prepared: T, i: number) => void;
}

const MAX_PASSES = 20;

/** µs per certificate of a step: median over repetitions of passes lasting at least `sampleMs` of timed work. */
function timeStep<T>(count: number, s: Step<T>, sampleMs: number, repetitions: number): number {
  const perPass = () => {
    const prepared = s.prepare();
    const started = performance.now();
    for (let i = 0; i < count; i++) s.step(prepared, i);
    return performance.now() - started;
  };
  perPass(); // warm-up
  const samples: number[] = [];
  for (let r = 0; r < repetitions; r++) {
    let elapsed = 0;
    let passes = 0;
    // The cap keeps steps with an untimed `prepare` (a parse of the whole pool) from running for minutes.
    do {
      elapsed += perPass();
      passes++;
    } while (elapsed < sampleMs && passes < MAX_PASSES);
    samples.push((elapsed * 1000) / (passes * count));
  }
  return median(samples);
}

/**
 * Each step of `inspectCaCertificate` on its own, in µs per certificate: where
 * the time goes. Node caches X509Certificate's getters, so the getter steps
 * get fresh, already-parsed objects each pass (parsed outside the clock).
 */
function breakdown(pems: readonly string[], sampleMs: number, repetitions: number, validator: Validator): Record<string, number> {
  const { readCertificatePem, readCertificateFields, canonicalPem } = validator;
  const validateOnce = (pem: string) => void (sink += validator.inspectCaCertificate(pem).fingerprint.length);
  const ders = pems.map((pem) => readCertificatePem(pem).der!);
  const fresh = () => ders.map((der) => new X509Certificate(der));
  const selfSigned = fresh().map((x) => x.issuer === x.subject);
  const none = () => undefined;
  const steps: Record<string, Step<unknown>> = {
    "raw: new X509Certificate(pem) + .fingerprint + .fingerprint256": { prepare: none, step: (_, i) => rawOnce(pems[i]) },
    "inspectCaCertificate (all)": { prepare: none, step: (_, i) => validateOnce(pems[i]) },
    "readCertificatePem (PEM armour, base64)": { prepare: none, step: (_, i) => void (sink += readCertificatePem(pems[i]).der!.length) },
    "readCertificateFields (DER walk)": { prepare: none, step: (_, i) => void (sink += readCertificateFields(ders[i]).version) },
    "new X509Certificate(der)": { prepare: none, step: (_, i) => void (sink += new X509Certificate(ders[i]).raw.length) },
    "x509.publicKey (KeyObject)": { prepare: fresh, step: (x, i) => void (sink += (x as X509Certificate[])[i].publicKey.asymmetricKeyType!.length) },
    "x509.verify(x509.publicKey), self-signed ones": {
      prepare: fresh,
      step: (x, i) => {
        const c = (x as X509Certificate[])[i];
        if (selfSigned[i]) sink += c.verify(c.publicKey) ? 1 : 0;
      },
    },
    "x509.checkIssued(x509) (self-issued, as OpenSSL decides)": {
      prepare: fresh,
      step: (x, i) => void (sink += (x as X509Certificate[])[i].checkIssued((x as X509Certificate[])[i]) ? 1 : 0),
    },
    ".fingerprint + .fingerprint256": {
      prepare: fresh,
      step: (x, i) => void (sink += (x as X509Certificate[])[i].fingerprint.length + (x as X509Certificate[])[i].fingerprint256.length),
    },
    ".subject + .issuer": {
      prepare: fresh,
      step: (x, i) => void (sink += (x as X509Certificate[])[i].subject.length + (x as X509Certificate[])[i].issuer.length),
    },
    ".subject only": { prepare: fresh, step: (x, i) => void (sink += (x as X509Certificate[])[i].subject.length) },
    "canonicalPem(der)": { prepare: none, step: (_, i) => void (sink += canonicalPem(ders[i]).length) },
  };
  const result: Record<string, number> = {};
  for (const [name, s] of Object.entries(steps)) result[name] = timeStep(pems.length, s, sampleMs, repetitions);
  return result;
}

/** Runs part 1 on the pool. */
export function benchValidation(pems: readonly string[], options: ValidationOptions): ValidationResult {
  if (pems.length === 0) throw new Error("empty pool");
  const validator = loadValidator();
  const { inspectCaCertificate } = validator;
  const validateOnce = (pem: string) => void (sink += inspectCaCertificate(pem).fingerprint.length);
  // Every certificate of the pool must pass: a failing one would measure the error path.
  for (const pem of pems) inspectCaCertificate(pem);
  // Warm-up: let both paths reach their optimised code before anything counts.
  for (let w = 0; w < 2; w++) {
    sample(pems, validateOnce, options.sampleMs);
    sample(pems, rawOnce, options.sampleMs);
  }

  const idle = idleGcCost();
  const validateSamples: Rate[] = [];
  const rawSamples: Rate[] = [];
  for (let r = 0; r < options.repetitions; r++) {
    if (r % 2 === 0) {
      validateSamples.push(sample(pems, validateOnce, options.sampleMs, idle));
      rawSamples.push(sample(pems, rawOnce, options.sampleMs, idle));
    } else {
      rawSamples.push(sample(pems, rawOnce, options.sampleMs, idle));
      validateSamples.push(sample(pems, validateOnce, options.sampleMs, idle));
    }
  }
  const breakdownUs = breakdown(pems, Math.max(1, options.sampleMs / 2), Math.max(1, Math.min(options.repetitions, 5)), validator);
  const worst = worstSingleCall(inspectCaCertificate);
  if (sink === -1) console.log(sink);
  return {
    poolSize: pems.length,
    repetitions: options.repetitions,
    validateSamples: validateSamples.map((r) => r.wall),
    rawSamples: rawSamples.map((r) => r.wall),
    validatePerSecond: median(validateSamples.map((r) => r.wall)),
    rawPerSecond: median(rawSamples.map((r) => r.wall)),
    // Time per certificate is 1 / rate: validate time / raw time = raw rate / validate rate.
    ratio: pairedRatio(
      rawSamples.map((r) => r.wall),
      validateSamples.map((r) => r.wall),
    ),
    bestRatio: Math.max(...rawSamples.map((r) => r.wall)) / Math.max(...validateSamples.map((r) => r.wall)),
    cpuRatio: pairedRatio(
      rawSamples.map((r) => r.cpu),
      validateSamples.map((r) => r.cpu),
    ),
    breakdownUs,
    worstSingleCallMs: worst.ms,
    worstInput: worst.name,
    adversarialInputs: ADVERSARIAL_INPUTS.length,
  };
}
