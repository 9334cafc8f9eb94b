import { MAX_PEM_LENGTH } from "./pem";
import { readUserFile } from "../read-user-file";

/**
 * PEM files, read safely: for `CaCertificateProps.caCertificate`,
 * `clientCertificates`, or any certificate an app reads (a server
 * certificate, say).
 *
 * @example
 * new CaCertificate(stack, "ClientCa", { caCertificate: PemFile.read("certs/client-ca.pem") });
 */
export class PemFile {
  /**
   * Reads a PEM file. Refuses, each with one line naming the path: a missing
   * file, a directory, a device, FIFO or socket (never read), and anything over
   * 64 KiB (reading at most 64 KiB + 1 bytes). One leading UTF-8 byte-order mark
   * is dropped: Windows editors write one, and the policy loader drops it too.
   * The content itself is judged by whoever uses it (`CaCertificate` still
   * refuses a mark inside a prop string).
   * @param path the file, absolute or relative to the working directory
   * @returns the file's text, without a leading UTF-8 byte-order mark
   * @throws CaCertificateFileError (TypeScript; elsewhere an error of that name)
   */
  public static read(path: string): string {
    const content = readUserFile(path, { content: "the certificate in PEM", maxBytes: MAX_PEM_LENGTH, maxShown: "64 KiB" });
    const text = content.toString("utf8");
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  }

  private constructor() {}
}
