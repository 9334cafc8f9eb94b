import { AppConfigError } from "./app-config-error";
import { CaCertificateFileError, CaCertificatePolicyError, CaCertificateValidationError } from "../constructs";

/**
 * Errors whose message already says what is wrong and what to do: the user
 * gets the message, not a stack trace. Anything else is a bug and keeps its stack.
 */
const EXPLAINED_ERRORS = [AppConfigError, CaCertificateFileError, CaCertificatePolicyError, CaCertificateValidationError];

/**
 * Runs the app's main function. A known error (bad environment, file or
 * policy) is printed as its message alone on stderr, and the exit code is 1.
 */
export function runApp(main: () => void): void {
  try {
    main();
  } catch (error) {
    if (!EXPLAINED_ERRORS.some((known) => error instanceof known)) throw error;
    process.stderr.write(`${(error as Error).message}\n`);
    process.exitCode = 1;
  }
}
