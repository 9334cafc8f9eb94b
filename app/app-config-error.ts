import { CaCertificateUserError } from "../constructs";

/**
 * Thrown when the example app's environment variables are wrong: one line per
 * mistake, each naming the variable, all of them at once.
 */
export class AppConfigError extends CaCertificateUserError {
  /** Every mistake found, one line each, each starting with the variable's name. */
  public readonly problems: readonly string[];

  constructor(problems: readonly string[]) {
    super(problems.join("\n"));
    this.problems = problems;
  }
}
