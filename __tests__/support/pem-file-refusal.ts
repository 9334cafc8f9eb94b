/**
 * What PemFile.read's tests share (__tests__/read-pem-file.test.ts and its
 * process part, __tests__/process/read-pem-file.test.ts): a refusal is one
 * CaCertificateFileError naming the path, on one line.
 */
import { CaCertificateFileError, PemFile } from "../../constructs";
import { caught } from "./caught";

/** PemFile.read's refusal of `file`, checked to name the path on one line. */
export function refusal(file: string): CaCertificateFileError {
  const fileError = caught(() => PemFile.read(file), CaCertificateFileError);
  expect(fileError.path).toBe(file);
  expect(fileError.message).not.toContain("\n");
  return fileError;
}

/** How every "not a regular file" refusal ends. */
export const SAVE_IT = "not a regular file: save the certificate in PEM to a file and give its path.";
