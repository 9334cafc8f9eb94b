import { CaCertificateValidationError } from "../constructs";
import { inspectCaCertificate } from "../constructs/x509/inspect-ca-certificate";
import { NOW, facts, fixture, fixtureBytes } from "./support/fixtures";

/** The codes of the problems inspectCaCertificate throws for an input. */
function codesOf(pem: unknown, now = NOW): string[] {
  try {
    inspectCaCertificate(pem, { now });
  } catch (error) {
    if (error instanceof CaCertificateValidationError) return error.problems.map((p) => p.code);
    throw error;
  }
  throw new Error("expected a CaCertificateValidationError");
}

describe("inspectCaCertificate: facts of a valid CA", () => {
  it.each(["root-rsa2048.pem", "root-rsa4096.pem", "intermediate-rsa2048.pem"])("reports what openssl reports for %s", (name) => {
    const expected = facts(name);
    const info = inspectCaCertificate(fixture(name), { now: NOW });
    expect(info.fingerprint).toBe(expected.sha1);
    expect(info.fingerprintSha256).toBe(expected.sha256);
    expect(info.commonName).toBe(expected.commonName);
    expect(info.subject).toBe(expected.subject);
    expect(info.issuer).toBe(expected.issuer);
    expect(info.notBefore.toISOString().replace(".000", "")).toBe(expected.notBefore);
    expect(info.expireTime).toBe(expected.notAfter);
    expect(info.expireTimeStamp).toBe(Date.parse(expected.notAfter));
    expect(info.keyAlgorithm).toBe("RSA");
    expect(info.keySize).toBe(expected.keyBits);
    expect(info.signatureAlgorithm).toBe(expected.signatureAlgorithm);
    expect(info.warnings).toEqual([]);
  });

  it("tells a self-signed root from an intermediate", () => {
    expect(inspectCaCertificate(fixture("root-rsa2048.pem"), { now: NOW }).selfSigned).toBe(true);
    expect(inspectCaCertificate(fixture("intermediate-rsa2048.pem"), { now: NOW }).selfSigned).toBe(false);
  });

  it("returns the canonical PEM: 64 columns, LF, one trailing newline", () => {
    const info = inspectCaCertificate(fixture("root-rsa2048.pem"), { now: NOW });
    const lines = info.pem.split("\n");
    expect(lines[0]).toBe("-----BEGIN CERTIFICATE-----");
    expect(lines[lines.length - 2]).toBe("-----END CERTIFICATE-----");
    expect(lines[lines.length - 1]).toBe("");
    expect(lines.slice(1, -3).every((line) => line.length === 64)).toBe(true);
    expect(info.pem).toBe(fixture("root-rsa2048.pem"));
  });

  // The fast path hands back a canonical input as it is: every other layout must still be re-encoded.
  it.each([
    ["CRLF line ends", (pem: string) => pem.replace(/\n/g, "\r\n")],
    [
      "76-column lines",
      (pem: string) => {
        const body = pem.split("\n").slice(1, -2).join("");
        return `-----BEGIN CERTIFICATE-----\n${body.match(/.{1,76}/g)!.join("\n")}\n-----END CERTIFICATE-----\n`;
      },
    ],
    ["no trailing newline", (pem: string) => pem.trimEnd()],
    ["a blank line after the block", (pem: string) => `${pem}\n`],
    ["leading whitespace", (pem: string) => ` ${pem}`],
    [
      "a short line before the last",
      (pem: string) => {
        const lines = pem.split("\n");
        const i = lines.length - 4;
        return [...lines.slice(0, i), lines[i].slice(0, 60), lines[i].slice(60) + lines[i + 1], ...lines.slice(i + 2)].join("\n");
      },
    ],
  ])("returns the canonical PEM for input with %s", (_, variant) => {
    const canonical = fixture("root-rsa2048.pem");
    const input = variant(canonical);
    expect(input).not.toBe(canonical);
    expect(inspectCaCertificate(input, { now: NOW }).pem).toBe(canonical);
  });

  it("fingerprints are lowercase colon-separated SHA-1 (20 bytes) and SHA-256 (32 bytes)", () => {
    const info = inspectCaCertificate(fixture("root-rsa2048.pem"), { now: NOW });
    expect(info.fingerprint).toMatch(/^([0-9a-f]{2}:){19}[0-9a-f]{2}$/);
    expect(info.fingerprintSha256).toMatch(/^([0-9a-f]{2}:){31}[0-9a-f]{2}$/);
  });
});

describe("inspectCaCertificate: rules and their codes", () => {
  it.each([
    ["a leaf (CA:FALSE)", "leaf.pem", ["CACertificate.NotCA"]],
    ["a v1 certificate without basicConstraints", "v1-no-extensions.pem", ["CACertificate.NotCA"]],
    ["CA:TRUE without keyCertSign", "ca-no-keycertsign.pem", ["CACertificate.NoKeyCertSign"]],
    ["an EC P-256 key", "root-ec-p256.pem", ["EccCertificateNotSupport"]],
    ["an EC P-384 key", "root-ec-p384.pem", ["EccCertificateNotSupport"]],
    ["RSA 1024", "root-rsa1024.pem", ["CACertificate.WeakKey"]],
    ["RSA 3072", "root-rsa3072.pem", ["OperationDenied.IllegalKeyLength"]],
    ["RSA 8192", "root-rsa8192.pem", ["OperationDenied.IllegalKeyLength"]],
    ["an expired CA", "expired.pem", ["CACertificate.Expired"]],
    ["a CA not yet valid", "not-yet-valid.pem", ["CACertificate.NotYetValid"]],
    ["an intermediate signed with SHA-1", "intermediate-sha1.pem", ["CACertificate.WeakSignature"]],
    ["an intermediate signed with MD5", "intermediate-md5.pem", ["CACertificate.WeakSignature"]],
    ["a CSR", "csr.pem", ["CertificateFormatInvalid"]],
    ["a public key", "public-key.pem", ["CertificateFormatInvalid"]],
    ["a CRL", "crl.pem", ["CertificateFormatInvalid"]],
    ["a TRUSTED CERTIFICATE", "trusted-certificate.pem", ["CertificateFormatInvalid"]],
    ["text before BEGIN", "root-rsa2048.text.pem", ["CertificateFormatInvalid"]],
    ["a private key alone", "key-pkcs8.pem", ["CertificateFormatInvalid.PrivateKeyIncluded", "CertificateFormatInvalid"]],
  ])("rejects %s", (_what, name, codes) => {
    expect(codesOf(fixture(name))).toEqual(codes);
  });

  it("reports every problem of one certificate together", () => {
    // An EC leaf, judged after it expired.
    const late = new Date("2099-01-01T00:00:00Z");
    expect(codesOf(fixture("root-ec-p256.pem"), late)).toEqual(["EccCertificateNotSupport", "CACertificate.Expired"]);
  });

  it("rejects two certificates with MultipleCertificates", () => {
    expect(codesOf(fixture("root-rsa2048.pem") + fixture("root-rsa4096.pem"))).toEqual(["CertificateFormatInvalid.MultipleCertificates"]);
  });

  it("rejects a certificate followed by its key, without naming the key's content", () => {
    const error = (() => {
      try {
        inspectCaCertificate(fixture("root-rsa2048.pem") + fixture("key-pkcs1.pem"), { now: NOW });
      } catch (e) {
        return e as CaCertificateValidationError;
      }
      throw new Error("expected a failure");
    })();
    expect(error.problems.map((p) => p.code)).toEqual(["CertificateFormatInvalid.PrivateKeyIncluded"]);
    const keyBody = fixture("key-pkcs1.pem")
      .split("\n")
      .filter((l) => l && !l.startsWith("-----"));
    for (const line of keyBody) expect(error.message).not.toContain(line);
  });

  it("accepts a self-signed root signed with SHA-1, with a WeakSignature warning", () => {
    const info = inspectCaCertificate(fixture("root-sha1.pem"), { now: NOW });
    expect(info.signatureAlgorithm).toBe("sha1WithRSAEncryption");
    expect(info.fingerprint).toBe(facts("root-sha1.pem").sha1);
    expect(info.warnings.map((w) => w.code)).toEqual(["CACertificate.WeakSignature"]);
  });

  it("warns ExpiresSoon inside expiryWarningDays and not outside", () => {
    const notAfter = Date.parse(facts("root-rsa2048.pem").notAfter);
    const tenDaysBefore = new Date(notAfter - 10 * 24 * 3600 * 1000);
    const soon = inspectCaCertificate(fixture("root-rsa2048.pem"), { now: tenDaysBefore });
    expect(soon.warnings.map((w) => w.code)).toEqual(["CACertificate.ExpiresSoon"]);
    expect(soon.warnings[0].message).toContain("in 10 days");
    const relaxed = inspectCaCertificate(fixture("root-rsa2048.pem"), { now: tenDaysBefore, expiryWarningDays: 5 });
    expect(relaxed.warnings).toEqual([]);
  });

  it("refuses an invalid now instead of judging validity against NaN", () => {
    expect(codesOf(fixture("root-rsa2048.pem"), new Date("not a date"))).toEqual(["InvalidParam.Now"]);
  });

  it("names the value and what is allowed", () => {
    expect(() => inspectCaCertificate(fixture("root-rsa3072.pem"), { now: NOW })).toThrow(
      "OperationDenied.IllegalKeyLength: the RSA key is 3072 bits; CLB accepts RSA 2048 or 4096 bits.",
    );
    expect(() => inspectCaCertificate(fixture("expired.pem"), { now: NOW })).toThrow(/expired on 2001-01-01T00:00:00Z .*Allowed: a certificate valid now/);
  });

  it("accepts DER only as an error that says how to convert it", () => {
    const der = fixtureBytes("root-rsa2048.der");
    expect(() => inspectCaCertificate(der)).toThrow(/look like DER: convert them with `openssl x509 -inform der/);
  });
});
