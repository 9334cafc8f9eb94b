/**
 * `slb-ca check CA.pem [--json] [--expiry-warning-days N]`: would SLB accept
 * this CA certificate, and is it sound for mutual TLS? The same validator as
 * the construct (CaCertificateValidator.inspect), for teams on plain
 * Terraform or Pulumi too. Prints the verdict and the facts SLB would report.
 * Exit 0 for a good CA (warnings included), 1 for a refused one, 2 for a
 * usage or file error.
 */
import { CaCertificateFileError, CaCertificateInfo, CaCertificateValidationError, CaCertificateValidator, PemFile, ValidationProblem } from "../constructs";
import { X509Certificate } from "crypto";
import { signatureAlgorithmName } from "../constructs/x509/algorithms";
import { readCertificateFields } from "../constructs/x509/certificate-fields";
import { inspectCa } from "../constructs/x509/inspect-ca-certificate";
import { isoSeconds } from "../constructs/x509/time";

/** What the command prints and its exit code. */
export interface CheckOutcome {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

export const CHECK_USAGE = "usage: slb-ca check CA.pem [--json] [--expiry-warning-days N]";

interface CheckOptions {
  readonly file: string;
  readonly json: boolean;
  readonly expiryWarningDays?: number;
}

function parse(args: readonly string[]): CheckOptions | string {
  const files: string[] = [];
  let json = false;
  let expiryWarningDays: number | undefined;
  for (let i = 0; i < args.length; i++) {
    const [flag, inline] = args[i].split(/=(.*)/s, 2);
    if (flag === "--json" && inline === undefined) json = true;
    else if (flag === "--expiry-warning-days") {
      const value = inline ?? args[++i];
      if (value === undefined || !/^\d+$/.test(value))
        return `--expiry-warning-days takes a whole number of days (0 or more), got ${JSON.stringify(value ?? "")}`;
      expiryWarningDays = Number(value);
    } else if (args[i].startsWith("-")) return `unknown option ${args[i]}`;
    else files.push(args[i]);
  }
  if (files.length !== 1) return `give one CA certificate file, got ${files.length}`;
  return { file: files[0], json, expiryWarningDays };
}

/** What the check shows of a certificate: its public facts, never anything of a key. */
interface Facts {
  readonly subject: string;
  readonly issuer: string;
  readonly selfSigned?: boolean;
  readonly key: string;
  readonly signatureAlgorithm: string;
  readonly notBefore: Date;
  readonly notAfter: Date;
  readonly fingerprint: string;
  readonly fingerprintSha256: string;
}

function acceptedFacts(info: CaCertificateInfo): Facts {
  return { ...info, key: `${info.keyAlgorithm} ${info.keySize} bits` };
}

/**
 * What could be read of a refused certificate: undefined when the PEM is not
 * one certificate Node and the DER rules can read (a key block, a bundle,
 * text), whose problems then say why. A certificate holds public data only.
 */
function refusedFacts(pem: string, now: Date): Facts | undefined {
  const read = inspectCa(pem, { now }).anchor();
  if (read === undefined) return undefined;
  const { x509, fields } = read;
  return {
    subject: read.subject,
    issuer: read.issuer,
    selfSigned: fields.issuerEqualsSubject,
    key: keyOf(x509),
    signatureAlgorithm: signatureOf(x509),
    notBefore: fields.notBefore,
    notAfter: fields.notAfter,
    fingerprint: x509.fingerprint.toLowerCase(),
    fingerprintSha256: x509.fingerprint256.toLowerCase(),
  };
}

/** The public key's type and size as Node reads it (a type Node does not know: "unknown"). */
function keyOf(x509: X509Certificate): string {
  try {
    const key = x509.publicKey;
    const details = key.asymmetricKeyDetails;
    const size = details?.modulusLength !== undefined ? `${details.modulusLength} bits` : (details?.namedCurve ?? "");
    return `${(key.asymmetricKeyType ?? "unknown").toUpperCase()} ${size}`.trim();
  } catch {
    return "unknown";
  }
}

/** The signature algorithm, read from the DER ("unreadable" when the strict DER rules refuse it, as the problems then say). */
function signatureOf(x509: X509Certificate): string {
  try {
    const fields = readCertificateFields(x509.raw);
    return signatureAlgorithmName(fields.signatureAlgorithmOid, fields.signatureHashOid);
  } catch {
    return "unreadable";
  }
}

/** The facts, as plain lines. */
function factLines(facts: Facts, now: Date): string[] {
  const left = facts.notAfter.getTime() - now.getTime();
  // Whole days either way, as the validator's CACertificate.Expired message counts them.
  const days = Math.floor(Math.abs(left) / 86_400_000);
  return [
    `  subject      ${facts.subject}`,
    `  issuer       ${facts.issuer}${facts.selfSigned ? " (self-signed)" : ""}`,
    `  key          ${facts.key}`,
    `  signature    ${facts.signatureAlgorithm}`,
    `  valid from   ${isoSeconds(facts.notBefore)}`,
    `  expires      ${isoSeconds(facts.notAfter)} (${left < 0 ? `expired ${days} days ago` : `${days} days left`})`,
    `  SHA-1        ${facts.fingerprint}`,
    `  SHA-256      ${facts.fingerprintSha256}`,
  ];
}

/** Facts with their dates as ISO 8601 strings, for --json. */
function jsonFacts<T extends Pick<Facts, "notBefore" | "notAfter">>(facts: T): Omit<T, "notBefore" | "notAfter"> & { notBefore: string; notAfter: string } {
  return { ...facts, notBefore: facts.notBefore.toISOString(), notAfter: facts.notAfter.toISOString() };
}

const problemLine = (p: ValidationProblem) => `  - ${p.code}: ${p.message}`;

/** Runs the check on the file `args` name, as of `now`. */
export function check(args: readonly string[], now: Date = new Date()): CheckOutcome {
  const options = parse(args);
  if (typeof options === "string") return { exitCode: 2, stdout: "", stderr: `slb-ca check: ${options}\n${CHECK_USAGE}\n` };
  let pem: string;
  try {
    pem = PemFile.read(options.file);
  } catch (error) {
    if (!(error instanceof CaCertificateFileError)) throw error;
    return { exitCode: 2, stdout: "", stderr: `slb-ca check: the CA file ${error.message}\n` };
  }
  let info: CaCertificateInfo;
  try {
    info = CaCertificateValidator.inspect(pem, { now, expiryWarningDays: options.expiryWarningDays });
  } catch (error) {
    if (!(error instanceof CaCertificateValidationError)) throw error;
    const read = refusedFacts(pem, now);
    if (options.json) {
      const json = { file: options.file, accepted: false, problems: error.problems, read: read === undefined ? null : jsonFacts(read) };
      return { exitCode: 1, stdout: `${JSON.stringify(json, null, 2)}\n`, stderr: "" };
    }
    const count = error.problems.length === 1 ? "1 problem" : `${error.problems.length} problems`;
    const facts =
      read === undefined
        ? ["Nothing else read: the text is not one certificate on its own (the problems say why)."]
        : ["What was read:", ...factLines(read, now)];
    return { exitCode: 1, stdout: "", stderr: [`REFUSED: ${options.file}: ${count}:`, ...error.problems.map(problemLine), ...facts, ""].join("\n") };
  }
  if (options.json) {
    const { pem: _pem, notBefore, notAfter, ...facts } = info;
    const json = { file: options.file, accepted: true, ...facts, ...jsonFacts({ notBefore, notAfter }) };
    return { exitCode: 0, stdout: `${JSON.stringify(json, null, 2)}\n`, stderr: "" };
  }
  const lines = [`OK: ${options.file} is a CA certificate SLB accepts (CN=${info.commonName}).`, ...factLines(acceptedFacts(info), now)];
  lines.push(...info.warnings.map((w) => `  warning ${w.code}: ${w.message}`));
  return { exitCode: 0, stdout: `${lines.join("\n")}\n`, stderr: "" };
}
