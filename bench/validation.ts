/**
 * Part 1: `inspectCaCertificate` against the raw native parse
 * (`new X509Certificate(pem)` plus `.fingerprint`) on the same pool.
 *
 * Both sides run in this process, interleaved (ABBA order across
 * repetitions, so that neither always runs first), after a warm-up pass of
 * each. A sample is as many passes over the whole pool as fit in `sampleMs`;
 * the figure is the median certificates per second over the repetitions.
 */
import { X509Certificate } from "crypto";
import { inspectCaCertificate } from "../constructs";
import { readCertificateFields } from "../constructs/der";
import { canonicalPem, readCertificatePem } from "../constructs/pem";
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
  /** Microseconds per certificate of each step of the validator, measured in isolation (medians). */
  readonly breakdownUs: Record<string, number>;
}

/** Keeps results alive so that no work is optimised away. */
let sink = 0;

function validateOnce(pem: string): void {
  sink += inspectCaCertificate(pem).fingerprint.length;
}

function rawOnce(pem: string): void {
  sink += new X509Certificate(pem).fingerprint.length;
}

/** Certificates per second of `work` over the pool, repeating passes for at least `sampleMs`. */
function sample(pems: readonly string[], work: (pem: string) => void, sampleMs: number): number {
  let count = 0;
  const started = performance.now();
  let elapsed = 0;
  do {
    for (const pem of pems) work(pem);
    count += pems.length;
    elapsed = performance.now() - started;
  } while (elapsed < sampleMs);
  return (count / elapsed) * 1000;
}

/** Each step of `inspectCaCertificate` on its own, in µs per certificate: where the time goes. */
function breakdown(pems: readonly string[], sampleMs: number, repetitions: number): Record<string, number> {
  const ders = pems.map((pem) => readCertificatePem(pem).der!);
  const x509s = ders.map((der) => new X509Certificate(der));
  const selfSigned = x509s.map((x) => x.issuer === x.subject);
  let i = 0;
  const steps: Record<string, (pem: string) => void> = {
    "raw: new X509Certificate(pem) + .fingerprint": rawOnce,
    "inspectCaCertificate (all)": validateOnce,
    "readCertificatePem (PEM armour, base64)": (pem) => {
      sink += readCertificatePem(pem).der!.length;
    },
    "readCertificateFields (DER walk)": () => {
      sink += readCertificateFields(ders[i++ % ders.length]).version;
    },
    "new X509Certificate(der)": () => {
      sink += new X509Certificate(ders[i++ % ders.length]).raw.length;
    },
    "x509.verify(x509.publicKey) (self-signed only)": () => {
      const k = i++ % x509s.length;
      if (selfSigned[k]) sink += x509s[k].verify(x509s[k].publicKey) ? 1 : 0;
    },
    ".fingerprint + .fingerprint256 (fresh object)": () => {
      const x = new X509Certificate(ders[i++ % ders.length]);
      sink += x.fingerprint.length + x.fingerprint256.length;
    },
    ".subject + .issuer (fresh object)": () => {
      const x = new X509Certificate(ders[i++ % ders.length]);
      sink += x.subject.length + x.issuer.length;
    },
    "canonicalPem(der)": () => {
      sink += canonicalPem(ders[i++ % ders.length]).length;
    },
  };
  const result: Record<string, number> = {};
  for (const [name, work] of Object.entries(steps)) {
    sample(pems, work, Math.min(20, sampleMs)); // warm-up
    const perSecond: number[] = [];
    for (let r = 0; r < repetitions; r++) perSecond.push(sample(pems, work, sampleMs));
    result[name] = 1e6 / median(perSecond);
  }
  // The fresh-object steps include a parse: report them net of it, so the rows add up.
  const parse = result["new X509Certificate(der)"];
  for (const name of [".fingerprint + .fingerprint256 (fresh object)", ".subject + .issuer (fresh object)"]) {
    result[name.replace(" (fresh object)", " (net of the parse)")] = Math.max(0, result[name] - parse);
    delete result[name];
  }
  return result;
}

/** Runs part 1 on the pool. */
export function benchValidation(pems: readonly string[], options: ValidationOptions): ValidationResult {
  if (pems.length === 0) throw new Error("empty pool");
  // Every certificate of the pool must pass: a failing one would measure the error path.
  for (const pem of pems) inspectCaCertificate(pem);
  // Warm-up: let both paths reach their optimised code before anything counts.
  for (let w = 0; w < 2; w++) {
    sample(pems, validateOnce, options.sampleMs);
    sample(pems, rawOnce, options.sampleMs);
  }

  const validateSamples: number[] = [];
  const rawSamples: number[] = [];
  for (let r = 0; r < options.repetitions; r++) {
    if (r % 2 === 0) {
      validateSamples.push(sample(pems, validateOnce, options.sampleMs));
      rawSamples.push(sample(pems, rawOnce, options.sampleMs));
    } else {
      rawSamples.push(sample(pems, rawOnce, options.sampleMs));
      validateSamples.push(sample(pems, validateOnce, options.sampleMs));
    }
  }
  const breakdownUs = breakdown(pems, Math.max(1, options.sampleMs / 2), Math.max(1, Math.min(options.repetitions, 5)));
  if (sink === -1) console.log(sink);
  return {
    poolSize: pems.length,
    repetitions: options.repetitions,
    validateSamples,
    rawSamples,
    validatePerSecond: median(validateSamples),
    rawPerSecond: median(rawSamples),
    // Time per certificate is 1 / rate: validate time / raw time = raw rate / validate rate.
    ratio: pairedRatio(rawSamples, validateSamples),
    breakdownUs,
  };
}
