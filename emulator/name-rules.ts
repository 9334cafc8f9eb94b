/**
 * The CA certificate name rule of SLB's API, as the console applies it to
 * `local-cloud upload-ca --name`. SetCACertificateName (API reference, SLB
 * 2014-05-15) states it: 1 to 80 characters, starting with an upper- or
 * lower-case letter or a Chinese character; then letters, digits, Chinese
 * characters, ".", "_" and "-". UploadCACertificate states no rule; the
 * stricter reference applies, so a name the console accepts can always be set
 * again by SetCACertificateName.
 */
import { quoted } from "./printable";

/** Letters, then up to 79 of letters, digits, ".", "_", "-"; "Chinese character" as the CJK Unified Ideographs block U+4E00-U+9FA5. */
const CA_CERTIFICATE_NAME = /^[a-zA-Z\u4e00-\u9fa5][a-zA-Z0-9_.\-\u4e00-\u9fa5]{0,79}$/;

export const CA_CERTIFICATE_NAME_RULE =
  '1 to 80 characters, starting with a letter or a Chinese character, then letters, digits, Chinese characters, ".", "_" or "-" (SLB SetCACertificateName)';

/** What is wrong with a CA certificate name, naming the value (escaped) and the rule; undefined when it is allowed. */
export function caCertificateNameProblem(name: string): string | undefined {
  if (CA_CERTIFICATE_NAME.test(name)) return undefined;
  const length = [...name].length;
  const why =
    length === 0
      ? "is empty"
      : length > 80
        ? `is ${length} characters long`
        : !/^[a-zA-Z\u4e00-\u9fa5]/.test(name)
          ? "does not start with a letter or a Chinese character"
          : `holds ${quoted([...name].find((c) => !/[a-zA-Z0-9_.\-\u4e00-\u9fa5]/.test(c))!)}, which is not allowed`;
  return `${quoted(name)} ${why}: a CA certificate name is ${CA_CERTIFICATE_NAME_RULE}.`;
}
