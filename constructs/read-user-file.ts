import { BoundedFileKind, UnusableFileError, readBoundedFile } from "../common/bounded-file";
import { CaCertificateFileError } from "./errors";

/**
 * Reads a file a user named (a PEM, a policy), bounded as common/bounded-file.ts
 * reads it; a file that cannot be used is the library's CaCertificateFileError.
 * @throws CaCertificateFileError naming the path and what to do
 */
export function readUserFile(path: string, kind: BoundedFileKind): Buffer {
  try {
    return readBoundedFile(path, kind);
  } catch (error) {
    if (error instanceof UnusableFileError) throw new CaCertificateFileError(error.path, error.reason);
    throw error;
  }
}
