import { inspect } from "util";

/**
 * Marks an error as the user's to fix (bad input, bad configuration), not a
 * bug: `Symbol.for` so that two copies of this library agree.
 */
const USER_ERROR = Symbol.for("cdktf-alicloud-slb-ca-certificate.user-error");

/**
 * jsii refuses every class in the API that extends `Error`, even an `@internal`
 * one: the error classes extend this unexported base instead and are
 * `@internal` to jsii. They stay ordinary TypeScript classes (`instanceof`
 * works); other languages get their name and message, which the jsii runtime
 * passes through.
 */
abstract class JavaScriptError extends Error {}

/**
 * Base class of the errors a user fixes by changing input or configuration:
 * an uncaught one prints as its message alone (it already names the construct
 * path, the code and what is allowed) and exits 1; stack frames and object
 * dumps would only bury it. Errors of any other class are bugs and keep their
 * stack. Extend it, or brand a class that cannot with {@link markAsUserError}.
 *
 * TypeScript only: not in the jsii assembly (see docs/jsii.md).
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
 * What an uncaught error prints: a user error its message only; anything else
 * as Node prints it (stack and properties), since that is a bug to report.
 */
export function formatFailure(error: unknown): string {
  return isCaCertificateUserError(error) ? error.message : `${inspect(error)}\n\nNode.js ${process.version}`;
}

const INSTALLED = Symbol.for("cdktf-alicloud-slb-ca-certificate.failure-printer");

/**
 * Makes an uncaught user error (thrown, or an unhandled rejection) print as its
 * message and exit 1. Other errors still print with their stack and exit 1,
 * unless another uncaughtException listener is there to decide. Adds one
 * process listener per process, however often it is called. AtomicApp calls it;
 * apps call it as {@link AtomicApp.printUserErrorsCleanly}.
 */
export function printUserErrorsCleanly(): void {
  const registry = process as unknown as Record<symbol, boolean>;
  if (registry[INSTALLED]) return;
  registry[INSTALLED] = true;
  const listener = (error: unknown) => {
    const alone = process.listeners("uncaughtException").length === 1;
    if (!isCaCertificateUserError(error) && !alone) return;
    process.stderr.write(`${formatFailure(error)}\n`);
    process.exit(1);
  };
  process.on("uncaughtException", listener);
}
