import { X509Certificate, createHash } from "crypto";
import { rootCertificates } from "tls";
import fc from "fast-check";
import { CaCertificateValidationError } from "../constructs";
import { inspectCaCertificate } from "../constructs/x509/inspect-ca-certificate";
import { canonicalPem } from "../constructs/x509/pem-body";
import { NOW, fixtureBytes, fixture } from "./support/fixtures";

/*
 * Bit flips and truncations of real roots, judged by an oracle built on
 * OpenSSL (through Node), not on the code under test. A mutant the construct
 * accepts must be one OpenSSL would not catch either:
 *   - not self-issued to OpenSSL with a self-signature that fails;
 *   - DER, so that the fingerprint of the bytes SLB receives is the one reported.
 * Issue 11 found 50 of 4,280 such mutants of the Mozilla RSA roots accepted.
 */

function derOf(pem: string): Buffer {
  return Buffer.from(pem.replace(/-----[A-Z ]+-----|\s/g, ""), "base64");
}

/** How many of Mozilla's RSA roots are mutated, beside the two fixtures. */
const MOZILLA_ROOTS = 20;
// Node's own copy of Mozilla's root store (tls.rootCertificates): present wherever Node is, unlike a system bundle.
const mozillaRsaRoots = rootCertificates
  .map(derOf)
  .filter((der) => new X509Certificate(der).publicKey.asymmetricKeyType === "rsa")
  .slice(0, MOZILLA_ROOTS);
const ROOTS: Buffer[] = [fixtureBytes("root-rsa2048.der"), derOf(fixture("root-rsa4096.pem")), ...mozillaRsaRoots];

/** Why the oracle disagrees with an acceptance, or undefined when it agrees. */
function oracleObjection(mutant: Buffer): string | undefined {
  let x509: X509Certificate;
  try {
    x509 = new X509Certificate(mutant);
  } catch {
    return "OpenSSL cannot parse it";
  }
  if (!Buffer.from(x509.raw).equals(mutant)) return "OpenSSL re-encodes it: not DER";
  if (x509.checkIssued(x509)) {
    let verifies = false;
    try {
      verifies = x509.verify(x509.publicKey);
    } catch {
      verifies = false;
    }
    if (!verifies) return "self-issued to OpenSSL, but its self-signature fails";
  }
  return undefined;
}

/** Accepted mutants must satisfy the oracle, and report the fingerprint of their own bytes. */
function checkMutant(mutant: Buffer): void {
  let info;
  try {
    info = inspectCaCertificate(canonicalPem(mutant), { now: NOW });
  } catch (error) {
    if (error instanceof CaCertificateValidationError) return;
    throw error;
  }
  const objection = oracleObjection(mutant);
  if (objection) throw new Error(`accepted a mutant: ${objection}`);
  const sha1 = createHash("sha1")
    .update(mutant)
    .digest("hex")
    .replace(/(..)(?!$)/g, "$1:");
  if (info.fingerprint !== sha1) throw new Error(`fingerprint ${info.fingerprint} is not that of the bytes, ${sha1}`);
}

const root = fc.constantFrom(...ROOTS);

describe("mutants of real roots (bit flips, truncations) are refused unless OpenSSL could not tell either", () => {
  it("has its roots: the two fixtures and 20 of Mozilla's RSA roots", () => {
    // No quiet shrinking: without its roots the suite would mutate two certificates and still pass.
    expect(ROOTS.length).toBe(2 + MOZILLA_ROOTS);
  });

  it("single bit flips", () => {
    const flip = root.chain((der) =>
      fc.tuple(fc.constant(der), fc.integer({ min: 0, max: der.length * 8 - 1 })).map(([original, bit]) => {
        const mutant = Buffer.from(original);
        mutant[bit >> 3] ^= 1 << (bit & 7);
        return mutant;
      }),
    );
    fc.assert(fc.property(flip, checkMutant), { numRuns: 3000 });
  });

  it("bit flips inside the names and extensions, where the 50 escapes were", () => {
    // The first 40 % of a certificate holds the version, serial, algorithm, names and validity.
    const flip = root.chain((der) =>
      fc.tuple(fc.constant(der), fc.integer({ min: 0, max: Math.floor(der.length * 0.4) * 8 - 1 })).map(([original, bit]) => {
        const mutant = Buffer.from(original);
        mutant[bit >> 3] ^= 1 << (bit & 7);
        return mutant;
      }),
    );
    fc.assert(fc.property(flip, checkMutant), { numRuns: 2000 });
  });

  it("truncations and byte substitutions", () => {
    const truncated = root.chain((der) => fc.integer({ min: 0, max: der.length - 1 }).map((end) => der.subarray(0, end)));
    const substituted = root.chain((der) =>
      fc.tuple(fc.integer({ min: 0, max: der.length - 1 }), fc.integer({ min: 0, max: 255 })).map(([at, value]) => {
        const mutant = Buffer.from(der);
        mutant[at] = value;
        return mutant;
      }),
    );
    fc.assert(fc.property(fc.oneof(truncated, substituted), checkMutant), { numRuns: 1500 });
  });
});
