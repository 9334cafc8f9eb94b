/**
 * A certificate as the chain checks read it (a client's sample, its
 * intermediates, the CA it should chain to), and the link OpenSSL's chain
 * builder makes between two of them.
 */
import { X509Certificate } from "crypto";
import { OID_CLIENT_AUTH, keyPurposeName } from "./algorithms";
import { ChainCertificateFields, readChainCertificateFields } from "./certificate-fields";
import { rfc2253 } from "./rfc2253";
import { verifiesWith } from "./self-issued";

/** A certificate read for chain checks: Node's parse, the fields it does not expose, and its names as messages show them. */
export interface ChainCertificate {
  readonly x509: X509Certificate;
  readonly fields: ChainCertificateFields;
  /** The subject in RFC 2253 order. */
  readonly subject: string;
  /** The issuer in RFC 2253 order. */
  readonly issuer: string;
}

/** Reads a certificate of a chain, as OpenSSL's parser reads it; undefined when Node's parser or ours refuses the bytes. */
export function readChainCertificate(der: Buffer): ChainCertificate | undefined {
  try {
    const x509 = new X509Certificate(der);
    return { x509, fields: readChainCertificateFields(der), subject: rfc2253(x509.subject), issuer: rfc2253(x509.issuer) };
  } catch {
    return undefined;
  }
}

function keyIdsMatch(child: ChainCertificate, parent: ChainCertificate): boolean {
  const { authorityKeyId } = child.fields;
  const { subjectKeyId } = parent.fields;
  return authorityKeyId === undefined || subjectKeyId === undefined || authorityKeyId === subjectKeyId;
}

/**
 * The link OpenSSL's chain builder makes: the issuer's name matches (RFC 5280
 * comparison, not strings) and the key identifiers, as Node's `checkIssued`
 * (OpenSSL's X509_check_issued) decides; then the signature verifies with the
 * issuer's key. X509_check_issued also refuses an issuer whose keyUsage lacks
 * keyCertSign, which the builder links anyway and then refuses ("invalid CA
 * certificate": BrokenChain in the checks): for such an issuer the key
 * identifiers and the signature make the link.
 */
export function issuedBy(child: ChainCertificate, parent: ChainCertificate): boolean {
  const linked = parent.fields.keyUsageKeyCertSign === false ? keyIdsMatch(child, parent) : child.x509.checkIssued(parent.x509);
  return linked && verifiesWith(child.x509, parent.x509);
}

/** An extendedKeyUsage without clientAuth: OpenSSL refuses the certificate for a TLS client ("unsuitable certificate purpose"). */
export function lacksClientAuth(fields: ChainCertificateFields): boolean {
  return fields.extendedKeyUsage !== undefined && !fields.extendedKeyUsage.includes(OID_CLIENT_AUTH);
}

/** The extendedKeyUsage purposes as OpenSSL names them, for messages. */
export function purposes(fields: ChainCertificateFields): string {
  const list = fields.extendedKeyUsage ?? [];
  return list.length === 0 ? "nothing" : list.map(keyPurposeName).join(", ");
}
