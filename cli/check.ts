/**
 * `slb-ca check CA.pem [--json] [--expiry-warning-days N]`: would SLB accept
 * this CA certificate, and is it sound for mutual TLS? The same validator as
 * the construct (CaCertificateValidator.inspect), for teams on plain
 * Terraform or Pulumi too. Prints the verdict and the facts SLB would report.
 * Exit 0 for a good CA (warnings included), 1 for a refused one, 2 for a
 * usage or file error.
 */
import { CaCertificateFileError, CaCertificateInfo, CaCertificateValidationError, CaCertificateValidator, PemFile, ValidationProblem } from "../constructs";

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

/** The facts of an accepted certificate, as plain lines. */
function factLines(info: CaCertificateInfo, now: Date): string[] {
  const daysLeft = Math.floor((info.notAfter.getTime() - now.getTime()) / 86_400_000);
  return [
    `  subject      ${info.subject}`,
    `  issuer       ${info.issuer}${info.selfSigned ? " (self-signed)" : ""}`,
    `  key          ${info.keyAlgorithm} ${info.keySize} bits`,
    `  signature    ${info.signatureAlgorithm}`,
    `  valid from   ${info.notBefore.toISOString().replace(/\.\d{3}Z$/, "Z")}`,
    `  expires      ${info.expireTime} (${daysLeft} days left)`,
    `  SHA-1        ${info.fingerprint}`,
    `  SHA-256      ${info.fingerprintSha256}`,
  ];
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
    if (options.json)
      return { exitCode: 1, stdout: `${JSON.stringify({ file: options.file, accepted: false, problems: error.problems }, null, 2)}\n`, stderr: "" };
    const count = error.problems.length === 1 ? "1 problem" : `${error.problems.length} problems`;
    return { exitCode: 1, stdout: "", stderr: [`REFUSED: ${options.file}: ${count}:`, ...error.problems.map(problemLine), ""].join("\n") };
  }
  if (options.json) {
    const { pem: _pem, notBefore, notAfter, ...facts } = info;
    const json = { file: options.file, accepted: true, ...facts, notBefore: notBefore.toISOString(), notAfter: notAfter.toISOString() };
    return { exitCode: 0, stdout: `${JSON.stringify(json, null, 2)}\n`, stderr: "" };
  }
  const lines = [`OK: ${options.file} is a CA certificate SLB accepts (CN=${info.commonName}).`, ...factLines(info, now)];
  lines.push(...info.warnings.map((w) => `  warning ${w.code}: ${w.message}`));
  return { exitCode: 0, stdout: `${lines.join("\n")}\n`, stderr: "" };
}
