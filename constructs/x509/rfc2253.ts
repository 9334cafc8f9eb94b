/**
 * A name as Node's `X509Certificate` prints it (`subject`, `issuer`: one RDN
 * per line, most significant first, already RFC 2253-escaped) in RFC 2253
 * order, `CN=...,O=...,C=...`: the form messages and `CaCertificateInfo` show.
 * For display only: whether two names are equal is OpenSSL's question
 * (`X509Certificate.checkIssued`), not a string comparison.
 */
export function rfc2253(nodeName: string): string {
  // From the last line to the first, by index: no arrays, on the hot path of every validation.
  let result = "";
  for (let end = nodeName.length; end > 0;) {
    const start = nodeName.lastIndexOf("\n", end - 1) + 1;
    if (start < end) result = result === "" ? nodeName.slice(start, end) : `${result},${nodeName.slice(start, end)}`;
    end = start - 1;
  }
  return result;
}
