/**
 * The certificate pool of the benchmark: distinct RSA CA certificates made
 * with the openssl CLI into a temporary directory at bench start.
 *
 * Keys are few and reused (key generation is the slow part of openssl, and the
 * validator's cost does not depend on which key it is); subjects and serials
 * are distinct, so every certificate has its own DER, fingerprint and
 * self-signature. Every certificate is CA:TRUE with keyCertSign, valid from
 * the moment it is made for ten years, SHA-256 signed: it passes validation
 * without warnings.
 */
import { execFile } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { promisify } from "util";

const run = promisify(execFile);

/** What goes into the pool. */
export interface PoolOptions {
  /** Self-signed RSA 2048 roots. */
  readonly rsa2048Roots: number;
  /** Self-signed RSA 4096 roots (one RSA 4096 key is generated: about half a second). */
  readonly rsa4096Roots: number;
  /** RSA 2048 intermediates issued by the first root: issuer differs from subject, so no self-signature check. */
  readonly intermediates: number;
  /** Distinct RSA 2048 keys shared round-robin by the 2048 roots and intermediates. */
  readonly rsa2048Keys: number;
  /** Parallel openssl processes. */
  readonly concurrency?: number;
}

/** The full bench: 200 certificates, 5 % RSA 4096, 5 % intermediates. */
export const FULL_POOL: PoolOptions = { rsa2048Roots: 180, rsa4096Roots: 10, intermediates: 10, rsa2048Keys: 4 };
/** The smoke test: three certificates, one of each kind but RSA 4096 (its key takes too long to make). */
export const SMOKE_POOL: PoolOptions = { rsa2048Roots: 2, rsa4096Roots: 0, intermediates: 1, rsa2048Keys: 1 };

export interface PoolCertificate {
  readonly pem: string;
  readonly kind: "rsa2048-root" | "rsa4096-root" | "rsa2048-intermediate";
}

export interface CertificatePool {
  /** The directory holding keys, certificates and `pool.json`. */
  readonly dir: string;
  /** `pool.json`: the PEMs in pool order, for the synth child processes. */
  readonly file: string;
  readonly certificates: PoolCertificate[];
  /** The PEMs, interleaving the kinds (so that a prefix of the pool is a fair sample). */
  readonly pems: string[];
  /** Wall time of the generation. */
  readonly generationMs: number;
}

async function openssl(args: string[], cwd: string): Promise<void> {
  await run("openssl", args, { cwd, env: { ...process.env, OPENSSL_CONF: "/dev/null" } });
}

async function inBatches<T>(jobs: (() => Promise<T>)[], concurrency: number): Promise<T[]> {
  const results: T[] = new Array(jobs.length);
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const index = next++;
      results[index] = await jobs[index]();
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, jobs.length) }, worker));
  return results;
}

const CA_EXTENSIONS = ["-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign"];
const INTERMEDIATE_EXTENSIONS = ["-addext", "basicConstraints=critical,CA:TRUE,pathlen:0", "-addext", "keyUsage=critical,keyCertSign,cRLSign"];

/** Interleaves the kinds: r r r ... 4096 ... intermediate ..., spread evenly. */
function interleave(certificates: PoolCertificate[]): string[] {
  const byKind = new Map<string, PoolCertificate[]>();
  for (const c of certificates) byKind.set(c.kind, [...(byKind.get(c.kind) ?? []), c]);
  const ranked: { pem: string; rank: number }[] = [];
  for (const list of byKind.values()) list.forEach((c, i) => ranked.push({ pem: c.pem, rank: (i + 0.5) / list.length }));
  return ranked.sort((a, b) => a.rank - b.rank).map((r) => r.pem);
}

/**
 * Generates the pool with openssl into a new temporary directory.
 * @param options how many certificates of each kind
 * @param parent where to make the temporary directory (default: the OS temp dir)
 */
export async function generateCertificatePool(options: PoolOptions, parent = os.tmpdir()): Promise<CertificatePool> {
  const started = performance.now();
  const dir = fs.mkdtempSync(path.join(parent, "slb-ca-bench-"));
  const concurrency = options.concurrency ?? Math.max(1, os.cpus().length);

  const keyJobs: (() => Promise<void>)[] = [];
  for (let k = 0; k < Math.max(1, options.rsa2048Keys); k++) {
    keyJobs.push(() => openssl(["genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", `k2048-${k}.pem`], dir));
  }
  if (options.rsa4096Roots > 0) {
    keyJobs.push(() => openssl(["genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:4096", "-out", "k4096.pem"], dir));
  }
  await inBatches(keyJobs, concurrency);

  const keys2048 = Math.max(1, options.rsa2048Keys);
  const specs: { file: string; kind: PoolCertificate["kind"]; args: string[] }[] = [];
  let serial = 0x1000;
  const uniq = path.basename(dir).slice("slb-ca-bench-".length);
  for (let i = 0; i < options.rsa2048Roots; i++) {
    specs.push({
      file: `root2048-${i}.pem`,
      kind: "rsa2048-root",
      args: ["-key", `k2048-${i % keys2048}.pem`, "-subj", `/C=CN/O=Bench ${uniq}/OU=Roots/CN=Bench Root CA ${i}`, ...CA_EXTENSIONS],
    });
  }
  for (let i = 0; i < options.rsa4096Roots; i++) {
    specs.push({
      file: `root4096-${i}.pem`,
      kind: "rsa4096-root",
      args: ["-key", "k4096.pem", "-subj", `/C=CN/O=Bench ${uniq}/OU=Roots 4096/CN=Bench Root CA 4096 ${i}`, ...CA_EXTENSIONS],
    });
  }
  const roots = specs.length;
  if (options.intermediates > 0 && roots === 0) throw new Error("intermediates need at least one root to issue them");
  await inBatches(
    specs.map(
      (spec) => () => openssl(["req", "-x509", "-new", "-sha256", "-days", "3650", "-set_serial", String(serial++), "-out", spec.file, ...spec.args], dir),
    ),
    concurrency,
  );

  const issuer = specs[0];
  const issuerKey = issuer.args[issuer.args.indexOf("-key") + 1];
  const intermediates: typeof specs = [];
  for (let i = 0; i < options.intermediates; i++) {
    intermediates.push({
      file: `inter2048-${i}.pem`,
      kind: "rsa2048-intermediate",
      args: [
        "-key",
        `k2048-${(i + 1) % keys2048}.pem`,
        "-subj",
        `/C=CN/O=Bench ${uniq}/OU=Intermediates/CN=Bench Intermediate CA ${i}`,
        "-CA",
        issuer.file,
        "-CAkey",
        issuerKey,
        ...INTERMEDIATE_EXTENSIONS,
      ],
    });
  }
  await inBatches(
    intermediates.map(
      (spec) => () => openssl(["req", "-x509", "-new", "-sha256", "-days", "3650", "-set_serial", String(serial++), "-out", spec.file, ...spec.args], dir),
    ),
    concurrency,
  );

  const certificates = [...specs, ...intermediates].map((spec) => ({
    kind: spec.kind,
    pem: fs.readFileSync(path.join(dir, spec.file), "utf8"),
  }));
  const pems = interleave(certificates);
  const file = path.join(dir, "pool.json");
  fs.writeFileSync(file, JSON.stringify(pems));
  return { dir, file, certificates, pems, generationMs: performance.now() - started };
}

/** Reads a pool written by {@link generateCertificatePool}. */
export function readPoolFile(file: string): string[] {
  return JSON.parse(fs.readFileSync(file, "utf8")) as string[];
}

/** Removes a pool's directory. */
export function removePool(pool: CertificatePool): void {
  fs.rmSync(pool.dir, { recursive: true, force: true });
}
