import { X509Certificate } from "crypto";
import * as fs from "fs";
import { rootCertificates } from "tls";
import * as path from "path";
import { readCertificateFields } from "../constructs/x509/certificate-fields";

/*
 * Differential test of constructs/der.ts against Node's own reading (OpenSSL's)
 * of the same bytes: the CA flag, the RSA key size, the EC curve, the validity
 * dates. On every fixture certificate and on the system's Mozilla bundle.
 */

/** Node's name (`asymmetricKeyDetails.namedCurve`) of the curve OIDs the fixtures and roots use. */
const NODE_CURVE_NAMES: Readonly<Record<string, string>> = {
  "1.2.840.10045.3.1.7": "prime256v1",
  "1.3.132.0.34": "secp384r1",
  "1.3.132.0.35": "secp521r1",
};

function pemBlocks(text: string): Buffer[] {
  const blocks = text.match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g) ?? [];
  return blocks.map((block) => Buffer.from(block.replace(/-----[A-Z ]+-----|\s/g, ""), "base64"));
}

function certificatesUnder(dir: string): [string, Buffer][] {
  return fs
    .readdirSync(dir)
    .filter((name) => /\.pem$/.test(name))
    .flatMap((name) => pemBlocks(fs.readFileSync(path.join(dir, name), "utf8")).map((der, i): [string, Buffer] => [`${name}#${i}`, der]));
}

const FIXTURES = path.join(__dirname, "fixtures");
// Only the certificates der.ts must read: the crafted ones it refuses on purpose are tested in inspect-hardening.
const REFUSED_ON_PURPOSE = /^(duplicate-basic-constraints|signature-algorithm-mismatch|ber-length-root)\.pem/;
const fixtureCertificates = [
  ...certificatesUnder(FIXTURES),
  ...certificatesUnder(path.join(FIXTURES, "hardening")).filter(([name]) => !REFUSED_ON_PURPOSE.test(name)),
  ...certificatesUnder(path.join(__dirname, "..", "examples", "certs")),
];
// Node's own copy of Mozilla's root store: present wherever Node is, unlike a system bundle.
const mozillaRoots = pemBlocks(rootCertificates.join("\n"));

/** What Node says, next to what der.ts says, for one certificate. */
function readings(der: Buffer) {
  const x509 = new X509Certificate(der);
  const fields = readCertificateFields(der);
  let details: { modulusLength?: number; namedCurve?: string } = {};
  try {
    details = x509.publicKey.asymmetricKeyDetails ?? {};
  } catch {
    // ML-DSA, GOST: OpenSSL 3.0 cannot load the key, so Node has no details (nor does der.ts: not RSA, no known curve).
  }
  return {
    node: {
      // X509_check_ca: CA:TRUE, and keyUsage (if present) with keyCertSign.
      ca: x509.ca,
      modulusLength: details.modulusLength,
      namedCurve: details.namedCurve,
      notBefore: new Date(x509.validFrom).getTime(),
      notAfter: new Date(x509.validTo).getTime(),
    },
    ours: {
      ca: fields.basicConstraintsCa === true && fields.keyUsageKeyCertSign !== false,
      modulusLength: fields.rsaModulusBits,
      namedCurve: fields.publicKeyCurveOid === undefined ? undefined : (NODE_CURVE_NAMES[fields.publicKeyCurveOid] ?? fields.publicKeyCurveOid),
      notBefore: fields.notBefore.getTime(),
      notAfter: fields.notAfter.getTime(),
    },
  };
}

describe("der.ts reads what Node reads", () => {
  it("has fixtures to compare (a guard against an empty list)", () => {
    expect(fixtureCertificates.length).toBeGreaterThan(30);
  });

  it.each(fixtureCertificates)("%s", (_name, der) => {
    const { node, ours } = readings(der);
    // SM2 keys: Node reports no details; der.ts knows the curve by OID.
    if (node.namedCurve === undefined && ours.namedCurve === "1.2.156.10197.1.301") ours.namedCurve = undefined;
    expect(ours).toEqual(node);
  });

  it("on every root of Mozilla's store (Node's copy, tls.rootCertificates)", () => {
    const disagreements = mozillaRoots
      .map((der) => ({ der, ...readings(der) }))
      .filter(({ node, ours }) => JSON.stringify(node) !== JSON.stringify(ours))
      .map(({ der, node, ours }) => ({ subject: new X509Certificate(der).subject, node, ours }));
    expect(disagreements).toEqual([]);
    expect(mozillaRoots.length).toBeGreaterThan(100);
  });
});
