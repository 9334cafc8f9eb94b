/**
 * The clean-error printer: an uncaught user error prints as its message alone
 * and exits 1. Installed only when an app asks for it
 * ({@link AtomicApp.printUserErrorsCleanly}): a library must not change how a
 * whole process handles its errors by being constructed.
 */
import { inspect } from "util";
import { isCaCertificateUserError } from "../errors";

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
 * process listener per process, however often it is called. Apps call it as
 * {@link AtomicApp.printUserErrorsCleanly}.
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
