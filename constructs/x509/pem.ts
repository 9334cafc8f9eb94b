import { RuleCode } from "../rules/catalogue";
import { readCertificateFields } from "./certificate-fields";
import { CertificateRuleError, DerError } from "./der";
import { RuleProblem, showValue } from "../problems";
import { BASE64_LINE, PemReading, readBase64, readUsualLayout } from "./pem-body";
import { armourLineShown, hasKeyDump, headerNamesShown, isKnownLabel, labelShown, pathShown, strayLineShown } from "./pem-echo";

/** Largest PEM text accepted: a CA certificate is a few KiB; anything larger is refused unread. */
export const MAX_PEM_LENGTH = 64 * 1024;

const FORMAT: RuleCode = "CertificateFormatInvalid";
const ALLOWED = "Allowed: one PEM block from -----BEGIN CERTIFICATE----- to -----END CERTIFICATE----- and nothing else.";

interface Block {
  readonly label: string;
  readonly body: string[];
  readonly headers: string[];
  closed: boolean;
}

const STRICT_ARMOUR = /^-----(BEGIN|END) ([A-Z0-9][A-Z0-9 #]*)-----$/;
// The label ends on a non-space, so that it and the trailing \s* never compete for the
// same spaces: a lazy label made this regex quadratic (seconds on one 60 KiB line).
const LOOSE_ARMOUR = /^-*\s*(BEGIN|END)\s+([A-Za-z0-9](?:[A-Za-z0-9 #]*[A-Za-z0-9#])?)\s*-*$/;
// Bounded, so that text full of "BEGIN" costs linear time; real labels ("RSA", "ENCRYPTED",
// "OPENSSH") are short. END counts too: a key whose BEGIN line was lost is still a key.
const PRIVATE_KEY_MARKER = /(?:BEGIN|END)[A-Z0-9 ]{0,64}PRIVATE KEY/i;
const HEADER_LINE = /^[A-Za-z][A-Za-z0-9-]*:/;

const WRONG_LABELS: Readonly<Record<string, string>> = {
  "CERTIFICATE REQUEST": "a certificate signing request (CSR), not a certificate",
  "NEW CERTIFICATE REQUEST": "a certificate signing request (CSR), not a certificate",
  "PUBLIC KEY": "a public key, not a certificate",
  "RSA PUBLIC KEY": "a public key, not a certificate",
  "X509 CRL": "a certificate revocation list (CRL), not a certificate",
  "TRUSTED CERTIFICATE": "an OpenSSL TRUSTED CERTIFICATE (made by `openssl x509 -trustout`); convert it with `openssl x509 -in ca.pem -out ca-plain.pem`",
  PKCS7: "a PKCS#7 bundle; extract the CA with `openssl pkcs7 -print_certs`",
};

/** Says a key is there, never what it is. A new object each time: callers own the problems they get. */
function privateKeyIncluded(form = "a private key block"): RuleProblem {
  return {
    code: "CertificateFormatInvalid.PrivateKeyIncluded",
    message: `the text contains ${form}. A CA certificate upload takes the certificate only: remove the key from this input (and treat the key as exposed if this text was committed or shared).`,
  };
}

/** The private key problem, if the text holds a key: as a PEM block, or printed as text by `openssl pkey -text`. */
function privateKeyProblem(text: string): RuleProblem | undefined {
  if (PRIVATE_KEY_MARKER.test(text)) return privateKeyIncluded();
  if (hasKeyDump(text)) return privateKeyIncluded("a private key printed as text (as `openssl pkey -text` or `openssl rsa -text` print it)");
  return undefined;
}

function problem(message: string, code: RuleCode = FORMAT): RuleProblem {
  return { code, message };
}

/** What a message calls a non-string input; Buffers are described by size only, never copied. */
function describeNonString(input: unknown): string {
  if (input === undefined) return "undefined";
  if (input instanceof Uint8Array) return `a ${Buffer.isBuffer(input) ? "Buffer" : "Uint8Array"} of ${input.length} bytes`;
  return showValue(input);
}

function readTypeAndSize(input: unknown): RuleProblem | string {
  if (typeof input !== "string") {
    if (input instanceof Uint8Array) {
      const hint =
        input[0] === 0x30
          ? "; these bytes look like DER: convert them with `openssl x509 -inform der -in ca.der -out ca.pem`"
          : '; read the file as text: fs.readFileSync(path, "utf8")';
      return problem(`expected the PEM text as a string, got ${describeNonString(input)}${hint}. ${ALLOWED}`);
    }
    return problem(`expected the PEM text as a string, got ${describeNonString(input)}. ${ALLOWED}`);
  }
  // Checked before any parsing, so that a huge input costs nothing.
  if (input.length > MAX_PEM_LENGTH) {
    return problem(`the text is ${input.length} characters long; a CA certificate in PEM is at most ${MAX_PEM_LENGTH} characters (64 KiB).`);
  }
  // A search, not trim(): trim copies the whole text, on the hot path of every validation.
  if (!/\S/.test(input)) return problem(`the text is ${input.length === 0 ? "empty" : "whitespace only"}. ${ALLOWED}`);
  return input;
}

/** DER read into a string: a SEQUENCE tag, then a long-form length byte (as latin1, or U+FFFD as UTF-8). */
function looksLikeDer(text: string): boolean {
  return text.charCodeAt(0) === 0x30 && text.charCodeAt(1) >= 0x80;
}

function readCharacters(text: string): RuleProblem | undefined {
  if (looksLikeDer(text)) {
    return problem(
      "the text looks like binary DER read into a string, not PEM: convert it with `openssl x509 -inform der -in ca.der -out ca.pem` and pass the PEM text.",
    );
  }
  const nul = text.indexOf("\0");
  if (nul >= 0) return problem(`the text contains a NUL character at offset ${nul}; PEM is plain ASCII text.`);
  // eslint-disable-next-line no-control-regex
  const nonAscii = /[^\x09\x0a\x0d\x20-\x7e]/.exec(text);
  if (nonAscii) {
    const code = nonAscii[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0");
    const line = text.slice(0, nonAscii.index).split("\n").length;
    return problem(`the text contains the character U+${code} on line ${line}; PEM is plain ASCII text (check for smart quotes or a byte-order mark).`);
  }
  if (text.includes("\\n") && !text.trim().includes("\n")) {
    return problem(
      'the text holds literal "\\n" escape sequences where line breaks belong; it was probably copied from a JSON or YAML string. Un-escape it, or read the file with fs.readFileSync(path, "utf8").',
    );
  }
  return undefined;
}

/**
 * Reads the PEM armour of a CA certificate upload: exactly one CERTIFICATE
 * block, no headers, no other blocks, nothing around it. Line ends, line width
 * and surrounding whitespace are cosmetic and accepted.
 *
 * Private key blocks are reported without ever echoing their content.
 */
export function readCertificatePem(input: unknown): PemReading {
  const typed = readTypeAndSize(input);
  if (typeof typed !== "string") return { problems: [typed] };
  return readUsualLayout(typed) ?? readPemInFull(typed);
}

/**
 * Reads the PEM armour of a certificate chain (a client certificate, then the
 * intermediates it sends): one or more CERTIFICATE blocks, by the same rules
 * as {@link readCertificatePem} otherwise. The one block splitter: every
 * caller that takes several certificates reads them here.
 * @returns every block's DER in order (`ders`), or the problems
 */
export function readCertificateChainPem(input: unknown): PemReading {
  const typed = readTypeAndSize(input);
  if (typeof typed !== "string") return { problems: [typed] };
  const usual = readUsualLayout(typed);
  if (usual) return usual.der ? { ...usual, ders: [usual.der] } : usual;
  return readPemInFull(typed, true);
}

/**
 * The full reader behind {@link readCertificatePem}'s fast path: every layout,
 * every diagnostic. Exported for the test that holds the fast path to it.
 * @param several a chain (one or more blocks, {@link readCertificateChainPem}) rather than exactly one certificate
 */
export function readPemInFull(typed: string, several = false): PemReading {
  const keyProblem = privateKeyProblem(typed);
  const characterProblem = readCharacters(typed);
  // The key is reported even so: the user must learn that it is exposed, not only how to un-escape it.
  if (characterProblem) return { problems: keyProblem ? [characterProblem, keyProblem] : [characterProblem] };

  const problems: RuleProblem[] = [];
  const blocks: Block[] = [];
  const stray: { line: string; lineNumber: number; where: "before" | "between" | "after" }[] = [];
  let current: Block | undefined;
  let lineNumber = 0;

  for (const rawLine of typed.split(/\r\n|\r|\n/)) {
    lineNumber++;
    const line = rawLine.trim();
    if (line.length === 0) continue;
    const strict = STRICT_ARMOUR.exec(line);
    const loose = strict ?? LOOSE_ARMOUR.exec(line);
    if (loose && /-/.test(line)) {
      const [, kind, rawLabel] = loose;
      const label = rawLabel.toUpperCase();
      if (!strict) {
        problems.push(
          problem(
            `the armour line ${armourLineShown(line, label)} is malformed: it needs exactly five dashes on each side, as in "-----${kind} ${isKnownLabel(label) ? label : "CERTIFICATE"}-----".`,
          ),
        );
      }
      if (kind === "BEGIN") {
        if (current && !current.closed) {
          problems.push(problem(`the ${labelShown(current.label)} block has no END line before the next BEGIN ${labelShown(label)}.`));
        }
        current = { label, body: [], headers: [], closed: false };
        blocks.push(current);
      } else if (!current || current.closed) {
        problems.push(problem(`an END ${labelShown(label)} line has no BEGIN line before it.`));
      } else {
        if (label !== current.label) {
          problems.push(problem(`the BEGIN ${labelShown(current.label)} line is closed by END ${labelShown(label)}; BEGIN and END labels must match.`));
        }
        current.closed = true;
      }
      continue;
    }
    if (current && !current.closed) {
      if (HEADER_LINE.test(line) && current.body.length === 0) current.headers.push(line.split(":")[0]);
      else current.body.push(line);
    } else {
      stray.push({ line, lineNumber, where: blocks.length === 0 ? "before" : "after" });
    }
  }

  if (current && !current.closed) {
    problems.push(problem(`the ${labelShown(current.label)} block has no END line; the text looks truncated.`));
  }
  for (const block of blocks) {
    if (PRIVATE_KEY_MARKER.test(`BEGIN ${block.label}`)) continue;
    if (block.label !== "CERTIFICATE") {
      problems.push(problem(`found a ${labelShown(block.label)} block: that is ${WRONG_LABELS[block.label] ?? "not a certificate"}. ${ALLOWED}`));
    } else if (block.headers.length > 0) {
      problems.push(
        problem(
          `the CERTIFICATE block carries PEM headers (${headerNamesShown(block.headers)}); a CA certificate is neither encrypted nor annotated. ${ALLOWED}`,
        ),
      );
    }
  }
  if (keyProblem) problems.push(keyProblem);

  const certificates = blocks.filter((b) => b.label === "CERTIFICATE");
  if (certificates.length > 1 && !several) {
    problems.push({
      code: "CertificateFormatInvalid.MultipleCertificates",
      message: `the text holds ${certificates.length} certificates; SLB takes one CA certificate per upload: declare one CaCertificate for each CA.`,
    });
    // Every problem at once: a broken block among several is worth knowing before the split.
    certificates.forEach((block, index) => {
      for (const p of blockProblems(block.body)) problems.push(problem(`certificate ${index + 1} of ${certificates.length}: ${p.message}`));
    });
  }
  if (blocks.length === 0) {
    const looksLikeBase64 = stray.every((s) => BASE64_LINE.test(s.line));
    if (looksLikeFilePath(typed)) {
      const path = typed.trim();
      const shown = pathShown(path, CERTIFICATE_FILE_EXTENSION.exec(path)?.[0]);
      problems.push(problem(`the text is not PEM${shown}: this looks like a file path; pass the file's contents: PemFile.read(path). ${ALLOWED}`));
      return { problems: capFormatProblems(problems) };
    }
    problems.push(
      problem(
        looksLikeBase64
          ? `the text is bare base64 without the PEM armour (DER encoded as base64?). ${ALLOWED}`
          : `no -----BEGIN CERTIFICATE----- line found. ${ALLOWED}`,
      ),
    );
    return { problems: capFormatProblems(problems) };
  }
  const before = stray.find((s) => s.where === "before");
  const after = stray.find((s) => s.where === "after");
  if (before) problems.push(problem(`there is text before the BEGIN line${strayLineShown(before.line, before.lineNumber)}. ${ALLOWED}`));
  if (after) problems.push(problem(`there is text after the END line${strayLineShown(after.line, after.lineNumber)}. ${ALLOWED}`));
  if (certificates.length === 0 && !problems.some((p) => p.code === FORMAT)) {
    problems.push(problem(`no CERTIFICATE block found. ${ALLOWED}`));
  }
  if (certificates.length === 0 || problems.length > 0 || (certificates.length > 1 && !several)) return { problems: capFormatProblems(problems) };
  if (!several) return readBase64(certificates[0].body);
  return readChainBlocks(certificates);
}

/** Each block of a chain decoded; a broken one named by its place ("certificate 2 of 3"). */
function readChainBlocks(certificates: readonly Block[]): PemReading {
  const ders: Buffer[] = [];
  const problems: RuleProblem[] = [];
  certificates.forEach((block, index) => {
    const reading = readBase64(block.body);
    if (reading.der) ders.push(reading.der);
    const where = certificates.length === 1 ? "" : `certificate ${index + 1} of ${certificates.length}: `;
    for (const p of reading.problems) problems.push(problem(`${where}${p.message}`));
  });
  return problems.length > 0 ? { problems } : { problems, der: ders[0], ders };
}

/** What is wrong with one CERTIFICATE block's content: its base64, then its DER shape. */
function blockProblems(body: readonly string[]): RuleProblem[] {
  const reading = readBase64(body);
  if (!reading.der) return reading.problems;
  try {
    readCertificateFields(reading.der);
    return [];
  } catch (error) {
    if (!(error instanceof DerError)) throw error;
    return [problem(error instanceof CertificateRuleError ? error.message : `the block does not decode to an X.509 certificate (${error.message}).`)];
  }
}

const CERTIFICATE_FILE_EXTENSION = /\.(?:pem|crt|cer|cert|der|ca|ca-bundle|txt|key|p7b|p7c|p12|pfx)$/i;
const PATH_START = /^(?:[A-Za-z]:[\\/]|\.{1,2}[\\/]|~[\\/]|\/)/;

/**
 * A short single line shaped like a path ("certs/ca.pem", "/etc/x.pem",
 * "./ca.crt"): the caller passed the file's name, not its contents. Bare base64
 * may start with "/" too, so a leading "/" alone is not enough: it takes a
 * file extension or a second "/".
 */
function looksLikeFilePath(text: string): boolean {
  const line = text.trim();
  if (line.length > 1024 || /[\r\n]/.test(line) || line.includes("-----")) return false;
  if (CERTIFICATE_FILE_EXTENSION.test(line)) return true;
  return PATH_START.test(line) && /[\\/][^\\/]*\.[A-Za-z0-9]{1,10}$/.test(line) && !BASE64_LINE.test(line);
}

/** Most CertificateFormatInvalid problems listed; more would bury the first (and the other codes). */
const MAX_FORMAT_PROBLEMS = 10;

/**
 * Keeps the first few CertificateFormatInvalid problems and counts the rest:
 * 64 KiB of broken armour lines would otherwise make a message of megabytes.
 * Problems with other codes are all kept.
 */
function capFormatProblems(problems: RuleProblem[]): RuleProblem[] {
  const total = problems.filter((p) => p.code === FORMAT).length;
  if (total <= MAX_FORMAT_PROBLEMS) return problems;
  const kept: RuleProblem[] = [];
  let seen = 0;
  for (const p of problems) {
    if (p.code !== FORMAT) kept.push(p);
    else if (++seen <= MAX_FORMAT_PROBLEMS) kept.push(p);
    if (p.code === FORMAT && seen === MAX_FORMAT_PROBLEMS) {
      kept.push(problem(`... and ${total - MAX_FORMAT_PROBLEMS} more problems with the PEM armour; fix the ones above first.`));
    }
  }
  return kept;
}
