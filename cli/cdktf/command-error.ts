/**
 * A failure the user fixes, shown as its message alone (one line, no stack)
 * with its exit code: 1 when the work failed (a lock held too long), 2 for a
 * usage, setting or installation problem.
 */
export class CommandError extends Error {
  constructor(
    message: string,
    /** The process exit code. */
    public readonly exitCode: 1 | 2,
  ) {
    super(message);
    this.name = "CommandError";
  }
}
