import { X509Certificate } from "crypto";

/**
 * Whether a certificate is self-issued, decided once for the validator and the
 * client checks: byte-equal issuer and subject names, or OpenSSL's
 * `X509_check_issued` of the certificate against itself (RFC 5280 name
 * matching plus key identifiers). A case-flipped issuer is still self-issued to
 * OpenSSL, which then checks the self-signature; byte-equal names with a
 * failing signature stay refused even when a key identifier differs.
 *
 * @param namesByteEqual the DER reader's `issuerEqualsSubject`
 */
export function isSelfIssued(x509: X509Certificate, namesByteEqual: boolean): boolean {
  return namesByteEqual || x509.checkIssued(x509);
}

/**
 * The issuer's key verifies the certificate's signature; false when Node cannot
 * check it (an algorithm it lacks, or a key it cannot decode: reading
 * `publicKey` throws then, so it is read inside the try).
 */
export function verifiesWith(x509: X509Certificate, issuer: X509Certificate): boolean {
  try {
    return x509.verify(issuer.publicKey);
  } catch {
    return false;
  }
}

/** The certificate's own key verifies its signature; false when Node cannot check it. */
export function selfSignatureVerifies(x509: X509Certificate): boolean {
  return verifiesWith(x509, x509);
}

/** A self-signed root: self-issued (see {@link isSelfIssued}) and its own key verifies its signature. */
export function isSelfSigned(x509: X509Certificate, namesByteEqual: boolean): boolean {
  return isSelfIssued(x509, namesByteEqual) && selfSignatureVerifies(x509);
}
