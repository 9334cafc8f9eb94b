import { RuleProblem } from "../problems";
import { X509Certificate } from "crypto";
import {
  OID_ANY_EXTENDED_KEY_USAGE,
  OID_CLIENT_AUTH,
  curveInfo,
  isWeakSignatureAlgorithm,
  keyAlgorithmName,
  keyPurposeName,
  nodeCanVerify,
  signatureAlgorithmName,
} from "./algorithms";
import { DerCertificateFields, readCertificateFields } from "./certificate-fields";
import { CertificateRuleError, DerError } from "./der";
import { readCertificatePem } from "./pem";
import { canonicalPem } from "./pem-body";
import { rfc2253 } from "./rfc2253";
import { isSelfIssued, selfSignatureVerifies } from "./self-issued";
import { daysUntil, isoSeconds, withinDays } from "./time";
import { CaCertificateValidationError } from "../errors";
import { ChainCertificate, readChainCertificate } from "./chain-certificate";
import { ValidationProblem } from "../problems";

/** Options of {@link CaCertificateValidator.inspect}. */
export interface InspectOptions {
  /**
   * The moment validity is judged at.
   * @default - the current time
   */
  readonly now?: Date;
  /**
   * Warn (`CACertificate.ExpiresSoon`) when the certificate expires within this many days.
   * @default 30
   */
  readonly expiryWarningDays?: number;
}

/** What a valid CA certificate holds, as SLB would report it after upload. */
export interface CaCertificateInfo {
  /** The canonical PEM: LF line ends, 64-column base64, one trailing newline. */
  readonly pem: string;
  /** SHA-1 over the DER, lowercase hex pairs joined by ":" (the form SLB's `Fingerprint` takes). */
  readonly fingerprint: string;
  /** SHA-256 over the DER, lowercase hex pairs joined by ":". */
  readonly fingerprintSha256: string;
  /** The subject's common name; empty when the subject has none. */
  readonly commonName: string;
  /** The subject in RFC 2253 order (`CN=...,O=...,C=...`). */
  readonly subject: string;
  /** The issuer in RFC 2253 order. */
  readonly issuer: string;
  /** Start of the validity period. */
  readonly notBefore: Date;
  /** End of the validity period: the expiry. */
  readonly notAfter: Date;
  /** `notAfter` as ISO 8601 UTC without milliseconds, like SLB's `ExpireTime`. */
  readonly expireTime: string;
  /** `notAfter` in milliseconds since the epoch, like SLB's `ExpireTimeStamp`. */
  readonly expireTimeStamp: number;
  /** "RSA" for every certificate that passes; other values appear only in error messages. */
  readonly keyAlgorithm: string;
  /** The RSA modulus length in bits. */
  readonly keySize: number;
  /** OpenSSL's name of the signature algorithm, e.g. `sha256WithRSAEncryption`. */
  readonly signatureAlgorithm: string;
  /** True when the certificate is self-issued (byte-equal names, or as OpenSSL's `X509_check_issued` decides) and its own key verifies its signature. */
  readonly selfSigned: boolean;
  /** Findings that do not stop synth (`CACertificate.ExpiresSoon`, weak self-signature of a root). */
  readonly warnings: ValidationProblem[];
}

const ACCEPTED_RSA_BITS = [2048, 4096];

function colonHex(opensslFingerprint: string): string {
  return opensslFingerprint.toLowerCase();
}

/** The last CN of a name as Node prints it (one RDN per line), read from the end without splitting. */
function commonNameOf(name: string): string {
  for (let end = name.length; end > 0;) {
    const start = name.lastIndexOf("\n", end - 1) + 1;
    if (name.startsWith("CN=", start)) return name.slice(start + 3, end);
    end = start - 1;
  }
  return "";
}

function parseCertificate(der: Buffer): { x509: X509Certificate; fields: DerCertificateFields } | RuleProblem {
  try {
    const fields = readCertificateFields(der);
    return { x509: new X509Certificate(der), fields };
  } catch (error) {
    if (error instanceof CertificateRuleError) return { code: "CertificateFormatInvalid", message: error.message };
    // The parsers' own messages mean nothing to the user: say what is wrong in their terms.
    const detail = error instanceof DerError ? ` (${error.message})` : "";
    return {
      code: "CertificateFormatInvalid",
      message: `the CERTIFICATE block does not decode to an X.509 certificate${detail}; it was truncated or altered.`,
    };
  }
}

function keyProblems(fields: DerCertificateFields): { problems: RuleProblem[]; algorithm: string; size: number } {
  const algorithm = keyAlgorithmName(fields.publicKeyAlgorithmOid);
  if (algorithm !== "RSA") {
    const curve = curveInfo(fields.publicKeyCurveOid);
    const described = curve ? `${algorithm} ${curve.name}` : algorithm;
    return {
      algorithm,
      size: curve?.bits ?? 0,
      problems: [
        {
          code: "EccCertificateNotSupport",
          message: `the public key is ${described}; Classic Load Balancer accepts RSA CA certificates only. Allowed: RSA 2048 or 4096 bits.`,
        },
      ],
    };
  }
  const size = fields.rsaModulusBits ?? 0;
  if (size === 1024) {
    return {
      algorithm,
      size,
      problems: [
        {
          code: "CACertificate.WeakKey",
          message: "the RSA key is 1024 bits: CLB accepts it, but 1024-bit RSA is within reach of factoring. Allowed: RSA 2048 or 4096 bits.",
        },
      ],
    };
  }
  if (!ACCEPTED_RSA_BITS.includes(size)) {
    return {
      algorithm,
      size,
      problems: [{ code: "OperationDenied.IllegalKeyLength", message: `the RSA key is ${size} bits; CLB accepts RSA 2048 or 4096 bits.` }],
    };
  }
  return { algorithm, size, problems: [] };
}

function caProblems(fields: DerCertificateFields): RuleProblem[] {
  const problems: RuleProblem[] = [];
  if (fields.basicConstraintsCa === undefined) {
    const v1 = fields.version === 1 ? " (it is a version 1 certificate, without extensions)" : "";
    problems.push({
      code: "CACertificate.NotCA",
      message: `the certificate has no basicConstraints extension${v1}, so it is not a CA and clients cannot be verified against it. Allowed: basicConstraints CA:TRUE.`,
    });
  } else if (!fields.basicConstraintsCa) {
    problems.push({
      code: "CACertificate.NotCA",
      message:
        "basicConstraints says CA:FALSE: this is a leaf (end-entity) certificate. Upload the CA that issues your client certificates. Allowed: basicConstraints CA:TRUE.",
    });
  }
  // keyCertSign only matters for a CA; on a leaf, NotCA says all there is to say.
  if (fields.basicConstraintsCa === true && fields.keyUsageKeyCertSign === false) {
    problems.push({
      code: "CACertificate.NoKeyCertSign",
      message:
        "keyUsage is present but lacks keyCertSign, so this CA may not sign certificates and TLS clients reject chains through it. Allowed: keyUsage including keyCertSign, or no keyUsage extension.",
    });
  }
  if (fields.basicConstraintsCa === true) {
    const noClientAuth = clientAuthProblem(fields.extendedKeyUsage);
    if (noClientAuth) problems.push(noClientAuth);
  }
  return problems;
}

/**
 * A CA whose extendedKeyUsage lacks clientAuth: OpenSSL refuses every client
 * certificate under it ("unsuitable certificate purpose"), so an OpenSSL-based
 * listener would refuse every client. anyExtendedKeyUsage does not help: OpenSSL
 * 3.0's purpose check wants clientAuth itself (checked by the fixture generator).
 */
function clientAuthProblem(purposes: readonly string[] | undefined): RuleProblem | undefined {
  if (purposes === undefined || purposes.includes(OID_CLIENT_AUTH)) return undefined;
  const named = purposes.map(keyPurposeName).join(", ");
  const any = purposes.includes(OID_ANY_EXTENDED_KEY_USAGE) ? " (anyExtendedKeyUsage does not count: OpenSSL's purpose check wants clientAuth itself)" : "";
  return {
    code: "CACertificate.NoClientAuth",
    message: `extendedKeyUsage (${named}) lacks clientAuth${any}, so OpenSSL refuses every client certificate under this CA ("unsuitable certificate purpose"). Allowed: extendedKeyUsage including clientAuth, or no extendedKeyUsage extension.`,
  };
}

/** Adds the validity period's problem (expired, not yet valid) or warning (expires soon) to the lists given. */
function validityProblems(fields: DerCertificateFields, now: Date, warningDays: number, problems: RuleProblem[], warnings: RuleProblem[]): void {
  if (now.getTime() > fields.notAfter.getTime()) {
    // Days since expiry: the days from the expiry until now.
    const daysAgo = daysUntil(now, fields.notAfter);
    problems.push({
      code: "CACertificate.Expired",
      message: `the certificate expired on ${isoSeconds(fields.notAfter)} (${daysAgo} days before ${isoSeconds(now)}). Allowed: a certificate valid now.`,
    });
  } else if (now.getTime() < fields.notBefore.getTime()) {
    problems.push({
      code: "CACertificate.NotYetValid",
      message: `the certificate is not valid before ${isoSeconds(fields.notBefore)} (now is ${isoSeconds(now)}). Allowed: a certificate valid now.`,
    });
  } else if (withinDays(fields.notAfter, now, warningDays)) {
    const daysLeft = daysUntil(fields.notAfter, now);
    warnings.push({
      code: "CACertificate.ExpiresSoon",
      message: `the certificate expires on ${isoSeconds(fields.notAfter)}, in ${daysLeft} days (warning threshold: ${warningDays} days). Plan its rotation now.`,
    });
  }
}

/** A NaN or negative threshold, or an invalid Date, would silently turn checks off: refuse them. */
export function inspectOptionProblems(options: InspectOptions): RuleProblem[] {
  const problems: RuleProblem[] = [];
  const days = options.expiryWarningDays;
  if (days !== undefined && !(typeof days === "number" && Number.isFinite(days) && days >= 0)) {
    problems.push({ code: "InvalidParam.ExpiryWarningDays", message: `expiryWarningDays is ${String(days)}; allowed: a number of days, 0 or more.` });
  }
  if (options.now !== undefined && !(options.now instanceof Date && !Number.isNaN(options.now.getTime()))) {
    problems.push({ code: "InvalidParam.Now", message: `now is ${String(options.now)}; allowed: a valid Date.` });
  }
  return problems;
}

/**
 * What inspecting a CA found, without throwing: the facts of a valid one, the
 * problems of an invalid one, and the CA as the client checks read it, from
 * this same parse (each certificate is parsed once).
 */
export interface CaInspection {
  /** What SLB would report; undefined when there are problems. */
  readonly info?: CaCertificateInfo;
  /** Every problem: the options' first, then the PEM's. */
  readonly problems: RuleProblem[];
  /** Findings that do not stop synth (empty when there are problems: a refusal drops them). */
  readonly warnings: RuleProblem[];
  /**
   * The CA for chain checks (clientCertificates, verifyClient), made on first
   * call from this inspection's parse; undefined when its PEM is not one
   * readable certificate (its problems say why).
   */
  readonly anchor: () => ChainCertificate | undefined;
}

const NO_ANCHOR = () => undefined;

/** A refused inspection: the options' problems, then the PEM's. */
function refused(optionProblems: readonly RuleProblem[], problems: readonly RuleProblem[], anchor: () => ChainCertificate | undefined): CaInspection {
  return { problems: [...optionProblems, ...problems], warnings: [], anchor };
}

/** The CA as the chain checks read it, made from the inspection's own parse on first call. */
function anchorFrom(
  x509: X509Certificate,
  fields: DerCertificateFields,
  names?: { readonly subject: string; readonly issuer: string },
): () => ChainCertificate {
  let anchor: ChainCertificate | undefined;
  return () => {
    if (anchor) return anchor;
    const subject = names?.subject ?? rfc2253(x509.subject);
    const issuer = names?.issuer ?? (fields.issuerEqualsSubject ? subject : rfc2253(x509.issuer));
    return (anchor = { x509, fields, subject, issuer });
  };
}

/**
 * Inspects a CA certificate: every problem and warning, its facts when it is
 * valid, and the CA read for chain checks. Pure: no I/O, no clock other than
 * `options.now`. The hot path of every validation: it makes no object it does
 * not return.
 */
export function inspectCa(pem: unknown, options: InspectOptions = {}): CaInspection {
  // Bad options are reported with the PEM's problems, not instead of them (an expired PEM stays reported).
  const optionProblems = inspectOptionProblems(options);
  const reading = readCertificatePem(pem);
  const der = reading.der;
  if (!der) return refused(optionProblems, reading.problems, NO_ANCHOR);
  const parsed = parseCertificate(der);
  // The DER rules refused it, yet a TLS server may still read it: the chain checks read it as OpenSSL does.
  if ("code" in parsed) return refused(optionProblems, [parsed], () => readChainCertificate(der));
  const { x509, fields } = parsed;

  const selfIssued = isSelfIssued(x509, fields.issuerEqualsSubject);
  // A signature Node cannot check (ML-DSA, GOST) proves nothing: the key rule says what is wrong.
  const checkable = nodeCanVerify(fields.signatureAlgorithmOid, fields.publicKeyAlgorithmOid);
  if (selfIssued && checkable && !selfSignatureVerifies(x509)) {
    const broken: RuleProblem = {
      code: "CertificateFormatInvalid",
      message:
        "the certificate names itself as issuer, but its signature does not verify with its own key: it was altered or corrupted (or it is a key-rollover certificate signed by an older key, which cannot serve as the trust anchor).",
    };
    return refused(optionProblems, [broken], anchorFrom(x509, fields));
  }

  const badNow = optionProblems.some((problem) => problem.code === "InvalidParam.Now");
  const badDays = optionProblems.some((problem) => problem.code === "InvalidParam.ExpiryWarningDays");
  const problems: RuleProblem[] = [];
  const warnings: RuleProblem[] = [];
  const key = keyProblems(fields);
  problems.push(...key.problems, ...caProblems(fields));
  // An invalid `now` cannot judge validity; an invalid threshold only affects the warning, which a refusal drops.
  if (!badNow) validityProblems(fields, options.now ?? new Date(), badDays ? 30 : (options.expiryWarningDays ?? 30), problems, warnings);

  const signatureAlgorithm = signatureAlgorithmName(fields.signatureAlgorithmOid, fields.signatureHashOid);
  if (isWeakSignatureAlgorithm(fields.signatureAlgorithmOid, fields.signatureHashOid)) {
    if (selfIssued) {
      warnings.push({
        code: "CACertificate.WeakSignature",
        message: `the root's self-signature uses ${signatureAlgorithm}. TLS does not rely on a root's self-signature, so it is accepted; re-issue the root with SHA-256 when you next rotate it.`,
      });
    } else {
      problems.push({
        code: "CACertificate.WeakSignature",
        message: `the certificate is signed by its issuer with ${signatureAlgorithm}; MD2, MD4, MD5 and SHA-1 signatures (RSASSA-PSS included) can be forged. Allowed: SHA-256 or stronger (have the issuer re-sign it).`,
      });
    }
  }
  if (problems.length > 0 || optionProblems.length > 0) return refused(optionProblems, problems, anchorFrom(x509, fields));

  // Each read of x509.subject formats the name anew in native code: read it once.
  const subjectLines = x509.subject;
  const subject = rfc2253(subjectLines);
  const issuer = fields.issuerEqualsSubject ? subject : rfc2253(x509.issuer);
  const info: CaCertificateInfo = {
    pem: reading.canonical ?? canonicalPem(der),
    fingerprint: colonHex(x509.fingerprint),
    fingerprintSha256: colonHex(x509.fingerprint256),
    commonName: commonNameOf(subjectLines),
    subject,
    issuer,
    notBefore: fields.notBefore,
    notAfter: fields.notAfter,
    expireTime: isoSeconds(fields.notAfter),
    expireTimeStamp: fields.notAfter.getTime(),
    keyAlgorithm: key.algorithm,
    keySize: key.size,
    signatureAlgorithm,
    selfSigned: selfIssued,
    warnings,
  };
  return { info, problems, warnings, anchor: anchorFrom(x509, fields, info) };
}

/**
 * Validates a CA certificate the way SLB's UploadCACertificate would, plus the
 * checks that keep mutual TLS sound, and returns what SLB would report about it.
 * Pure: no I/O, no clock other than `options.now`.
 *
 * @param pem the PEM text: exactly one CERTIFICATE block, RSA 2048 or 4096, CA:TRUE, valid now
 * @throws CaCertificateValidationError listing every problem found
 */
export function inspectCaCertificate(pem: unknown, options: InspectOptions = {}): CaCertificateInfo {
  const inspection = inspectCa(pem, options);
  if (!inspection.info) throw new CaCertificateValidationError(inspection.problems);
  return inspection.info;
}
