/**
 * Proves before deploy that a team's own client certificates will be accepted
 * by a listener that trusts a given CA: every sample checked against the CA
 * (client-sample.ts), the CA read once, by its own inspection. One
 * implementation behind the construct's `clientCertificates` and
 * `CaCertificateValidator.verifyClient`.
 */
import { ChainCertificate } from "./chain-certificate";
import { caNotRootProblem, checkClientSample, expiresBeforeClients, SampleCheck } from "./client-sample";
import { CaInspection, inspectCa } from "./inspect-ca-certificate";
import { isoSeconds } from "./time";
import { RuleProblem, ValidationProblem } from "../problems";

/** Options of {@link CaCertificateValidator.verifyClient}. */
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

/** The verdict on every sample of a CaCertificate's clientCertificates. */
export interface ClientCertificatesVerdict {
  readonly problems: RuleProblem[];
  readonly warnings: RuleProblem[];
}

/** One sample to check, and what messages call it. */
interface LabelledSample {
  readonly sample: unknown;
  readonly label: string;
}

/** The samples' verdicts against one CA: the CA's own chain problem, each sample's, the expiry warning. */
interface SamplesVerdict extends ClientCertificatesVerdict {
  readonly checks: SampleCheck[];
}

/**
 * Checks samples against a CA (undefined: its PEM is unreadable, and only the
 * samples' own checks run).
 * @param caPrefix how the CA's own problem starts: "the CA " in the construct, "the CA: " in verifyClient
 */
function checkSamples(ca: ChainCertificate | undefined, samples: readonly LabelledSample[], now: Date, caPrefix: string): SamplesVerdict {
  const checks = samples.map(({ sample, label }) => checkClientSample(ca, sample, label, now));
  const chaining = samples.filter((_, i) => checks[i].chainsToCa).map((s) => s.label);
  const outliving = ca
    ? checks.flatMap((check, i) => {
        const { notAfter, subject } = check;
        return notAfter && notAfter.getTime() > ca.fields.notAfter.getTime()
          ? [`${samples[i].label} (${JSON.stringify(subject ?? "")}, until ${isoSeconds(notAfter)})`]
          : [];
      })
    : [];
  // The CA's own problem first, as the CA's problems come before the samples'.
  const caProblems = ca ? caNotRootProblem(ca, chaining, caPrefix) : [];
  return {
    checks,
    problems: [...caProblems, ...checks.flatMap((c) => c.problems)],
    warnings: ca && outliving.length > 0 ? [expiresBeforeClients(ca, outliving)] : [],
  };
}

/**
 * Checks every sample of a CaCertificate's clientCertificates against its CA,
 * inspected once by the construct: the problems (errors) and the warnings,
 * `CACertificate.ExpiresBeforeClients` included. Samples whose index is in
 * `skip` (tokens) are left out; the others keep their index in messages.
 */
export function verifyClientCertificates(
  ca: CaInspection,
  samples: readonly unknown[],
  now: Date,
  skip: ReadonlySet<number> = new Set(),
): ClientCertificatesVerdict {
  const labelled = samples.flatMap((sample, index) => (skip.has(index) ? [] : [{ sample, label: `clientCertificates[${index}]` }]));
  const { problems, warnings } = checkSamples(ca.anchor(), labelled, now, "the CA ");
  return { problems, warnings };
}

/**
 * Verifies one client certificate against a CA, as
 * `CaCertificateValidator.verifyClient` does: the CA's own problems (as
 * `inspectCaCertificate` finds them, marked "the CA:"), then the client's.
 */
export function verifyClient(caPem: string, clientPem: string, options: VerifyClientOptions = {}): ClientVerification {
  const now = options.now ?? new Date();
  const label = options.sampleName ?? `clientCertificates[${options.sampleIndex ?? 0}]`;
  const asCa = (p: RuleProblem): RuleProblem => ({ code: p.code, message: `the CA: ${p.message}` });
  const ca = inspectCa(caPem, { now });
  const caProblems = ca.problems.map(asCa);
  // An invalid `now` is reported by the CA's checks; the client's would only add noise.
  if (caProblems.some((p) => p.code === "InvalidParam.Now")) return { accepted: false, problems: caProblems, warnings: [] };
  const verdict = checkSamples(ca.anchor(), [{ sample: clientPem, label }], now, "the CA: ");
  const problems: ValidationProblem[] = [...caProblems, ...verdict.problems];
  const [client] = verdict.checks;
  return {
    accepted: problems.length === 0,
    problems,
    warnings: [...ca.warnings.map(asCa), ...verdict.warnings],
    subject: client.subject,
    notAfter: client.notAfter,
  };
}
