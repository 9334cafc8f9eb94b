import * as path from "path";
import { CaCertificateUserError } from "../user-error";

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
    super([`Synth failed with ${count}; nothing was written to ${shown(outdir)}:`, ...problems.map((p) => `  [${p.path}] ${p.message}`)].join("\n"));
    this.problems = problems;
  }
}

/** The output directory as the user gave it: relative to the working directory when inside it. */
function shown(outdir: string): string {
  const relative = path.relative(process.cwd(), outdir);
  return relative && !relative.startsWith("..") && !path.isAbsolute(relative) ? relative : outdir;
}
