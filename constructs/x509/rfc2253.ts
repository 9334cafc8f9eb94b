/**
 * A name as Node's `X509Certificate` prints it (`subject`, `issuer`: one RDN
 * per line, most significant first, already RFC 2253-escaped) in RFC 2253
 * order, `CN=...,O=...,C=...`: the form messages and `CaCertificateInfo` show.
 * For display only: whether two names are equal is OpenSSL's question
 * (`X509Certificate.checkIssued`), not a string comparison.
 */
export function rfc2253(nodeName: string): string {
  return nodeName.split("\n").filter(Boolean).reverse().join(",");
}
