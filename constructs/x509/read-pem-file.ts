import { MAX_PEM_LENGTH } from "./pem";
import { readUserFile } from "../read-user-file";

/**
 * Reads a CA certificate's PEM file for `CaCertificateProps.caCertificate`.
 * Refuses, each with one line naming the path: a missing file, a directory, a
 * device, FIFO or socket (never read), and anything over 64 KiB (reading at most
 * 64 KiB + 1 bytes). One leading UTF-8 byte-order mark is dropped: Windows
 * editors write one, and the policy loader drops it too. The content itself is
 * judged by `CaCertificate`, which still refuses a mark inside a prop string.
 * @throws CaCertificateFileError
 */
export function readPemFile(path: string): string {
  const content = readUserFile(path, { content: "the certificate in PEM", maxBytes: MAX_PEM_LENGTH, maxShown: "64 KiB" });
  const text = content.toString("utf8");
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
