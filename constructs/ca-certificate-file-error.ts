import { CaCertificateUserError } from "./user-error";

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
   * directory; not resolved), as the message quotes it.
   */
  public readonly path: string;
  /** What is wrong with it and what to do, without the path. */
  public readonly reason: string;

  /**
   * @param path the file-system path, exactly as the caller gave it
   * @param reason what is wrong with it and what to do, as a sentence
   */
  constructor(path: string, reason: string) {
    super(`${JSON.stringify(path)} ${reason}`);
    this.path = path;
    this.reason = reason;
  }
}
