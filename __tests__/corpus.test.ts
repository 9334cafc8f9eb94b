/**
 * The bad-input corpus: one named case per defect a careless or hostile user
 * can hand the validator, each pinned to the exact problem codes it raises and
 * to a message that tells the user what to do. Then the cosmetic variants that
 * must be accepted unchanged: same fingerprint as openssl, same synth output.
 */
import { Testing } from "cdktf";
import { CaCertificate } from "../constructs/certificate/ca-certificate";
import { inspectCaCertificate } from "../constructs/x509/inspect-ca-certificate";
import { MAX_PEM_LENGTH } from "../constructs/x509/pem";
import { CaCertificateValidationError } from "../constructs/errors";
import { NOW, facts, fixture, fixtureBytes, wrapPem } from "./support/fixtures";
import { caught } from "./support/caught";
import { newStack } from "./support/stack";

const ROOT = fixture("root-rsa2048.pem");
const ROOT_FACTS = facts("root-rsa2048.pem");
const ROOT_LINES = ROOT.trim().split("\n");
const ROOT_BODY = ROOT_LINES.slice(1, -1).join("");
const BEGIN = "-----BEGIN CERTIFICATE-----";
const END = "-----END CERTIFICATE-----";
const DER = fixtureBytes("root-rsa2048.der");

/** A PEM of the root's base64 wrapped at `width` columns with the given line end. */
function wrap(width: number, eol = "\n", body = ROOT_BODY): string {
  return wrapPem(body, width, eol);
}

/** The error inspectCaCertificate throws for `input`; fails the test when it returns or throws something else. */
function rejection(input: unknown): CaCertificateValidationError {
  return caught(() => inspectCaCertificate(input, { now: NOW }), CaCertificateValidationError);
}

/** The synthesized JSON of a stack holding one CaCertificate made from `pem`. */
function synthCertificate(pem: string): string {
  const stack = newStack("corpus");
  new CaCertificate(stack, "ClientCa", { caCertificate: pem });
  return Testing.synth(stack);
}

interface RejectedCase {
  /** What is wrong with the input. */
  readonly name: string;
  readonly input: unknown;
  /** The exact codes of `error.problems`, in order. */
  readonly codes: readonly string[];
  /** Words the message must contain (case-insensitive) so that the user knows what to fix. */
  readonly mentions: readonly string[];
}

const FORMAT = "CertificateFormatInvalid";
const KEY = "CertificateFormatInvalid.PrivateKeyIncluded";

const PROC_TYPE_HEADERS = "Proc-Type: 4,ENCRYPTED\nDEK-Info: AES-256-CBC,653C03BC88343C6865A9F675C11B35BC\n\n";

const REJECTED: readonly RejectedCase[] = [
  // Not text at all.
  { name: "empty string", input: "", codes: [FORMAT], mentions: ["empty"] },
  { name: "whitespace only", input: " \n\t\r\n  ", codes: [FORMAT], mentions: ["whitespace"] },
  { name: "a number", input: 42, codes: [FORMAT], mentions: ["string", "number"] },
  { name: "null", input: null, codes: [FORMAT], mentions: ["string", "null"] },
  { name: "undefined", input: undefined, codes: [FORMAT], mentions: ["string", "undefined"] },
  { name: "an object", input: { pem: ROOT }, codes: [FORMAT], mentions: ["string", "object"] },
  { name: "a Buffer of PEM text", input: Buffer.from(ROOT, "utf8"), codes: [FORMAT], mentions: ["string", "Buffer", "utf8"] },
  { name: "DER bytes as a Buffer", input: DER, codes: [FORMAT], mentions: ["DER", "openssl x509 -inform der"] },
  { name: "DER bytes as a latin1 string", input: DER.toString("latin1"), codes: [FORMAT], mentions: ["DER", "openssl x509 -inform der"] },
  { name: "DER bytes read as UTF-8", input: DER.toString("utf8"), codes: [FORMAT], mentions: ["DER", "openssl x509 -inform der"] },

  // Broken armour.
  { name: "bare base64 without armour", input: ROOT_BODY, codes: [FORMAT], mentions: ["bare base64", "armour"] },
  { name: "bare base64 lines without armour", input: ROOT_LINES.slice(1, -1).join("\n"), codes: [FORMAT], mentions: ["bare base64"] },
  { name: "armour with 4 dashes", input: ROOT.replace(/-----/g, "----"), codes: [FORMAT, FORMAT], mentions: ["five dashes"] },
  { name: "armour with 6 dashes", input: ROOT.replace(/-----/g, "------"), codes: [FORMAT, FORMAT], mentions: ["five dashes"] },
  {
    name: "mismatched BEGIN/END labels",
    input: ROOT.replace("END CERTIFICATE", "END X509 CRL"),
    codes: [FORMAT],
    mentions: ["END X509 CRL", "must match"],
  },
  {
    name: "thousands of broken armour lines (the first ten are listed)",
    input: "----BEGIN X----\n".repeat(4000),
    codes: Array(11).fill(FORMAT),
    mentions: ["five dashes", "more problems with the PEM armour"],
  },
  { name: "missing END line", input: ROOT_LINES.slice(0, -1).join("\n"), codes: [FORMAT], mentions: ["no END line", "truncated"] },
  { name: "missing BEGIN line", input: ROOT_LINES.slice(1).join("\n"), codes: [FORMAT, FORMAT], mentions: ["no BEGIN line", "bare base64"] },
  {
    name: "garbage between the markers",
    input: ROOT.replace(ROOT_LINES[3], "this is *not* base64 at all!"),
    codes: [FORMAT],
    mentions: ["base64", "line 3"],
  },
  {
    name: "truncated certificate, cut at a 4-character boundary",
    input: [BEGIN, ROOT_BODY.slice(0, 600), END].join("\n"),
    codes: [FORMAT],
    mentions: ["X.509", "truncated"],
  },
  {
    name: "truncated certificate, cut mid base64 quantum",
    input: [BEGIN, ROOT_BODY.slice(0, 601), END].join("\n"),
    codes: [FORMAT],
    mentions: ["base64", "truncated"],
  },
  {
    name: "base64 with padding bits set (not what any encoder writes)",
    // "AB==" and "AC==" decode alike: an altered last character would go unnoticed.
    input: wrap(
      64,
      "\n",
      fixture("intermediate-rsa2048.pem")
        .trim()
        .split("\n")
        .slice(1, -1)
        .join("")
        .replace(/(.)=$/, (_, c: string) => `${flipLowBits(c)}=`),
    ),
    codes: [FORMAT],
    mentions: ["base64", "altered"],
  },

  // Text around the block.
  {
    name: "text before BEGIN (openssl x509 -subject -issuer output)",
    input: fixture("root-rsa2048.text.pem"),
    codes: [FORMAT],
    mentions: ["before the BEGIN line", "openssl x509 -subject -issuer"],
  },
  {
    name: "text before BEGIN (openssl pkcs12 bag attributes)",
    input: fixture("root-rsa2048.bag.pem"),
    codes: [FORMAT],
    mentions: ["before the BEGIN line", "openssl pkcs12"],
  },
  // Where and how long, never the text itself (__tests__/leaks.test.ts).
  {
    name: "text after END",
    input: `${ROOT}# issued by the platform team\n`,
    codes: [FORMAT],
    mentions: [`after the END line (line ${ROOT_LINES.length + 1}, 29 characters)`],
  },
  { name: "a base64-looking word after END", input: `${ROOT}hello\n`, codes: [FORMAT], mentions: ["after the END line"] },
  {
    name: "Proc-Type/DEK-Info headers inside the CERTIFICATE block",
    input: ROOT.replace(`${BEGIN}\n`, `${BEGIN}\n${PROC_TYPE_HEADERS}`),
    codes: [FORMAT],
    mentions: ["PEM headers", "Proc-Type", "DEK-Info"],
  },

  // The wrong kind of PEM.
  { name: "a CSR", input: fixture("csr.pem"), codes: [FORMAT], mentions: ["CSR", "not a certificate"] },
  { name: "a public key", input: fixture("public-key.pem"), codes: [FORMAT], mentions: ["public key", "not a certificate"] },
  { name: "a CRL", input: fixture("crl.pem"), codes: [FORMAT], mentions: ["CRL", "revocation list"] },
  {
    name: "an OpenSSL TRUSTED CERTIFICATE",
    input: fixture("trusted-certificate.pem"),
    codes: [FORMAT],
    mentions: ["TRUSTED CERTIFICATE", "openssl x509 -in"],
  },
  {
    name: "two certificates",
    input: ROOT + fixture("intermediate-rsa2048.pem"),
    codes: ["CertificateFormatInvalid.MultipleCertificates"],
    mentions: ["2 certificates", "one CaCertificate for each CA"],
  },

  // Private keys: reported, never echoed (see leaks.test.ts).
  { name: "certificate + PKCS#1 private key", input: ROOT + fixture("key-pkcs1.pem"), codes: [KEY], mentions: ["private key", "exposed"] },
  { name: "certificate + PKCS#8 private key", input: ROOT + fixture("key-pkcs8.pem"), codes: [KEY], mentions: ["private key"] },
  {
    name: "certificate + encrypted PKCS#8 private key",
    input: ROOT + fixture("key-pkcs8-encrypted.pem"),
    codes: [KEY],
    mentions: ["private key"],
  },
  {
    name: "certificate + encrypted PKCS#1 private key (Proc-Type headers)",
    input: ROOT + fixture("key-pkcs1-encrypted.pem"),
    codes: [KEY],
    mentions: ["private key"],
  },
  { name: "private key before the certificate", input: fixture("key-pkcs8.pem") + ROOT, codes: [KEY], mentions: ["private key"] },
  { name: "a PKCS#1 private key alone", input: fixture("key-pkcs1.pem"), codes: [KEY, FORMAT], mentions: ["private key", "no CERTIFICATE block"] },
  { name: "a PKCS#8 private key alone", input: fixture("key-pkcs8.pem"), codes: [KEY, FORMAT], mentions: ["private key"] },
  { name: "an EC private key alone", input: fixture("key-ec.pem"), codes: [KEY, FORMAT], mentions: ["private key"] },
  {
    name: "a private key alone with literal \\n escapes",
    input: fixture("key-pkcs8.pem").replace(/\n/g, "\\n"),
    codes: [FORMAT, KEY],
    mentions: ['"\\n"', "private key"],
  },

  // Certificates SLB refuses, or that would weaken mutual TLS.
  { name: "a leaf (CA:FALSE)", input: fixture("leaf.pem"), codes: ["CACertificate.NotCA"], mentions: ["CA:FALSE", "leaf"] },
  { name: "v1 without extensions", input: fixture("v1-no-extensions.pem"), codes: ["CACertificate.NotCA"], mentions: ["version 1", "basicConstraints"] },
  { name: "CA:TRUE without keyCertSign", input: fixture("ca-no-keycertsign.pem"), codes: ["CACertificate.NoKeyCertSign"], mentions: ["keyCertSign"] },
  { name: "EC P-256", input: fixture("root-ec-p256.pem"), codes: ["EccCertificateNotSupport"], mentions: ["EC P-256", "RSA"] },
  { name: "EC P-384", input: fixture("root-ec-p384.pem"), codes: ["EccCertificateNotSupport"], mentions: ["EC P-384", "RSA"] },
  { name: "RSA 1024", input: fixture("root-rsa1024.pem"), codes: ["CACertificate.WeakKey"], mentions: ["1024", "2048 or 4096"] },
  { name: "RSA 3072", input: fixture("root-rsa3072.pem"), codes: ["OperationDenied.IllegalKeyLength"], mentions: ["3072", "2048 or 4096"] },
  { name: "RSA 8192", input: fixture("root-rsa8192.pem"), codes: ["OperationDenied.IllegalKeyLength"], mentions: ["8192", "2048 or 4096"] },
  { name: "expired", input: fixture("expired.pem"), codes: ["CACertificate.Expired"], mentions: ["expired on 2001-01-01T00:00:00Z"] },
  { name: "not yet valid", input: fixture("not-yet-valid.pem"), codes: ["CACertificate.NotYetValid"], mentions: ["not valid before 2090-01-01T00:00:00Z"] },
  {
    name: "intermediate signed with SHA-1",
    input: fixture("intermediate-sha1.pem"),
    codes: ["CACertificate.WeakSignature"],
    mentions: ["sha1WithRSAEncryption", "SHA-256"],
  },
  {
    name: "intermediate signed with MD5",
    input: fixture("intermediate-md5.pem"),
    codes: ["CACertificate.WeakSignature"],
    mentions: ["md5WithRSAEncryption", "SHA-256"],
  },

  // Characters that do not belong in PEM.
  { name: "a NUL character", input: ROOT.replace("MII", "M\0II"), codes: [FORMAT], mentions: ["NUL", "ASCII"] },
  { name: "a non-ASCII character", input: ROOT.replace("MII", "M\u00cfI"), codes: [FORMAT], mentions: ["U+00CF", "line 2", "ASCII"] },
  { name: "a byte-order mark", input: `\ufeff${ROOT}`, codes: [FORMAT], mentions: ["U+FEFF", "byte-order mark"] },
  { name: "smart quotes around the PEM", input: `\u201c${ROOT}\u201d`, codes: [FORMAT], mentions: ["U+201C", "smart quotes"] },
  { name: "literal \\n escapes on one line", input: ROOT.replace(/\n/g, "\\n"), codes: [FORMAT], mentions: ['"\\n"', "JSON", "readFileSync"] },
  ...["certs/ca.pem", "/etc/x.pem", "./ca.crt", "C:\\certs\\client-ca.cer", "~/pki/root.pem"].map((input) => ({
    name: `a file path (${input}) instead of the file's contents`,
    input,
    codes: [FORMAT],
    // Its length and extension, never the text: it may be key material in a path's shape (__tests__/leaks.test.ts).
    mentions: [
      `(${input.length} characters, ending in ${/\.[a-z]+$/i.exec(input)![0]})`,
      "this looks like a file path; pass the file's contents: PemFile.read(path)",
    ],
  })),
  { name: "literal \\r\\n escapes on one line", input: ROOT.replace(/\n/g, "\\r\\n"), codes: [FORMAT], mentions: ['"\\n"'] },
];

/** A base64 character with the same top bits and different low bits: decodes alike when they are padding bits. */
function flipLowBits(char: string): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  return alphabet[alphabet.indexOf(char) ^ 1];
}

describe("the bad-input corpus", () => {
  it.each(REJECTED.map((c) => [c.name, c] as const))("rejects %s", (_name, testCase) => {
    const error = rejection(testCase.input);
    expect(error.problems.map((p) => p.code)).toEqual(testCase.codes);
    for (const word of testCase.mentions) {
      expect(error.message.toLowerCase()).toContain(word.toLowerCase());
    }
  });

  it.each(REJECTED.map((c) => [c.name, c] as const))("the construct rejects %s with the same codes, prefixed with its path", (_name, testCase) => {
    const stack = newStack("corpus");
    let thrown: unknown;
    try {
      new CaCertificate(stack, "ClientCa", { caCertificate: testCase.input as string });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(CaCertificateValidationError);
    const error = thrown as CaCertificateValidationError;
    expect(error.problems.map((p) => p.code)).toEqual(testCase.codes);
    expect(error.message.startsWith("[corpus/ClientCa] ")).toBe(true);
    expect(stack.node.tryFindChild("ClientCa")).toBeUndefined();
  });

  it("a self-signed root signed with SHA-1 is accepted with a CACertificate.WeakSignature warning", () => {
    const info = inspectCaCertificate(fixture("root-sha1.pem"), { now: NOW });
    expect(info.warnings.map((w) => w.code)).toEqual(["CACertificate.WeakSignature"]);
    expect(info.warnings[0].message).toContain("sha1WithRSAEncryption");
    expect(info.fingerprint).toBe(facts("root-sha1.pem").sha1);
  });

  describe("one flipped base64 character", () => {
    const positions = [0, 3, 10, 100, 400, 700, 1000, ROOT_BODY.length - 5, ROOT_BODY.length - 1];
    it.each(positions)("at position %i is rejected or changes the fingerprint", (position) => {
      const original = ROOT_BODY[position];
      const replacement = original === "A" ? "B" : "A";
      const altered = ROOT_BODY.slice(0, position) + replacement + ROOT_BODY.slice(position + 1);
      let outcome: string;
      try {
        outcome = inspectCaCertificate(wrap(64, "\n", altered), { now: NOW }).fingerprint;
      } catch (error) {
        expect(error).toBeInstanceOf(CaCertificateValidationError);
        expect((error as CaCertificateValidationError).problems[0].code).toBe(FORMAT);
        outcome = "rejected";
      }
      expect(outcome).not.toBe(ROOT_FACTS.sha1);
    });
  });

  describe("oversized input is refused before it is read", () => {
    const justOver = ROOT + " ".repeat(MAX_PEM_LENGTH + 1 - ROOT.length);
    const tenMegabytes = ROOT + "A".repeat(10 * 1024 * 1024);
    const tenMegabyteBuffer = Buffer.alloc(10 * 1024 * 1024, 0x41);
    it.each([
      ["one character over 64 KiB", justOver],
      ["10 MB of text", tenMegabytes],
      ["10 MB of text built from lines", `${BEGIN}\n${"QUFB\n".repeat(2 * 1024 * 1024)}${END}\n`],
      ["a 10 MB Buffer", tenMegabyteBuffer],
    ])("%s", (_name, input) => {
      // The fastest of five calls: a GC pause on a busy CI machine cannot fail it, reading 10 MB would.
      let error = rejection(input);
      let fastest = Infinity;
      for (let i = 0; i < 5; i++) {
        const started = performance.now();
        error = rejection(input);
        fastest = Math.min(fastest, performance.now() - started);
      }
      expect(fastest).toBeLessThan(20);
      expect(error.problems.map((p) => p.code)).toEqual([FORMAT]);
      if (typeof input === "string") expect(error.message).toContain("64 KiB");
    });

    it("exactly 64 KiB of a certificate and trailing whitespace is still read", () => {
      const exactly = ROOT + " ".repeat(MAX_PEM_LENGTH - ROOT.length);
      expect(inspectCaCertificate(exactly, { now: NOW }).fingerprint).toBe(ROOT_FACTS.sha1);
    });
  });
});

describe("cosmetic variants are accepted and normalized", () => {
  const canonicalJson = synthCertificate(ROOT);

  it("the canonical input has openssl's fingerprints", () => {
    const info = inspectCaCertificate(ROOT, { now: NOW });
    expect(info.fingerprint).toBe(ROOT_FACTS.sha1);
    expect(info.fingerprintSha256).toBe(ROOT_FACTS.sha256);
    expect(info.pem).toBe(ROOT);
  });

  it.each([
    ["CRLF line ends", ROOT.replace(/\n/g, "\r\n")],
    ["CR line ends", ROOT.replace(/\n/g, "\r")],
    ["76-column lines", wrap(76)],
    ["76-column lines with CRLF", wrap(76, "\r\n")],
    ["one long base64 line", wrap(100000)],
    ["leading and trailing whitespace", `\n\n  \t${ROOT}\n \n\t  `],
    [
      "indented lines",
      ROOT.split("\n")
        .map((line) => `    ${line}`)
        .join("\n"),
    ],
    ["no trailing newline", ROOT.trimEnd()],
    ["blank lines inside the block", ROOT.replace(`${BEGIN}\n`, `${BEGIN}\n\n`).replace(`\n${END}`, `\n\n${END}`)],
  ])("%s", (_name, variant) => {
    const info = inspectCaCertificate(variant, { now: NOW });
    expect(info.fingerprint).toBe(ROOT_FACTS.sha1);
    expect(info.fingerprintSha256).toBe(ROOT_FACTS.sha256);
    expect(info.pem).toBe(ROOT);
    expect(synthCertificate(variant)).toBe(canonicalJson);
  });
});
