import * as fs from "fs";
import * as path from "path";
import { CaCertificateValidationError, ValidationProblem } from "../constructs";
import { inspectCaCertificate } from "../constructs/x509/inspect-ca-certificate";
import { NOW } from "./support/fixtures";

/*
 * The findings of issue 11 (external certificate suites, bit flips), each on a
 * certificate made by scripts/generate-hardening-fixtures.sh. That script checks
 * every one against openssl when it runs: what openssl says is noted per test.
 */

const HARDENING = path.join(__dirname, "fixtures", "hardening");
const hardening = (name: string) => fs.readFileSync(path.join(HARDENING, name), "utf8");

/** The problems inspectCaCertificate throws for an input. */
function problemsOf(pem: string): ValidationProblem[] {
  try {
    inspectCaCertificate(pem, { now: NOW });
  } catch (error) {
    if (error instanceof CaCertificateValidationError) return error.problems;
    throw error;
  }
  throw new Error("expected a CaCertificateValidationError");
}
const codesOf = (pem: string) => problemsOf(pem).map((p) => p.code);

describe("control: the same CA without the defect is accepted", () => {
  it.each(["hroot.pem", "base.pem", "ca-client.pem", "pss-sha256.pem"])("%s", (name) => {
    expect(inspectCaCertificate(hardening(name), { now: NOW }).keyAlgorithm).toBe("RSA");
  });
});

describe("duplicate extensions (RFC 5280 4.2)", () => {
  // openssl verify: "invalid certificate" (ossl_x509v3_cache_extensions). Properly signed by its issuer.
  it("refuses basicConstraints CA:FALSE followed by CA:TRUE", () => {
    const problems = problemsOf(hardening("duplicate-basic-constraints.pem"));
    expect(problems.map((p) => p.code)).toEqual(["CertificateFormatInvalid"]);
    expect(problems[0].message).toContain("basicConstraints (2.5.29.19) appears twice");
  });
});

describe("RSASSA-PSS signatures: the hash is in the parameters", () => {
  // openssl x509 -text: "Hash Algorithm: sha1" (the parameters left out: SHA-1 is PSS's default).
  it("refuses an intermediate signed with PSS and SHA-1, as sha1WithRSA is refused", () => {
    const problems = problemsOf(hardening("pss-sha1.pem"));
    expect(problems.map((p) => p.code)).toEqual(["CACertificate.WeakSignature"]);
    expect(problems[0].message).toContain("rsassaPss with sha1");
  });

  it("accepts PSS with SHA-256 and names the hash", () => {
    expect(inspectCaCertificate(hardening("pss-sha256.pem"), { now: NOW }).signatureAlgorithm).toBe("rsassaPss with sha256");
  });
});

describe("self-issued is what OpenSSL's X509_check_issued says, not byte-equal names", () => {
  // The root with one letter of its issuer case-flipped: the names still match per RFC 5280, so
  // openssl verify -check_ss_sig checks the self-signature, and it fails ("signature failure").
  it("refuses a root whose issuer differs from its subject only in case, with a broken self-signature", () => {
    const problems = problemsOf(hardening("issuer-case-broken-signature.pem"));
    expect(problems.map((p) => p.code)).toEqual(["CertificateFormatInvalid"]);
    expect(problems[0].message).toContain("does not verify with its own key");
  });

  // Byte-equal names, but an authorityKeyIdentifier naming another key and a broken signature: not self-issued
  // to OpenSSL, which finds no issuer for it. Byte equality still counts: nothing can vouch for such a certificate.
  it("still refuses byte-equal names whose self-signature fails, when OpenSSL does not call it self-issued", () => {
    const problems = problemsOf(hardening("wrong-akid-root.pem"));
    expect(problems.map((p) => p.code)).toEqual(["CertificateFormatInvalid"]);
    expect(problems[0].message).toContain("does not verify with its own key");
  });

  // The same names, re-signed with the root's key: openssl verify -check_ss_sig says OK.
  it("accepts the same certificate properly self-signed, and calls it self-signed", () => {
    const info = inspectCaCertificate(hardening("issuer-case-self-signed.pem"), { now: NOW });
    expect(info.selfSigned).toBe(true);
    expect(info.issuer).toBe("CN=Hardening Root Ca,O=Hardening Fixtures,C=CN");
    expect(info.subject).toBe("CN=Hardening Root CA,O=Hardening Fixtures,C=CN");
  });
});

describe("a self-signature Node cannot check is not proof of alteration", () => {
  // OpenSSL 3.0 cannot check these either ("unable to get certs public key"); the key rule says why SLB refuses them.
  it.each([
    ["ml-dsa-root.pem", "ML-DSA-44"],
    ["gost-root.pem", "GOST R 34.10-2012 (256 bit)"],
  ])("%s is EccCertificateNotSupport naming %s", (name, algorithm) => {
    const problems = problemsOf(hardening(name));
    expect(problems.map((p) => p.code)).toEqual(["EccCertificateNotSupport"]);
    expect(problems[0].message).toContain(`the public key is ${algorithm}`);
    expect(problems[0].message).not.toContain("altered");
  });

  // openssl verify -check_ss_sig: OK. Node verifies it too, so only the key rule applies.
  it("an SM2 root Node can verify is refused for its key only", () => {
    expect(codesOf(hardening("sm2-root.pem"))).toEqual(["EccCertificateNotSupport"]);
  });
});

describe("the two signatureAlgorithm fields must match (RFC 5280 4.1.1.2)", () => {
  // TBS says sha1WithRSAEncryption, the outer field sha256WithRSAEncryption, signed with SHA-256 by its issuer:
  // openssl verify refuses it ("certificate signature failure").
  it("refuses an intermediate whose inner and outer algorithms differ", () => {
    const problems = problemsOf(hardening("signature-algorithm-mismatch.pem"));
    expect(problems.map((p) => p.code)).toEqual(["CertificateFormatInvalid"]);
    expect(problems[0].message).toContain("sha1WithRSAEncryption inside the signed part but sha256WithRSAEncryption outside it");
  });
});

describe("DER only", () => {
  // The root with its outer length re-encoded as 0x83 0x00 ...: openssl reads it, but re-encodes it
  // to DER, so its fingerprint is not the fingerprint of the bytes SLB would receive.
  it("refuses a certificate with a non-minimal length, which SLB would fingerprint differently", () => {
    const pem = hardening("ber-length-root.pem");
    const problems = problemsOf(pem);
    expect(problems.map((p) => p.code)).toEqual(["CertificateFormatInvalid"]);
    expect(problems[0].message).toContain("BER, not DER");
    expect(problems[0].message).toContain("openssl x509 -in ca.pem -out ca-der.pem");
  });

  it("the BER root and its DER form are the same certificate to openssl, with different bytes", () => {
    const facts = JSON.parse(hardening("openssl-facts.json"));
    expect(facts["ber-length-root.pem"].opensslSha1OfItsDer).toBe(facts["hroot.pem"].opensslSha1OfItsDer);
    expect(hardening("ber-length-root.pem")).not.toBe(hardening("hroot.pem"));
  });
});

describe("CACertificate.NoClientAuth", () => {
  // openssl verify -purpose sslclient of a client certificate under each CA: "unsuitable certificate purpose".
  it("refuses a CA whose extendedKeyUsage lacks clientAuth", () => {
    const problems = problemsOf(hardening("ca-server-only.pem"));
    expect(problems.map((p) => p.code)).toEqual(["CACertificate.NoClientAuth"]);
    expect(problems[0].message).toContain("extendedKeyUsage (serverAuth) lacks clientAuth");
  });

  it("is reported alongside NoKeyCertSign", () => {
    expect(codesOf(hardening("ca-server-only-no-ku.pem"))).toEqual(["CACertificate.NoKeyCertSign", "CACertificate.NoClientAuth"]);
  });

  // OpenSSL 3.0 refuses these clients too: its purpose check wants clientAuth itself, anyExtendedKeyUsage does not count.
  it("refuses anyExtendedKeyUsage without clientAuth, as OpenSSL does", () => {
    const problems = problemsOf(hardening("ca-any.pem"));
    expect(problems.map((p) => p.code)).toEqual(["CACertificate.NoClientAuth"]);
    expect(problems[0].message).toContain("anyExtendedKeyUsage");
  });

  // openssl verify -purpose sslclient: OK.
  it("accepts a CA whose extendedKeyUsage includes clientAuth", () => {
    expect(inspectCaCertificate(hardening("ca-client.pem"), { now: NOW }).selfSigned).toBe(false);
  });

  it("is silent for a leaf, as NoKeyCertSign is", () => {
    const server = fs.readFileSync(path.join(__dirname, "..", "examples", "certs", "server.pem"), "utf8");
    expect(codesOf(server)).toEqual(["CACertificate.NotCA"]);
  });
});

describe("several certificates plus a malformed block: every problem at once", () => {
  const root = hardening("hroot.pem");
  const broken = hardening("base.pem").replace("-----\n", "-----\n*");

  it("reports MultipleCertificates and the bad base64 of block 2", () => {
    const problems = problemsOf(root + broken);
    expect(problems.map((p) => p.code)).toEqual(["CertificateFormatInvalid.MultipleCertificates", "CertificateFormatInvalid"]);
    expect(problems[1].message).toContain("certificate 2 of 2");
    expect(problems[1].message).toContain("not valid base64");
  });

  it("reports a block that is base64 but not a certificate", () => {
    const notDer = "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n";
    const problems = problemsOf(notDer + root);
    expect(problems.map((p) => p.code)).toEqual(["CertificateFormatInvalid.MultipleCertificates", "CertificateFormatInvalid"]);
    expect(problems[1].message).toContain("certificate 1 of 2");
  });

  it("two good certificates give MultipleCertificates alone", () => {
    expect(codesOf(root + hardening("base.pem"))).toEqual(["CertificateFormatInvalid.MultipleCertificates"]);
  });
});
