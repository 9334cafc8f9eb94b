import { CaCertificateUserError } from "../user-error";

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
