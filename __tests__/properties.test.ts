/**
 * Property-based tests: whatever the input, the validator answers with a
 * CaCertificateValidationError or a result; cosmetic changes never
 * change what it reads; a corrupted certificate never passes as the original;
 * tag validation agrees with a plain reading of the rules.
 */
import fc from "fast-check";
import { inspectCaCertificate } from "../constructs/x509/inspect-ca-certificate";
import { readCertificatePem, readPemInFull } from "../constructs/x509/pem";
import { PemReading, canonicalPem } from "../constructs/x509/pem-body";
import { CERTIFICATE_RULES } from "../constructs/rules/certificate-catalogue";
import { validateTags } from "../constructs/certificate/validate-tags";
import { CaCertificateValidationError } from "../constructs/errors";
import { NOW, facts, fixture, fixtureBytes, wrapPem } from "./support/fixtures";

const CODES = new Set<string>(CERTIFICATE_RULES.map((rule) => rule.code));
const BASE64_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const BEGIN = "-----BEGIN CERTIFICATE-----";
const END = "-----END CERTIFICATE-----";

/** Accepted certificates: self-signed roots (RSA 2048 and 4096, SHA-1 root) and an intermediate, with and without "=" padding. */
const ACCEPTED = ["root-rsa2048.pem", "root-rsa4096.pem", "intermediate-rsa2048.pem", "root-sha1.pem"].map((name) => {
  const text = fixture(name);
  return { name, text, body: text.trim().split("\n").slice(1, -1).join(""), sha1: facts(name).sha1 };
});

/** DER of certificates that exercise every branch of the DER reader: RSA, EC, v1, leaf, intermediates. */
const DER_SAMPLES = [
  "root-rsa2048.pem",
  "intermediate-rsa2048.pem",
  "root-ec-p256.pem",
  "v1-no-extensions.pem",
  "leaf.pem",
  "ca-no-keycertsign.pem",
  "expired.pem",
].map((name) => Buffer.from(fixture(name).trim().split("\n").slice(1, -1).join(""), "base64"));

/**
 * Runs inspectCaCertificate and checks the contract: it returns, or throws a
 * CaCertificateValidationError whose problems carry known codes and messages;
 * never another error. How long a call takes is the bench's business
 * (`npm run bench`, "worst single call"): a time bound here went red at random on a busy machine.
 */
function inspectWithinContract(input: unknown): "accepted" | "rejected" {
  let thrown: unknown;
  try {
    inspectCaCertificate(input, { now: NOW });
  } catch (error) {
    thrown = error;
  }
  if (thrown === undefined) return "accepted";
  if (!(thrown instanceof CaCertificateValidationError)) throw new Error(`not a CaCertificateValidationError: ${String(thrown)}`);
  const problems = thrown.problems;
  // Plain checks, not expect(): they run hundreds of thousands of times.
  if (problems.length === 0 || problems.length > 20) throw new Error(`${problems.length} problems`);
  for (const problem of problems) {
    if (!CODES.has(problem.code) || problem.message.length === 0) throw new Error(`bad problem ${JSON.stringify(problem)}`);
  }
  return "rejected";
}

// ---- arbitraries ----------------------------------------------------------

const base64Line = fc.string({ unit: fc.constantFrom(...BASE64_ALPHABET, "="), maxLength: 80 });
const armourLine = fc
  .tuple(
    fc.constantFrom("-----", "----", "------", "", "-", "- "),
    fc.constantFrom("BEGIN", "END", "begin", "BEGIN  "),
    fc.constantFrom(" CERTIFICATE", " RSA PRIVATE KEY", " X509 CRL", " TRUSTED CERTIFICATE", " PRIVATE KEY", "", " CERTIFICATE REQUEST", " A#1"),
    fc.constantFrom("-----", "----", "", "------", " -----"),
  )
  .map((parts) => parts.join(""));
const anyLine = fc.oneof(
  { weight: 4, arbitrary: base64Line },
  { weight: 3, arbitrary: armourLine },
  { weight: 2, arbitrary: fc.string({ unit: "binary-ascii", maxLength: 40 }) },
  { weight: 1, arbitrary: fc.constantFrom("Proc-Type: 4,ENCRYPTED", "DEK-Info: AES-256-CBC,00", "", "   ", "\\n", "subject=CN = x", "\t") },
);
const eol = fc.constantFrom("\n", "\r\n", "\r");

/** A document of PEM-ish lines: armour of every shape, base64, headers, junk. */
const pemishDocument = fc.tuple(fc.array(anyLine, { maxLength: 40 }), eol).map(([lines, end]) => lines.join(end));

/** One CERTIFICATE block around a random body, with random text around it. */
const armouredRandomBody = fc
  .tuple(
    fc.string({ maxLength: 20 }),
    fc.oneof(
      fc.array(base64Line, { maxLength: 30 }).map((lines) => lines.join("\n")),
      fc.string({ unit: "binary-ascii", maxLength: 400 }),
    ),
    fc.string({ maxLength: 20 }),
    eol,
  )
  .map(([before, body, after, end]) => [before + BEGIN, body, END + after].join(end));

/** A real certificate's DER with a few bytes changed and possibly cut short, in canonical PEM. */
const mutatedCertificate = fc
  .tuple(
    fc.constantFrom(...DER_SAMPLES),
    fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 4 }),
    fc.option(fc.nat(), { freq: 4 }),
  )
  .map(([der, edits, cut]) => {
    const bytes = Buffer.from(der);
    // Early bytes hold the lengths and tags the walkers trust: aim half the edits there.
    for (const [at, value] of edits) bytes[at % 2 === 0 ? (at >> 1) % 64 : at % bytes.length] = value;
    return canonicalPem(cut === null ? bytes : bytes.subarray(0, cut % bytes.length));
  });

/** Long repetitions of armour fragments: the shapes that make a backtracking regex quadratic. */
const PATHOLOGICAL_FRAGMENTS = [
  " ",
  "-",
  "BEGIN",
  "BEGIN ",
  "-BEGIN A",
  "A ",
  "END ",
  "=",
  "\n",
  "\r\n",
  "#",
  "a:",
  "MIIB",
  "\\n",
  "-----BEGIN CERTIFICATE-----\n",
  "PRIVATE ",
  "BEGIN RSA ",
];
const pathological = fc
  .tuple(
    fc.constantFrom("", "-", "-----BEGIN ", "-BEGIN A", "BEGIN X", `${BEGIN}\n`, "-----BEGIN RSA "),
    fc.constantFrom(...PATHOLOGICAL_FRAGMENTS),
    fc.integer({ min: 1000, max: 64 * 1024 }),
    fc.constantFrom("", "!", "-", "x-", "\n", "-----", `\n${END}`, "PRIVATE KEY"),
  )
  .map(([head, fragment, length, tail]) => {
    const text = head + fragment.repeat(Math.ceil(length / fragment.length)) + tail;
    return text.length > 64 * 1024 ? text.slice(text.length - 64 * 1024) : text;
  });

// ---- properties -----------------------------------------------------------

describe("any input gets a CaCertificateValidationError or a result", () => {
  it("arbitrary printable strings", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => void inspectWithinContract(text)),
      { numRuns: 5000 },
    );
  });

  it("arbitrary Unicode strings", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 300 }), (text) => void inspectWithinContract(text)),
      { numRuns: 3000 },
    );
  });

  it("arbitrary non-string values", () => {
    fc.assert(
      fc.property(fc.anything(), (value) => void inspectWithinContract(value)),
      { numRuns: 1000 },
    );
  });

  it("documents of PEM-ish lines", () => {
    fc.assert(
      fc.property(pemishDocument, (text) => void inspectWithinContract(text)),
      { numRuns: 5000 },
    );
  });

  it("a CERTIFICATE block around a random body", () => {
    fc.assert(
      fc.property(armouredRandomBody, (text) => void inspectWithinContract(text)),
      { numRuns: 5000 },
    );
  });

  it("real certificates with bytes changed or cut short", () => {
    fc.assert(
      fc.property(mutatedCertificate, (text) => void inspectWithinContract(text)),
      { numRuns: 5000 },
    );
  });

  it("byte sequences, as a Buffer and read as text", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), (bytes) => {
        const buffer = Buffer.from(bytes);
        expect(inspectWithinContract(buffer)).toBe("rejected");
        expect(inspectWithinContract(bytes)).toBe("rejected");
        inspectWithinContract(buffer.toString("latin1"));
        inspectWithinContract(buffer.toString("utf8"));
      }),
      { numRuns: 1000 },
    );
  });

  it("long repetitions of armour fragments up to 64 KiB", () => {
    fc.assert(
      fc.property(pathological, (text) => void inspectWithinContract(text)),
      { numRuns: 500 },
    );
  });
});

describe("cosmetic changes never change what is read", () => {
  const canonical = new Map(ACCEPTED.map((c) => [c.name, inspectCaCertificate(c.text, { now: NOW })]));
  const whitespace = fc.array(fc.constantFrom(" ", "\t", "\n", "\r\n", "\r"), { maxLength: 6 }).map((parts) => parts.join(""));

  it("the fixtures are read as openssl read them, in canonical form", () => {
    for (const c of ACCEPTED) {
      expect(canonical.get(c.name)!.fingerprint).toBe(c.sha1);
      expect(canonical.get(c.name)!.pem).toBe(c.text);
    }
  });

  it("re-wrapping at any width 1..200, any line end, surrounding whitespace", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ACCEPTED),
        fc.integer({ min: 1, max: 200 }),
        fc.constantFrom("\n", "\r\n"),
        whitespace,
        whitespace,
        (certificate, width, end, before, after) => {
          const info = inspectCaCertificate(before + wrapPem(certificate.body, width, end) + after, { now: NOW });
          expect(info.fingerprint).toBe(certificate.sha1);
          expect(info.pem).toBe(canonical.get(certificate.name)!.pem);
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe("readCertificatePem's fast path agrees with the full reader", () => {
  /** Throws unless both readers give the same problems and DER; `canonical` only for canonical text. */
  function agree(text: string): void {
    const fast: PemReading = readCertificatePem(text);
    const full = readPemInFull(text);
    if (JSON.stringify(fast.problems) !== JSON.stringify(full.problems)) throw new Error(`problems differ on ${JSON.stringify(text)}`);
    if ((fast.der === undefined) !== (full.der === undefined) || (fast.der && !fast.der.equals(full.der!)))
      throw new Error(`DER differs on ${JSON.stringify(text)}`);
    if (fast.canonical !== undefined && (fast.canonical !== text || text !== canonicalPem(fast.der!)))
      throw new Error(`not canonical: ${JSON.stringify(text)}`);
  }
  /** A real body re-wrapped, with "=" and line ends moved about: the cases the fast path decides itself. */
  const rewrapped = fc
    .tuple(
      fc.constantFrom(...ACCEPTED),
      fc.integer({ min: 1, max: 80 }),
      fc.constantFrom("\n", "\r\n"),
      fc.constantFrom("", "=", "==", "===", "A", "AB=", "\n=", "=\n="),
      fc.nat(),
      fc.constantFrom("", " ", "\n", "\r\n"),
      fc.boolean(),
      fc.constantFrom(...BASE64_ALPHABET),
    )
    .map(([{ body }, width, end, extra, at, around, atEnd, letter]) => {
      // The letter before the padding carries the padding bits: replace it too, half the time.
      const pad = body.indexOf("=");
      const relettered = pad > 0 && at % 2 === 0 ? body.slice(0, pad - 1) + letter + body.slice(pad) : body;
      const cut = at % (relettered.length + 1);
      const edited = atEnd ? relettered + extra : relettered.slice(0, cut) + extra + relettered.slice(cut);
      return around + wrapPem(edited, width, end) + around;
    });

  it("on real bodies re-wrapped, padded and edited", () => {
    fc.assert(
      fc.property(rewrapped, (text) => agree(text)),
      { numRuns: 3000 },
    );
  });

  it("on a CERTIFICATE block around a random body", () => {
    fc.assert(
      fc.property(armouredRandomBody, (text) => agree(text)),
      { numRuns: 2000 },
    );
  });

  it("hands back canonical text as it is, and only that", () => {
    for (const { text } of ACCEPTED) {
      expect(readCertificatePem(text).canonical).toBe(text);
      expect(readCertificatePem(text.replace(/\n/g, "\r\n")).canonical).toBeUndefined();
    }
  });
});

describe("a corrupted certificate never passes as the original", () => {
  /** Rejected, or accepted as a different certificate. */
  function rejectedOrDifferent(certificate: (typeof ACCEPTED)[number], position: number, replacement: string): void {
    const altered = certificate.body.slice(0, position) + replacement + certificate.body.slice(position + 1);
    if (inspectWithinContract(wrapPem(altered, 64, "\n")) === "accepted") {
      expect(inspectCaCertificate(wrapPem(altered, 64, "\n"), { now: NOW }).fingerprint).not.toBe(certificate.sha1);
    }
  }

  it("one base64 character replaced anywhere", () => {
    const corruption = fc.constantFrom(...ACCEPTED).chain((certificate) =>
      fc.tuple(
        fc.constant(certificate),
        // The tail (the last quantum and its padding bits) is where lenient decoders hide changes: sample it often.
        fc.oneof(fc.nat({ max: certificate.body.length - 1 }), fc.integer({ min: certificate.body.length - 4, max: certificate.body.length - 1 })),
        fc.constantFrom(...BASE64_ALPHABET, "=", "-", "_", "*", " ", "."),
      ),
    );
    fc.assert(
      fc.property(corruption, ([certificate, position, replacement]) => {
        fc.pre(certificate.body[position] !== replacement);
        rejectedOrDifferent(certificate, position, replacement);
      }),
      { numRuns: 3000 },
    );
  });

  it("every replacement of each of the last four characters (exhaustive)", () => {
    for (const certificate of ACCEPTED) {
      for (let position = certificate.body.length - 4; position < certificate.body.length; position++) {
        for (const replacement of BASE64_ALPHABET + "=") {
          if (certificate.body[position] !== replacement) rejectedOrDifferent(certificate, position, replacement);
        }
      }
    }
  });
});

describe("validateTags agrees with a plain reading of the rules", () => {
  /**
   * The rules, read from the API documentation, in the order validateTags reports them: TagResources'
   * (keys of at most 64 characters), which carries the tags, and UploadCACertificate's where stricter.
   */
  function oracle(tags: Record<string, string>): string[] {
    const codes: string[] = [];
    const entries = Object.entries(tags);
    const breaksRules = (text: string, max: number) =>
      text.length > max || text.startsWith("acs:") || text.startsWith("aliyun") || text.includes("http://") || text.includes("https://");
    if (entries.length > 20) codes.push("SizeLimitExceeded.Tag");
    for (const [key, value] of entries) {
      if (key === "") codes.push("MissingParam.TagKey");
      else if (breaksRules(key, 64)) codes.push("InvalidParam.TagKey");
      if (breaksRules(value, 128)) codes.push("InvalidParam.TagValue");
    }
    return codes;
  }

  const affix = fc.constantFrom("", "", "", "acs:", "aliyun", "ACS:", "Aliyun", "acs", "aliyu", "http://", "https://", "HTTP://", "http:/", "x http://y");
  /** Texts of lengths around the limits, an affix at the start or the end, BMP characters. */
  const tagText = fc.oneof(
    fc
      .tuple(affix, fc.constantFrom(0, 1, 2, 63, 64, 65, 127, 128, 129, 130, 200), fc.boolean(), fc.constantFrom("a", "Z", "0", " ", ":", "/", "中"))
      .map(([part, length, atStart, filler]) => {
        const pad = filler.repeat(Math.max(0, length - part.length));
        return atStart ? part + pad : pad + part;
      }),
    fc.string({ unit: fc.constantFrom("a", "c", "s", ":", "h", "t", "p", "/", "i", "l", "y", "u", "n"), maxLength: 12 }),
  );
  const tagMap = fc
    .constantFrom(0, 1, 2, 5, 19, 20, 21, 22)
    .chain((count) => fc.uniqueArray(fc.tuple(tagText, tagText), { minLength: count, maxLength: count, selector: ([key]) => key }))
    .map((entries) => Object.fromEntries(entries));

  it("on generated tag maps", () => {
    fc.assert(
      fc.property(tagMap, (tags) => {
        expect(validateTags(tags).map((p) => p.code)).toEqual(oracle(tags));
      }),
      { numRuns: 2000 },
    );
  });

  it("at the exact boundaries", () => {
    expect(oracle({ ["k".repeat(64)]: "v".repeat(128) })).toEqual([]);
    expect(validateTags({ ["k".repeat(64)]: "v".repeat(128) })).toEqual([]);
    expect(validateTags({ ["k".repeat(65)]: "v" }).map((p) => p.code)).toEqual(["InvalidParam.TagKey"]);
    expect(validateTags({ k: "v".repeat(129) }).map((p) => p.code)).toEqual(["InvalidParam.TagValue"]);
    const twentyOne = Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`k${i}`, ""]));
    expect(validateTags(twentyOne).map((p) => p.code)).toEqual(["SizeLimitExceeded.Tag"]);
  });
});

/** Keeps `fixtureBytes` honest: the DER fixture is the PEM's content. */
it("the DER fixture is the canonical PEM's content", () => {
  expect(canonicalPem(fixtureBytes("root-rsa2048.der"))).toBe(fixture("root-rsa2048.pem"));
});
