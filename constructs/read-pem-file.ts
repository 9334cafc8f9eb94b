import { MAX_PEM_LENGTH } from "./pem";
import { readBoundedFile } from "./read-bounded-file";

/**
 * Reads a CA certificate's PEM file for `CaCertificateProps.caCertificate`.
 * Refuses, each with one line naming the path: a missing file, a directory, a
 * device, FIFO or socket (never read), and anything over 64 KiB (reading at most
 * 64 KiB + 1 bytes). The content itself is judged by `CaCertificate`.
 * @throws CaCertificateFileError
 */
export function readPemFile(path: string): string {
  const content = readBoundedFile(path, { content: "the certificate in PEM", maxBytes: MAX_PEM_LENGTH, maxShown: "64 KiB" });
  return content.toString("utf8");
}
