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
 * armour, no run of 24 base64 letters (path segments are shorter). PEM text or a key's base64 handed over
 * as a path (a common mix-up with environment variables) is described instead.
 */
function looksLikePath(path: string): boolean {
  return path.length <= 1024 && !/[\r\n]/.test(path) && !path.includes("-----") && !/[A-Za-z0-9+=]{24}/.test(path);
}

/** What the message calls a path it may not quote. */
function notAPath(path: string): string {
  const lines = path.split(/\r\n|\r|\n/).length;
  return `The path given (${path.length} characters${lines > 1 ? ` on ${lines} lines` : ""}, not quoted: it looks like PEM or key text, not a path)`;
}
