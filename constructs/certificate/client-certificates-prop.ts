import { Token } from "cdktf";
import { RuleProblem } from "../problems";
import { CaInspection } from "../x509/inspect-ca-certificate";
import { ClientCertificatesVerdict, verifyClientCertificates } from "../x509/verify-client";

/**
 * What CaCertificate reports about its `clientCertificates` prop: errors to
 * list with its other problems, and warnings to annotate. Tokens cannot be
 * read at synth, so they are skipped with a warning rather than silently.
 * @param ca the CA as the construct inspected it (read once); undefined when its PEM is a token
 */
export function clientCertificateFindings(ca: CaInspection | undefined, samples: unknown, now: Date = new Date()): ClientCertificatesVerdict {
  if (samples === undefined) return { problems: [], warnings: [] };
  if (!Array.isArray(samples)) {
    if (Token.isUnresolved(samples)) return { problems: [], warnings: [notChecked("clientCertificates is a token")] };
    return {
      problems: [
        {
          code: "CertificateFormatInvalid",
          // Only the type is named: a string here may well be a PEM text, or a key.
          message: `clientCertificates is ${samples === null ? "null" : `a ${typeof samples}`}; allowed: a list of PEM texts, each a client certificate followed by the intermediates it sends.`,
        },
      ],
      warnings: [],
    };
  }
  if (ca === undefined) {
    return samples.length === 0 ? { problems: [], warnings: [] } : { problems: [], warnings: [notChecked("the CA PEM is a token")] };
  }
  const tokens = samples.flatMap((sample, index) => (typeof sample === "string" && Token.isUnresolved(sample) ? [index] : []));
  const verdict = verifyClientCertificates(ca, samples, now, new Set(tokens));
  return {
    problems: verdict.problems,
    warnings:
      tokens.length === 0
        ? verdict.warnings
        : [...verdict.warnings, notChecked(`clientCertificates[${tokens.join("], [")}] ${tokens.length === 1 ? "is a token" : "are tokens"}`)],
  };
}

function notChecked(what: string): RuleProblem {
  return {
    code: "ClientCertificate.NotChecked",
    message: `${what} resolved at deploy time, so the client certificates were not checked against the CA at synth. Pass the PEM texts as plain strings (e.g. PemFile.read(path)) to have them checked.`,
  };
}
