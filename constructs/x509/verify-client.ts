/**
 * Proves before deploy that a team's own client certificates will be accepted
 * by a listener that trusts a given CA: the chain checks OpenSSL makes with
 * `openssl verify -purpose sslclient` (and a TLS server that verifies clients),
 * each failure with a code of its own and a message that says what to do.
 */
import { X509Certificate } from "crypto";
import { OID_CLIENT_AUTH, keyPurposeName } from "./algorithms";
import { ChainCertificateFields, readChainCertificateFields } from "./der";
import { inspectCaCertificate } from "./inspect-ca-certificate";
import { readCertificatePem } from "./pem";
import { rfc2253 } from "./rfc2253";
import { isSelfIssued, isSelfSigned, verifiesWith } from "./self-issued";
import { isoSeconds } from "./time";
import { CaCertificateValidationError } from "../errors";
import { RuleProblem, ValidationProblem } from "../problems";

/** Options of {@link CaCertificate.verifyClient}. */
export interface VerifyClientOptions {
  /**
   * The moment validity is judged at.
   * @default - the current time
   */
  readonly now?: Date;
  /**
   * The index messages name the sample by, as in `clientCertificates[0]`.
   * @default 0
   */
  readonly sampleIndex?: number;
  /**
   * What messages call the sample instead, e.g. its file name.
   * @default - `clientCertificates[<sampleIndex>]`
   */
  readonly sampleName?: string;
}

/** The verdict on one sample client certificate. */
export interface ClientVerification {
  /** True when there is no problem: a listener trusting the CA accepts this client. */
  readonly accepted: boolean;
  /** Every problem found, the CA's own included (their messages start with "the CA:"). */
  readonly problems: ValidationProblem[];
  /** Findings that do not refuse the client (`CACertificate.ExpiresBeforeClients`, the CA's warnings). */
  readonly warnings: ValidationProblem[];
  /**
   * The client's subject in RFC 2253 order.
   * @default - none: the sample could not be read
   */
  readonly subject?: string;
  /**
   * The client's notAfter.
   * @default - none: the sample could not be read
   */
  readonly notAfter?: Date;
}

/** A certificate read for chain checks. */
interface ChainCertificate {
  readonly x509: X509Certificate;
  readonly fields: ChainCertificateFields;
  readonly subject: string;
  readonly issuer: string;
}

/** The verdict on every sample of a CaCertificate's clientCertificates. */
export interface ClientCertificatesVerdict {
  readonly problems: RuleProblem[];
  readonly warnings: RuleProblem[];
}

function read(der: Buffer): ChainCertificate | undefined {
  try {
    const x509 = new X509Certificate(der);
    return { x509, fields: readChainCertificateFields(der), subject: rfc2253(x509.subject), issuer: rfc2253(x509.issuer) };
  } catch {
    // Node's parser or ours refused the bytes: the caller reports CertificateFormatInvalid.
    return undefined;
  }
}

/** Reads the CA for chain checks; undefined when its PEM is not one readable certificate (its own checks say why). */
function readTrustAnchor(caPem: unknown): ChainCertificate | undefined {
  const reading = readCertificatePem(caPem);
  return reading.der ? read(reading.der) : undefined;
}

function signedBy(child: ChainCertificate, parent: ChainCertificate): boolean {
  return verifiesWith(child.x509, parent.x509);
}

function keyIdsMatch(child: ChainCertificate, parent: ChainCertificate): boolean {
  const { authorityKeyId } = child.fields;
  const { subjectKeyId } = parent.fields;
  return authorityKeyId === undefined || subjectKeyId === undefined || authorityKeyId === subjectKeyId;
}

/**
 * The link OpenSSL's chain builder makes: the issuer's name matches (RFC 5280
 * comparison, not strings) and the key identifiers, as Node's `checkIssued`
 * (OpenSSL's X509_check_issued) decides; then the signature verifies with the
 * issuer's key. X509_check_issued also refuses an issuer whose keyUsage lacks
 * keyCertSign, which the builder links anyway and then refuses ("invalid CA
 * certificate": BrokenChain here): for such an issuer the key identifiers and
 * the signature make the link.
 */
function issuedBy(child: ChainCertificate, parent: ChainCertificate): boolean {
  const linked = parent.fields.keyUsageKeyCertSign === false ? keyIdsMatch(child, parent) : child.x509.checkIssued(parent.x509);
  return linked && signedBy(child, parent);
}

function lacksClientAuth(fields: ChainCertificateFields): boolean {
  return fields.extendedKeyUsage !== undefined && !fields.extendedKeyUsage.includes(OID_CLIENT_AUTH);
}

function purposes(fields: ChainCertificateFields): string {
  const list = fields.extendedKeyUsage ?? [];
  return list.length === 0 ? "nothing" : list.map(keyPurposeName).join(", ");
}

const quote = (name: string) => JSON.stringify(name);

/**
 * Splits a sample into its DER certificates: the client first, then what it
 * sends. Anything but well-formed CERTIFICATE blocks gets the PEM format codes;
 * a private key is refused without a word of it echoed.
 */
function readSample(sample: unknown, label: string): { ders: Buffer[]; problems: RuleProblem[] } {
  const whole = readCertificatePem(sample);
  if (whole.der) return { ders: [whole.der], problems: [] };
  const others = whole.problems.filter((p) => p.code !== "CertificateFormatInvalid.MultipleCertificates");
  if (others.length > 0) {
    return {
      ders: [],
      problems: others.map((p) =>
        p.code === "CertificateFormatInvalid.PrivateKeyIncluded"
          ? {
              code: p.code,
              message: `${label} contains a private key block. clientCertificates take public certificates only: remove the key (and treat it as exposed if this text was committed or shared).`,
            }
          : { code: p.code, message: `${label}: ${p.message}` },
      ),
    };
  }
  // Only "more than one certificate", which a sample may be: the armour is sound, read each block.
  const blocks = (sample as string).match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g) ?? [];
  const ders: Buffer[] = [];
  for (const [i, block] of blocks.entries()) {
    const reading = readCertificatePem(block);
    if (!reading.der) return { ders: [], problems: reading.problems.map((p) => ({ code: p.code, message: `${label}, certificate ${i + 1}: ${p.message}` })) };
    ders.push(reading.der);
  }
  return { ders, problems: [] };
}

function validityProblems(certificate: ChainCertificate, who: string, now: Date, renew: string): RuleProblem[] {
  const { notBefore, notAfter } = certificate.fields;
  if (now.getTime() > notAfter.getTime()) {
    return [{ code: "ClientCertificate.Expired", message: `${who} expired on ${isoSeconds(notAfter)} (now is ${isoSeconds(now)}): ${renew}.` }];
  }
  if (now.getTime() < notBefore.getTime()) {
    return [
      {
        code: "ClientCertificate.NotYetValid",
        message: `${who} is not valid before ${isoSeconds(notBefore)} (now is ${isoSeconds(now)}): wait, or ${renew} with a start date in the past (check the issuing machine's clock).`,
      },
    ];
  }
  return [];
}

function clientUsageProblems(client: ChainCertificate, who: string): RuleProblem[] {
  const problems: RuleProblem[] = [];
  if (lacksClientAuth(client.fields)) {
    problems.push({
      code: "ClientCertificate.NoClientAuth",
      message: `${who} has extendedKeyUsage ${purposes(client.fields)} without clientAuth, so a TLS server refuses it as a client certificate ("unsuitable certificate purpose"). Re-issue it with extendedKeyUsage clientAuth.`,
    });
  }
  if (client.fields.keyUsageDigitalSignature === false) {
    problems.push({
      code: "ClientCertificate.NoClientAuth",
      message: `${who} has keyUsage without digitalSignature, so it cannot sign the TLS handshake and a TLS server refuses it ("unsuitable certificate purpose"). Re-issue it with keyUsage digitalSignature.`,
    });
  }
  return problems;
}

/** The issuers between the client and the CA, as the client would send them; the CA reached or not. */
function buildChain(client: ChainCertificate, given: readonly ChainCertificate[], ca: ChainCertificate): { path: ChainCertificate[]; reached: boolean } {
  const path: ChainCertificate[] = [];
  const unused = [...given];
  let current = client;
  for (;;) {
    if (issuedBy(current, ca)) return { path, reached: true };
    const next = unused.findIndex((candidate) => issuedBy(current, candidate));
    if (next < 0) return { path, reached: false };
    current = unused.splice(next, 1)[0];
    path.push(current);
  }
}

function notIssuedByCa(top: ChainCertificate, who: string, ca: ChainCertificate, viaIntermediates: boolean): RuleProblem {
  const where = viaIntermediates
    ? `the last of its intermediates, ${quote(top.subject)}, is issued by ${quote(top.issuer)}`
    : `it is issued by ${quote(top.issuer)}`;
  // The display strings only choose the advice; whether the CA issued the client was checkIssued's call.
  const sameNameOtherKey = top.issuer === ca.subject;
  const advice = sameNameOtherKey
    ? `The names match but the keys do not: the CA was re-issued with a new key (or another CA has the same name). Upload the CA whose key signed the clients, or re-issue the clients from this one.`
    : `Upload the CA that issues your client certificates (not, e.g., the server's CA), or re-issue the client from this CA. If the client sends intermediate certificates, append them after the client certificate in the sample.`;
  return {
    code: "ClientCertificate.NotIssuedByCa",
    message: `${who} does not chain to this CA (${quote(ca.subject)}): ${where}. ${advice}`,
  };
}

/**
 * basicConstraints pathlen (RFC 5280 4.2.1.9): how many CA certificates may
 * stand between a CA and the client, self-issued ones not counted, as OpenSSL
 * counts them ("path length constraint exceeded").
 */
function pathLengthProblems(path: readonly ChainCertificate[], ca: ChainCertificate, who: string): RuleProblem[] {
  const problems: RuleProblem[] = [];
  const below: ChainCertificate[] = [];
  for (const issuer of [...path, ca]) {
    const limit = issuer.fields.pathLenConstraint;
    if (limit !== undefined && below.length > limit) {
      const name = quote(issuer.subject);
      const which = issuer === ca ? `this CA (${name})` : `its intermediate ${name}`;
      const allows = limit === 0 ? "no CA certificate" : `at most ${limit} CA certificate${limit === 1 ? "" : "s"}`;
      const nearer = limit === 0 ? "directly from it" : `from a CA at most ${limit} level${limit === 1 ? "" : "s"} below it`;
      problems.push({
        code: "ClientCertificate.BrokenChain",
        message: `${who}: ${which} allows ${allows} below it (basicConstraints pathlen:${limit}), but the chain has ${below.length} (${below.map((c) => quote(c.subject)).join(", ")}), so OpenSSL refuses it ("path length constraint exceeded"). Issue the client ${nearer}, or re-issue it with pathlen:${below.length} or more (or without pathlen).`,
      });
    }
    if (!isSelfIssued(issuer.x509, issuer.fields.issuerEqualsSubject)) below.push(issuer);
  }
  return problems;
}

/** The chain's problems, and whether it reached the CA (whose own problems are reported once, not here). */
function chainProblems(
  client: ChainCertificate,
  given: readonly ChainCertificate[],
  ca: ChainCertificate,
  who: string,
  now: Date,
): { problems: RuleProblem[]; reached: boolean } {
  const { path, reached } = buildChain(client, given, ca);
  if (!reached) return { problems: [notIssuedByCa(path.length > 0 ? path[path.length - 1] : client, who, ca, path.length > 0)], reached };
  const problems: RuleProblem[] = [];
  for (const intermediate of path) {
    const what = `${who}: its intermediate ${quote(intermediate.subject)}`;
    if (intermediate.fields.basicConstraintsCa !== true) {
      problems.push({
        code: "ClientCertificate.BrokenChain",
        message: `${what} is not a CA (no basicConstraints CA:TRUE), so the chain through it is invalid ("invalid CA certificate"). Issue the client from a real CA.`,
      });
    } else if (intermediate.fields.keyUsageKeyCertSign === false) {
      problems.push({
        code: "ClientCertificate.BrokenChain",
        message: `${what} has keyUsage without keyCertSign, so it may not sign certificates and the chain through it is invalid. Re-issue the intermediate with keyUsage keyCertSign.`,
      });
    }
    if (lacksClientAuth(intermediate.fields)) {
      problems.push({
        code: "ClientCertificate.NoClientAuth",
        message: `${what} has extendedKeyUsage ${purposes(intermediate.fields)} without clientAuth, so OpenSSL refuses every client under it ("unsuitable certificate purpose"). Re-issue the intermediate with clientAuth in extendedKeyUsage, or without extendedKeyUsage.`,
      });
    }
    problems.push(...validityProblems(intermediate, what, now, "renew the intermediate"));
  }
  problems.push(...pathLengthProblems(path, ca, who));
  // The CA's own problems (no clientAuth in its extendedKeyUsage: CACertificate.NoClientAuth; not a
  // self-signed root: caNotRootProblem) are reported once, not again for every sample.
  return { problems, reached };
}

/**
 * A CA that is not a self-signed root: OpenSSL's default verification refuses
 * every chain that ends at it. The CA's own problem, reported once, naming the
 * samples that chain to it; none when no sample does (NotIssuedByCa says enough).
 * @param prefix how the CA is introduced: "the CA " in the construct, "the CA: " in verifyClient
 */
function caNotRootProblem(ca: ChainCertificate, chaining: readonly string[], prefix: string): RuleProblem[] {
  if (chaining.length === 0 || isSelfSigned(ca.x509, ca.fields.issuerEqualsSubject)) return [];
  return [
    {
      code: "ClientCertificate.BrokenChain",
      message: `${prefix}${quote(ca.subject)} is an intermediate, issued by ${quote(ca.issuer)}: OpenSSL does not accept a chain that ends below a self-signed root ("unable to get issuer certificate"), so it refuses ${chaining.join(", ")}, which chain${chaining.length === 1 ? "s" : ""} to this CA. Upload the root CA instead.`,
    },
  ];
}

/** One sample's verdict, and whether its chain reached the CA. */
interface SampleCheck extends ClientVerification {
  readonly problems: RuleProblem[];
  readonly chainsToCa: boolean;
}

/**
 * Checks one sample (the client certificate in PEM, then the intermediates it
 * sends) against a CA read with {@link readTrustAnchor}; without a CA only the
 * sample's own checks run.
 */
function checkClientSample(ca: ChainCertificate | undefined, sample: unknown, label: string, now: Date): SampleCheck {
  const { ders, problems } = readSample(sample, label);
  if (problems.length > 0) return { accepted: false, problems, warnings: [], chainsToCa: false };
  const certificates = ders.map(read);
  const unreadable = certificates.findIndex((c) => c === undefined);
  if (unreadable >= 0) {
    return {
      accepted: false,
      warnings: [],
      chainsToCa: false,
      problems: [
        {
          code: "CertificateFormatInvalid",
          message: `${label}, certificate ${unreadable + 1}: the CERTIFICATE block does not decode to an X.509 certificate; it was truncated or altered.`,
        },
      ],
    };
  }
  const [client, ...given] = certificates as ChainCertificate[];
  const who = `${label} (${quote(client.subject)})`;
  const found: RuleProblem[] = [];
  let chainsToCa = false;
  if (client.fields.basicConstraintsCa === true) {
    const leafLater = given.some((c) => c.fields.basicConstraintsCa !== true);
    found.push({
      code: "ClientCertificate.BrokenChain",
      message: leafLater
        ? `${who} starts with a CA certificate: the chain is in the wrong order. Put the client certificate first, then its issuers, as the client sends them.`
        : `${who} is a CA certificate (basicConstraints CA:TRUE), not a client certificate. Give the client's own certificate first, then its issuers.`,
    });
  } else {
    found.push(...validityProblems(client, who, now, "renew the client certificate"));
    found.push(...clientUsageProblems(client, who));
    if (ca) {
      const chain = chainProblems(client, given, ca, who, now);
      found.push(...chain.problems);
      chainsToCa = chain.reached;
    }
  }
  return { accepted: found.length === 0, problems: found, warnings: [], subject: client.subject, notAfter: client.fields.notAfter, chainsToCa };
}

/** The CA expires first: the warning that says rotate it before the clients. */
function expiresBeforeClients(ca: ChainCertificate, outliving: readonly string[]): RuleProblem {
  return {
    code: "CACertificate.ExpiresBeforeClients",
    message: `the CA expires on ${isoSeconds(ca.fields.notAfter)}, before ${outliving.join(", ")}: from then on those clients are refused. Rotate the CA first (upload its successor alongside, then re-issue the clients).`,
  };
}

/**
 * Checks every sample of a CaCertificate's clientCertificates against its CA:
 * the problems (errors) and the warnings, `CACertificate.ExpiresBeforeClients` included.
 * Samples whose index is in `skip` (tokens) are left out; the others keep their index in messages.
 */
export function verifyClientCertificates(
  caPem: unknown,
  samples: readonly unknown[],
  now: Date,
  skip: ReadonlySet<number> = new Set(),
): ClientCertificatesVerdict {
  const ca = readTrustAnchor(caPem);
  const problems: RuleProblem[] = [];
  const outliving: string[] = [];
  const chaining: string[] = [];
  samples.forEach((sample, index) => {
    if (skip.has(index)) return;
    const verdict = checkClientSample(ca, sample, `clientCertificates[${index}]`, now);
    problems.push(...verdict.problems);
    if (verdict.chainsToCa) chaining.push(`clientCertificates[${index}]`);
    if (ca && verdict.notAfter && verdict.notAfter.getTime() > ca.fields.notAfter.getTime()) {
      outliving.push(`clientCertificates[${index}] (${quote(verdict.subject ?? "")}, until ${isoSeconds(verdict.notAfter)})`);
    }
  });
  // The CA's own problem first, as the construct lists the CA's problems before the samples'.
  const caProblems = ca ? caNotRootProblem(ca, chaining, "the CA ") : [];
  return { problems: [...caProblems, ...problems], warnings: ca && outliving.length > 0 ? [expiresBeforeClients(ca, outliving)] : [] };
}

/**
 * Verifies one client certificate against a CA, as `CaCertificate.verifyClient` does:
 * the CA's own problems (as `inspectCaCertificate` finds them), then the client's.
 */
export function verifyClient(caPem: string, clientPem: string, options: VerifyClientOptions = {}): ClientVerification {
  const now = options.now ?? new Date();
  const label = options.sampleName ?? `clientCertificates[${options.sampleIndex ?? 0}]`;
  const problems: ValidationProblem[] = [];
  const warnings: ValidationProblem[] = [];
  const asCa = (p: ValidationProblem) => ({ code: p.code, message: `the CA: ${p.message}` });
  try {
    warnings.push(...inspectCaCertificate(caPem, { now }).warnings.map(asCa));
  } catch (error) {
    if (!(error instanceof CaCertificateValidationError)) throw error;
    problems.push(...error.problems.map(asCa));
  }
  // An invalid `now` is reported by the CA's checks; the client's would only add noise.
  if (problems.some((p) => p.code === "InvalidParam.Now")) return { accepted: false, problems, warnings };
  const ca = readTrustAnchor(caPem);
  const client = checkClientSample(ca, clientPem, label, now);
  if (ca) problems.push(...caNotRootProblem(ca, client.chainsToCa ? [label] : [], "the CA: "));
  problems.push(...client.problems);
  if (ca && client.notAfter && client.notAfter.getTime() > ca.fields.notAfter.getTime()) {
    warnings.push(expiresBeforeClients(ca, [`${label} (${quote(client.subject ?? "")}, until ${isoSeconds(client.notAfter)})`]));
  }
  return { accepted: problems.length === 0, problems, warnings, subject: client.subject, notAfter: client.notAfter };
}
