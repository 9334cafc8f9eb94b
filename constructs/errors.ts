/**
 * Every error the library throws at its users, in one place (as cdktf keeps
 * its own in `lib/errors.ts`): the base class of errors a user fixes by
 * changing input or configuration, and one subclass per kind of input.
 *
 * TypeScript only: jsii refuses classes that extend `Error`, even `@internal`
 * ones, so these extend an unexported base and are `@internal` to jsii. They
 * stay ordinary TypeScript classes (`instanceof` works); other languages get
 * their name and message, which the jsii runtime passes through (see the
 * README, "Other languages").
 */
import * as path from "path";
import { ValidationProblem, problemLine } from "./problems";

/**
 * Marks an error as the user's to fix (bad input, bad configuration), not a
 * bug: `Symbol.for` so that two copies of this library agree.
 */
const USER_ERROR = Symbol.for("cdktf-alicloud-slb-ca-certificate.user-error");

/** The unexported base that keeps the error classes out of the jsii assembly. */
abstract class JavaScriptError extends Error {}

/**
 * Base class of the errors a user fixes by changing input or configuration:
 * an uncaught one prints as its message alone (it already names the construct
 * path, the code and what is allowed) and exits 1; stack frames and object
 * dumps would only bury it. Errors of any other class are bugs and keep their
 * stack. Extend it, or brand a class that cannot with {@link markAsUserError}.
 *
 * TypeScript only: not in the jsii assembly (see the README, "Other languages").
 * @internal
 */
export class CaCertificateUserError extends JavaScriptError {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}
markAsUserError(CaCertificateUserError);

/** Brands a class whose instances are user errors, for a class that cannot extend CaCertificateUserError. */
export function markAsUserError(errorClass: { prototype: Error }): void {
  Object.defineProperty(errorClass.prototype, USER_ERROR, { value: true, enumerable: false });
}

/** Whether an error is the user's to fix (a {@link CaCertificateUserError} or a branded class). */
export function isCaCertificateUserError(error: unknown): error is Error {
  return error instanceof Error && (error as unknown as Record<symbol, unknown>)[USER_ERROR] === true;
}

/**
 * Thrown when a CA certificate's inputs would be refused by Alibaba Cloud, or
 * would weaken mutual TLS. Lists every problem found, not just the first.
 *
 * TypeScript only: not in the jsii assembly (jsii refuses classes that extend
 * Error); other languages get the error with this name and message.
 * @internal
 */
export class CaCertificateValidationError extends CaCertificateUserError {
  /** Every problem found, in the order the checks ran. */
  public readonly problems: ValidationProblem[];

  /**
   * A construct path, never a file path: the `node.path` of the construct whose
   * inputs the problems belong to (e.g. `pki/ClientCa`: construct `ClientCa`
   * in stack `pki`), as the message's `[...]` prefix shows it. Undefined when
   * no construct raised them (e.g. `CaCertificateValidator.inspect`).
   */
  public readonly path?: string;

  /**
   * @param problems every problem found (at least one)
   * @param path the construct path (`node.path`, e.g. `pki/ClientCa`) of the construct that raised them; never a file path
   */
  constructor(problems: ValidationProblem[], path?: string) {
    super(formatProblems(problems, path));
    this.problems = problems;
    this.path = path;
  }
}

/** The multi-line message of a CaCertificateValidationError. */
export function formatProblems(problems: readonly ValidationProblem[], path?: string): string {
  const count = problems.length === 1 ? "1 problem" : `${problems.length} problems`;
  const head = `${path === undefined ? "" : `[${path}] `}${count} with the CA certificate:`;
  return [head, ...problems.map((p) => `  - ${problemLine(p)}`)].join("\n");
}

/**
 * Thrown when a file cannot be used as input: missing, not a regular file,
 * or too large. The message is one line that names the path and says what to do.
 *
 * TypeScript only: not in the jsii assembly; other languages get the error
 * with this name and message.
 * @internal
 */
export class CaCertificateFileError extends CaCertificateUserError {
  /**
   * A file-system path, never a construct path: the file that was refused,
   * exactly as the caller gave it (absolute, or relative to the working
   * directory; not resolved), as the message quotes it; empty when what was
   * given looks like PEM or key text, which is never repeated.
   */
  public readonly path: string;
  /** What is wrong with it and what to do, without the path. */
  public readonly reason: string;

  /**
   * @param path the file-system path, exactly as the caller gave it
   * @param reason what is wrong with it and what to do, as a sentence
   */
  constructor(path: string, reason: string) {
    super(looksLikePath(path) ? `${JSON.stringify(path)} ${reason}` : `${notAPath(path)} ${reason}`);
    // Kept only when the message may quote it: JSON.stringify(error) shows this field too.
    this.path = looksLikePath(path) ? path : "";
    this.reason = reason;
  }
}

/**
 * Whether a "path" may be quoted: one line, at most 1024 characters, no PEM
 * armour, no run of 24 base64 letters (path segments are shorter). PEM text or
 * a key's base64 handed over as a path (a common mix-up with environment
 * variables) is described instead.
 */
function looksLikePath(path: string): boolean {
  return path.length <= 1024 && !/[\r\n]/.test(path) && !path.includes("-----") && !/[A-Za-z0-9+=]{24}/.test(path);
}

/** What the message calls a path it may not quote. */
function notAPath(path: string): string {
  const lines = path.split(/\r\n|\r|\n/).length;
  return `The path given (${path.length} characters${lines > 1 ? ` on ${lines} lines` : ""}, not quoted: it looks like PEM or key text, not a path)`;
}

/**
 * Thrown when a policy (a file, or rules given in code) is not valid: lists
 * every problem, each naming the key. One problem gives a one-line message.
 *
 * TypeScript only: not in the jsii assembly; other languages get the error
 * with this name and message.
 * @internal
 */
export class CaCertificatePolicyError extends CaCertificateUserError {
  /**
   * @param source the file path, or "CaCertificatePolicy" for rules given in code
   * @param problems every problem found, one line each
   */
  constructor(
    public readonly source: string,
    public readonly problems: string[],
  ) {
    super(
      problems.length === 1
        ? `${source}: invalid CA certificate policy: ${problems[0]}`
        : `${source}: invalid CA certificate policy:\n  - ${problems.join("\n  - ")}`,
    );
  }
}

/**
 * One error a synth found: a validation or an error annotation, on one construct.
 * TypeScript only, like {@link CaCertificateSynthError}, which holds it.
 * @internal
 */
export interface SynthProblem {
  /** The construct path, e.g. `pki/ClientCa`. */
  readonly path: string;
  /** The message, starting with its code where it has one (`Policy.RequiredTag: ...`). */
  readonly message: string;
}

/**
 * Thrown by {@link AtomicApp.synth} when validations or error annotations
 * failed anywhere in the app: every problem of every stack, one per line as
 * `[path] message`, and nothing was written.
 *
 * TypeScript only: not in the jsii assembly; other languages get the error
 * with this name and message.
 * @internal
 */
export class CaCertificateSynthError extends CaCertificateUserError {
  /** Every problem, in stack order. */
  public readonly problems: SynthProblem[];

  /**
   * @param problems every problem found (at least one)
   * @param outdir the output directory that was left as it was
   */
  constructor(problems: SynthProblem[], outdir: string) {
    const count = problems.length === 1 ? "1 error" : `${problems.length} errors`;
    super([`Synth failed with ${count}; nothing was written to ${shownDir(outdir)}:`, ...problems.map((p) => `  [${p.path}] ${p.message}`)].join("\n"));
    this.problems = problems;
  }
}

/** The output directory as the user gave it: relative to the working directory when inside it. */
function shownDir(outdir: string): string {
  const relative = path.relative(process.cwd(), outdir);
  return relative && !relative.startsWith("..") && !path.isAbsolute(relative) ? relative : outdir;
}
