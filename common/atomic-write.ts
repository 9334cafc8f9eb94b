/**
 * Writes a file so that a reader sees the old content or the new, never half
 * of it: into a temporary file beside it, then renamed over it (a rename within
 * one directory is atomic). Neutral: for the library, the emulator and scripts.
 */
import { randomUUID } from "crypto";
import * as fs from "fs";

/** Options of {@link writeFileAtomically}. */
export interface AtomicWriteOptions {
  /**
   * The file's permission bits (e.g. 0o600 for a private key).
   * @default 0o666, less the umask
   */
  readonly mode?: number;
}

/** Replaces `file` with `data` in one step; the temporary file is removed if writing fails. */
export function writeFileAtomically(file: string, data: string | Uint8Array, options: AtomicWriteOptions = {}): void {
  const temp = `${file}.${process.pid}-${randomUUID()}.tmp`;
  try {
    fs.writeFileSync(temp, data, { mode: options.mode });
    fs.renameSync(temp, file);
  } catch (error) {
    fs.rmSync(temp, { force: true });
    throw error;
  }
}
