/**
 * CaCertificate.verifyClient against OpenSSL: every fixture's verdict equals
 * the one `openssl verify -purpose sslclient` gave when the fixtures were
 * generated (__tests__/fixtures/clients/manifest.json).
 */
import { CaCertificate, CaCertificateValidator } from "../constructs";
import { readChainCertificateFields } from "../constructs/x509/certificate-fields";
import { DerError } from "../constructs/x509/der";
import { NOW, facts, fixture, clientFixture } from "./support/fixtures";

const client = clientFixture;

interface OpensslCase {
  readonly name: string;
  readonly ca: string;
  readonly sample: string;
  readonly opensslAccepts: boolean;
  readonly opensslError: string;
}
const CASES: OpensslCase[] = JSON.parse(client("manifest.json")).cases;

/** The library's codes per case; OpenSSL's error is in the manifest beside it. */
const EXPECTED_CODES: Record<string, string[]> = {
  "client-of-root": [],
  "client-of-intermediate-with-chain": [],
  "client-of-intermediate-without-chain": ["ClientCertificate.NotIssuedByCa"],
  "client-of-intermediate-against-intermediate": ["ClientCertificate.BrokenChain"],
  "client-of-other-ca": ["ClientCertificate.NotIssuedByCa"],
  "client-of-old-root-against-reissued-root": ["ClientCertificate.NotIssuedByCa"],
  "server-auth-only": ["ClientCertificate.NoClientAuth"],
  expired: ["ClientCertificate.Expired"],
  "not-yet-valid": ["ClientCertificate.NotYetValid"],
  "chain-in-wrong-order": ["ClientCertificate.BrokenChain"],
  "no-digital-signature": ["ClientCertificate.NoClientAuth"],
  "intermediate-not-a-ca": ["ClientCertificate.BrokenChain"],
  "intermediate-server-auth-only": ["ClientCertificate.NoClientAuth"],
  "client-outlives-ca": [],
  "chain-against-intermediate": ["ClientCertificate.BrokenChain"],
  "ca-server-auth-only": ["CACertificate.NoClientAuth"],
  "intermediate-without-keycertsign": ["ClientCertificate.BrokenChain"],
  "unrelated-extra-certificate": [],
  "client-of-pathlen0-root": [],
  "intermediate-below-pathlen0-root": ["ClientCertificate.BrokenChain"],
  "client-of-pathlen0-intermediate": [],
  "sub-intermediate-below-pathlen0-intermediate": ["ClientCertificate.BrokenChain"],
  "issuer-name-differs-in-case-and-spaces": [],
  "ca-issuer-name-differs-in-case-and-spaces": [],
};

describe("verifyClient agrees with openssl verify -purpose sslclient", () => {
  it("has an expectation for every case OpenSSL judged, and no other", () => {
    expect(CASES.map((c) => c.name).sort()).toEqual(Object.keys(EXPECTED_CODES).sort());
    // Both verdicts occur: a check that accepted (or refused) everything would fail here.
    expect(new Set(CASES.map((c) => c.opensslAccepts))).toEqual(new Set([true, false]));
  });

  it.each(CASES.map((c) => [c.name, c] as const))("%s", (_name, c) => {
    const verdict = CaCertificateValidator.verifyClient(client(c.ca), client(c.sample), { now: NOW });
    expect(verdict.accepted).toBe(c.opensslAccepts);
    expect(verdict.problems.map((p) => p.code)).toEqual(EXPECTED_CODES[c.name]);
  });
});

describe("verifyClient: what the messages say", () => {
  const codesAndMessages = (caFile: string, sampleFile: string) =>
    CaCertificateValidator.verifyClient(client(caFile), client(sampleFile), { now: NOW }).problems.map((p) => `${p.code}: ${p.message}`);

  it("NotIssuedByCa names the sample, the client's issuer and the CA's subject, and what to do", () => {
    expect(codesAndMessages("root.pem", "client-other.pem")).toEqual([
      'ClientCertificate.NotIssuedByCa: clientCertificates[0] ("CN=carol.client-of-other-root,O=Client Fixtures") does not chain to this CA ("CN=Client Test Root CA,O=Client Fixtures"): it is issued by "CN=Other Root CA,O=Client Fixtures". Upload the CA that issues your client certificates (not, e.g., the server\'s CA), or re-issue the client from this CA. If the client sends intermediate certificates, append them after the client certificate in the sample.',
    ]);
  });

  it("tells a CA re-issued with a new key from a different CA", () => {
    const [message] = codesAndMessages("root-reissued.pem", "client-root.pem");
    expect(message).toContain('it is issued by "CN=Client Test Root CA,O=Client Fixtures"');
    expect(message).toContain("The names match but the keys do not: the CA was re-issued with a new key");
  });

  it("names an intermediate that is not a CA", () => {
    expect(codesAndMessages("root.pem", "client-of-not-a-ca-chain.pem")).toEqual([
      'ClientCertificate.BrokenChain: clientCertificates[0] ("CN=dave.client-of-not-a-ca,O=Client Fixtures"): its intermediate "CN=Not A CA,O=Client Fixtures" is not a CA (no basicConstraints CA:TRUE), so the chain through it is invalid ("invalid CA certificate"). Issue the client from a real CA.',
    ]);
  });

  it("names the CA whose pathlen the chain exceeds, and what to do", () => {
    expect(codesAndMessages("pathlen0-root.pem", "client-under-pathlen0-root-chain.pem")).toEqual([
      'ClientCertificate.BrokenChain: clientCertificates[0] ("CN=judy.client-below-pathlen0-root,O=Client Fixtures"): this CA ("CN=Pathlen 0 Root CA,O=Client Fixtures") allows no CA certificate below it (basicConstraints pathlen:0), but the chain has 1 ("CN=Intermediate Under Pathlen 0 Root,O=Client Fixtures"), so OpenSSL refuses it ("path length constraint exceeded"). Issue the client directly from it, or re-issue it with pathlen:1 or more (or without pathlen).',
    ]);
    expect(codesAndMessages("root.pem", "client-of-sub-intermediate-chain.pem")).toEqual([
      'ClientCertificate.BrokenChain: clientCertificates[0] ("CN=leo.client-of-sub-intermediate,O=Client Fixtures"): its intermediate "CN=Pathlen 0 Intermediate CA,O=Client Fixtures" allows no CA certificate below it (basicConstraints pathlen:0), but the chain has 1 ("CN=Sub-Intermediate CA,O=Client Fixtures"), so OpenSSL refuses it ("path length constraint exceeded"). Issue the client directly from it, or re-issue it with pathlen:1 or more (or without pathlen).',
    ]);
  });

  it("says a CA that is not a root is the CA's problem", () => {
    expect(codesAndMessages("intermediate.pem", "client-intermediate.pem")).toEqual([
      'ClientCertificate.BrokenChain: the CA: "CN=Client Test Intermediate CA,O=Client Fixtures" is an intermediate, issued by "CN=Client Test Root CA,O=Client Fixtures": OpenSSL does not accept a chain that ends below a self-signed root ("unable to get issuer certificate"), so it refuses clientCertificates[0], which chains to this CA. Upload the root CA instead.',
    ]);
  });

  it("says a chain in the wrong order is in the wrong order", () => {
    expect(codesAndMessages("root.pem", "client-intermediate-chain-wrong-order.pem")).toEqual([
      'ClientCertificate.BrokenChain: clientCertificates[0] ("CN=Client Test Intermediate CA,O=Client Fixtures") starts with a CA certificate: the chain is in the wrong order. Put the client certificate first, then its issuers, as the client sends them.',
    ]);
  });

  it("says when validity was judged", () => {
    expect(codesAndMessages("root.pem", "client-expired.pem")).toEqual([
      'ClientCertificate.Expired: clientCertificates[0] ("CN=expired.client,O=Client Fixtures") expired on 2021-01-01T00:00:00Z (now is 2026-06-01T00:00:00Z): renew the client certificate.',
    ]);
  });

  it("uses sampleIndex or sampleName to name the sample", () => {
    const other = client("client-other.pem");
    expect(CaCertificateValidator.verifyClient(client("root.pem"), other, { now: NOW, sampleIndex: 3 }).problems[0].message).toMatch(
      /^clientCertificates\[3\] \(/,
    );
    expect(CaCertificateValidator.verifyClient(client("root.pem"), other, { now: NOW, sampleName: "carol.pem" }).problems[0].message).toMatch(/^carol\.pem \(/);
  });

  it("is still there as the deprecated CaCertificate.verifyClient (until 0.4), with the same verdict", () => {
    for (const sample of ["client-root.pem", "client-other.pem", "client-expired.pem"]) {
      expect(CaCertificate.verifyClient(client("root.pem"), client(sample), { now: NOW })).toEqual(
        CaCertificateValidator.verifyClient(client("root.pem"), client(sample), { now: NOW }),
      );
    }
  });

  it("returns the client's subject and expiry", () => {
    const verdict = CaCertificateValidator.verifyClient(client("root.pem"), client("client-root.pem"), { now: NOW });
    expect(verdict).toEqual({
      accepted: true,
      problems: [],
      warnings: [],
      subject: "CN=alice.client-of-root,O=Client Fixtures",
      notAfter: new Date("2045-01-01T00:00:00Z"),
    });
  });
});

describe("verifyClient: the CA expiring first", () => {
  it("warns when the CA expires before the client, and accepts the client", () => {
    const verdict = CaCertificateValidator.verifyClient(client("short-root.pem"), client("client-short-root.pem"), { now: NOW });
    expect(verdict.accepted).toBe(true);
    expect(verdict.warnings).toEqual([
      {
        code: "CACertificate.ExpiresBeforeClients",
        message:
          'the CA expires on 2040-01-01T00:00:00Z, before clientCertificates[0] ("CN=frank.client-of-short-lived-root,O=Client Fixtures", until 2045-01-01T00:00:00Z): from then on those clients are refused. Rotate the CA first (upload its successor alongside, then re-issue the clients).',
      },
    ]);
  });

  it("says nothing when the client expires before the CA", () => {
    expect(CaCertificateValidator.verifyClient(client("root.pem"), client("client-root.pem"), { now: NOW }).warnings).toEqual([]);
  });
});

describe("verifyClient: inputs that are not a client certificate chain", () => {
  const ROOT = client("root.pem");
  const verdictOf = (sample: unknown) => CaCertificateValidator.verifyClient(ROOT, sample as string, { now: NOW });

  it("gives malformed samples the PEM format codes, naming the sample", () => {
    const problems = verdictOf("not a certificate").problems;
    expect(problems.map((p) => p.code)).toEqual(["CertificateFormatInvalid"]);
    expect(problems[0].message).toMatch(/^clientCertificates\[0\]: no -----BEGIN CERTIFICATE----- line found/);
    expect(verdictOf(Buffer.from(client("client-root.pem"))).problems.map((p) => p.code)).toEqual(["CertificateFormatInvalid"]);
    expect(verdictOf(`${client("client-root.pem")}trailing words\n`).problems.map((p) => p.code)).toEqual(["CertificateFormatInvalid"]);
  });

  it("refuses a sample that carries a private key, without echoing it", () => {
    const key = fixture("key-pkcs8.pem");
    const verdict = verdictOf(client("client-root.pem") + key);
    expect(verdict.problems).toEqual([
      {
        code: "CertificateFormatInvalid.PrivateKeyIncluded",
        message:
          "clientCertificates[0] contains a private key block. clientCertificates take public certificates only: remove the key (and treat it as exposed if this text was committed or shared).",
      },
    ]);
  });

  it("reports the CA's own problems, marked as the CA's, and still checks the client", () => {
    const verdict = CaCertificateValidator.verifyClient(client("client-root.pem"), client("client-other.pem"), { now: NOW });
    expect(verdict.problems.map((p) => p.code)).toEqual(["CACertificate.NotCA", "ClientCertificate.NotIssuedByCa"]);
    expect(verdict.problems[0].message).toMatch(/^the CA: basicConstraints says CA:FALSE/);
  });

  it("refuses an invalid now once, as the CA's checks name it", () => {
    const verdict = CaCertificateValidator.verifyClient(ROOT, client("client-root.pem"), { now: new Date("nonsense") });
    expect(verdict.problems.map((p) => p.code)).toEqual(["InvalidParam.Now"]);
    expect(verdict.accepted).toBe(false);
  });
});

describe("readChainCertificateFields", () => {
  const der = (pem: string) => Buffer.from(pem.replace(/-----[A-Z ]+-----|\s/g, ""), "base64");

  it("reads the extensions the generator wrote (profile ext_leaf of scripts/generate-fixtures.sh)", () => {
    const leaf = readChainCertificateFields(der(fixture("leaf.pem")));
    expect(leaf).toEqual({
      notBefore: new Date(facts("leaf.pem").notBefore),
      notAfter: new Date(facts("leaf.pem").notAfter),
      issuerEqualsSubject: false,
      basicConstraintsCa: false,
      keyUsageDigitalSignature: true,
      keyUsageKeyCertSign: false,
      extendedKeyUsage: ["1.3.6.1.5.5.7.3.2"],
      subjectKeyId: expect.stringMatching(/^[0-9a-f]{40}$/),
      authorityKeyId: readChainCertificateFields(der(fixture("root-rsa2048.pem"))).subjectKeyId,
    });
  });

  it("leaves absent extensions undefined (a v1 certificate)", () => {
    const v1 = readChainCertificateFields(der(fixture("v1-no-extensions.pem")));
    expect(Object.keys(v1).sort()).toEqual(["issuerEqualsSubject", "notAfter", "notBefore"]);
  });

  it("reads basicConstraints pathlen, and leaves it undefined when absent (no limit)", () => {
    // scripts/generate-client-fixtures.sh: ext_root_pathlen0 and ext_root.
    expect(readChainCertificateFields(der(client("pathlen0-root.pem")))).toMatchObject({
      basicConstraintsCa: true,
      pathLenConstraint: 0,
      issuerEqualsSubject: true,
    });
    expect(readChainCertificateFields(der(client("root.pem"))).pathLenConstraint).toBeUndefined();
    // The sample's second certificate: ext_intermediate_pathlen0.
    const [, intermediate] = client("client-of-pathlen0-intermediate-chain.pem").match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g)!;
    expect(readChainCertificateFields(der(intermediate)).pathLenConstraint).toBe(0);
  });

  it("refuses truncated bytes with a DerError", () => {
    const bytes = der(fixture("leaf.pem"));
    expect(() => readChainCertificateFields(bytes.subarray(0, 200))).toThrow(DerError);
  });
});
