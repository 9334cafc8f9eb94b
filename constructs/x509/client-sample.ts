/**
 * The checks of one sample client certificate (the client's certificate, then
 * the intermediates it sends) against a CA: the chain checks OpenSSL makes
 * with `openssl verify -purpose sslclient` (and a TLS server that verifies
 * clients), each failure with a code of its own and a message that says what
 * to do.
 */
import { ChainCertificate, issuedBy, lacksClientAuth, purposes, readChainCertificate } from "./chain-certificate";
import { readCertificateChainPem } from "./pem";
import { isSelfIssued, isSelfSigned } from "./self-issued";
import { isoSeconds } from "./time";
import { RuleProblem } from "../problems";

const quote = (name: string) => JSON.stringify(name);

/**
 * Splits a sample into its DER certificates (the one PEM block splitter,
 * readCertificateChainPem): the client first, then what it sends. Anything
 * but well-formed CERTIFICATE blocks gets the PEM format codes; a private key
 * is refused without a word of it echoed.
 */
function readSample(sample: unknown, label: string): { ders: Buffer[]; problems: RuleProblem[] } {
  const reading = readCertificateChainPem(sample);
  if (reading.ders) return { ders: reading.ders, problems: [] };
  return {
    ders: [],
    problems: reading.problems.map((p) =>
      p.code === "CertificateFormatInvalid.PrivateKeyIncluded"
        ? {
            code: p.code,
            message: `${label} contains a private key block. clientCertificates take public certificates only: remove the key (and treat it as exposed if this text was committed or shared).`,
          }
        : { code: p.code, message: `${label}: ${p.message}` },
    ),
  };
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
export function caNotRootProblem(ca: ChainCertificate, chaining: readonly string[], prefix: string): RuleProblem[] {
  if (chaining.length === 0 || isSelfSigned(ca.x509, ca.fields.issuerEqualsSubject)) return [];
  return [
    {
      code: "ClientCertificate.BrokenChain",
      message: `${prefix}${quote(ca.subject)} is an intermediate, issued by ${quote(ca.issuer)}: OpenSSL does not accept a chain that ends below a self-signed root ("unable to get issuer certificate"), so it refuses ${chaining.join(", ")}, which chain${chaining.length === 1 ? "s" : ""} to this CA. Upload the root CA instead.`,
    },
  ];
}

/** One sample's verdict, and whether its chain reached the CA. */
export interface SampleCheck {
  /** Every problem of the sample (the CA's own excluded). */
  readonly problems: RuleProblem[];
  /** The client's subject in RFC 2253 order; undefined when the sample could not be read. */
  readonly subject?: string;
  /** The client's notAfter; undefined when the sample could not be read. */
  readonly notAfter?: Date;
  /** Whether its chain reached the CA. */
  readonly chainsToCa: boolean;
}

/**
 * Checks one sample (the client certificate in PEM, then the intermediates it
 * sends) against the CA (read once, by the CA's inspection); without a CA only the
 * sample's own checks run.
 */
export function checkClientSample(ca: ChainCertificate | undefined, sample: unknown, label: string, now: Date): SampleCheck {
  const { ders, problems } = readSample(sample, label);
  if (problems.length > 0) return { problems, chainsToCa: false };
  const certificates = ders.map(readChainCertificate);
  const unreadable = certificates.findIndex((c) => c === undefined);
  if (unreadable >= 0) {
    return {
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
  return { problems: found, subject: client.subject, notAfter: client.fields.notAfter, chainsToCa };
}

/** The CA expires first: the warning that says rotate it before the clients. */
export function expiresBeforeClients(ca: ChainCertificate, outliving: readonly string[]): RuleProblem {
  return {
    code: "CACertificate.ExpiresBeforeClients",
    message: `the CA expires on ${isoSeconds(ca.fields.notAfter)}, before ${outliving.join(", ")}: from then on those clients are refused. Rotate the CA first (upload its successor alongside, then re-issue the clients).`,
  };
}
