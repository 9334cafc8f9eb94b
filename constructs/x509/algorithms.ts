/**
 * Names of the algorithm OIDs a CA certificate may carry, spelled as OpenSSL
 * prints them, so that messages match what `openssl x509 -text` shows.
 */

const SIGNATURE_ALGORITHMS: Readonly<Record<string, string>> = {
  "1.2.840.113549.1.1.2": "md2WithRSAEncryption",
  "1.2.840.113549.1.1.3": "md4WithRSAEncryption",
  "1.2.840.113549.1.1.4": "md5WithRSAEncryption",
  "1.2.840.113549.1.1.5": "sha1WithRSAEncryption",
  "1.3.14.3.2.29": "sha1WithRSA",
  "1.2.840.113549.1.1.10": "rsassaPss",
  "1.2.840.113549.1.1.11": "sha256WithRSAEncryption",
  "1.2.840.113549.1.1.12": "sha384WithRSAEncryption",
  "1.2.840.113549.1.1.13": "sha512WithRSAEncryption",
  "1.2.840.113549.1.1.14": "sha224WithRSAEncryption",
  "1.2.840.10040.4.3": "dsaWithSHA1",
  "1.2.840.10045.4.1": "ecdsa-with-SHA1",
  "1.2.840.10045.4.3.1": "ecdsa-with-SHA224",
  "1.2.840.10045.4.3.2": "ecdsa-with-SHA256",
  "1.2.840.10045.4.3.3": "ecdsa-with-SHA384",
  "1.2.840.10045.4.3.4": "ecdsa-with-SHA512",
  "1.2.156.10197.1.501": "SM2-with-SM3",
  "1.3.101.112": "ED25519",
  "1.3.101.113": "ED448",
};

/** Signature algorithms whose digest is broken (MD2, MD4, MD5, SHA-1). */
const WEAK_SIGNATURE_OIDS: ReadonlySet<string> = new Set([
  "1.2.840.113549.1.1.2",
  "1.2.840.113549.1.1.3",
  "1.2.840.113549.1.1.4",
  "1.2.840.113549.1.1.5",
  "1.3.14.3.2.29",
  "1.2.840.10040.4.3",
  "1.2.840.10045.4.1",
]);

/** Digest OIDs, for the hash inside RSASSA-PSS parameters. */
const HASH_ALGORITHMS: Readonly<Record<string, string>> = {
  "1.2.840.113549.2.2": "md2",
  "1.2.840.113549.2.4": "md4",
  "1.2.840.113549.2.5": "md5",
  "1.3.14.3.2.26": "sha1",
  "2.16.840.1.101.3.4.2.4": "sha224",
  "2.16.840.1.101.3.4.2.1": "sha256",
  "2.16.840.1.101.3.4.2.2": "sha384",
  "2.16.840.1.101.3.4.2.3": "sha512",
};

const WEAK_HASH_OIDS: ReadonlySet<string> = new Set(["1.2.840.113549.2.2", "1.2.840.113549.2.4", "1.2.840.113549.2.5", "1.3.14.3.2.26"]);

/** Key algorithms Node 20 (OpenSSL 3.0) can verify signatures with. */
const KEY_ALGORITHMS: Readonly<Record<string, string>> = {
  "1.2.840.113549.1.1.1": "RSA",
  "1.2.840.113549.1.1.10": "RSA-PSS",
  "1.2.840.10045.2.1": "EC",
  "1.2.840.10040.4.1": "DSA",
  "1.3.101.112": "Ed25519",
  "1.3.101.113": "Ed448",
};

/** Key algorithms that appear in the wild but Node 20 cannot verify with: named in messages only. */
const FOREIGN_KEY_ALGORITHMS: Readonly<Record<string, string>> = {
  "2.16.840.1.101.3.4.3.17": "ML-DSA-44",
  "2.16.840.1.101.3.4.3.18": "ML-DSA-65",
  "2.16.840.1.101.3.4.3.19": "ML-DSA-87",
  "1.2.643.2.2.19": "GOST R 34.10-2001",
  "1.2.643.7.1.1.1.1": "GOST R 34.10-2012 (256 bit)",
  "1.2.643.7.1.1.1.2": "GOST R 34.10-2012 (512 bit)",
};

const CURVES: Readonly<Record<string, { name: string; bits: number }>> = {
  "1.2.840.10045.3.1.7": { name: "P-256", bits: 256 },
  "1.3.132.0.34": { name: "P-384", bits: 384 },
  "1.3.132.0.35": { name: "P-521", bits: 521 },
  "1.3.132.0.10": { name: "secp256k1", bits: 256 },
  "1.2.156.10197.1.301": { name: "SM2", bits: 256 },
};

/**
 * OpenSSL's name for a signature algorithm OID, or the OID itself; for
 * RSASSA-PSS with the hash its parameters name (`rsassaPss with sha256`).
 */
export function signatureAlgorithmName(oid: string, pssHashOid?: string): string {
  const name = SIGNATURE_ALGORITHMS[oid] ?? oid;
  return pssHashOid === undefined ? name : `${name} with ${HASH_ALGORITHMS[pssHashOid] ?? pssHashOid}`;
}

/** Whether a signature algorithm relies on a broken digest (for RSASSA-PSS: the hash in its parameters). */
export function isWeakSignatureAlgorithm(oid: string, pssHashOid?: string): boolean {
  return WEAK_SIGNATURE_OIDS.has(oid) || (pssHashOid !== undefined && WEAK_HASH_OIDS.has(pssHashOid));
}

/** A short name for a public key algorithm OID ("RSA", "EC", ...), or the OID itself. */
export function keyAlgorithmName(oid: string): string {
  return KEY_ALGORITHMS[oid] ?? FOREIGN_KEY_ALGORITHMS[oid] ?? oid;
}

/**
 * Whether Node can check a signature of this algorithm made with a key of this
 * algorithm. When it cannot (ML-DSA, GOST, ...), a failed check proves nothing.
 */
export function nodeCanVerify(signatureOid: string, keyOid: string): boolean {
  return SIGNATURE_ALGORITHMS[signatureOid] !== undefined && KEY_ALGORITHMS[keyOid] !== undefined;
}

/** Name and size of a named EC curve, when known. */
export function curveInfo(oid: string | undefined): { name: string; bits: number } | undefined {
  return oid === undefined ? undefined : CURVES[oid];
}

/** id-kp-clientAuth (RFC 5280 4.2.1.12). */
export const OID_CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
/** anyExtendedKeyUsage (RFC 5280 4.2.1.12). */
export const OID_ANY_EXTENDED_KEY_USAGE = "2.5.29.37.0";

/** extendedKeyUsage purposes as OpenSSL prints them. */
const KEY_PURPOSES: Readonly<Record<string, string>> = {
  [OID_ANY_EXTENDED_KEY_USAGE]: "anyExtendedKeyUsage",
  "1.3.6.1.5.5.7.3.1": "serverAuth",
  [OID_CLIENT_AUTH]: "clientAuth",
  "1.3.6.1.5.5.7.3.3": "codeSigning",
  "1.3.6.1.5.5.7.3.4": "emailProtection",
  "1.3.6.1.5.5.7.3.8": "timeStamping",
  "1.3.6.1.5.5.7.3.9": "OCSPSigning",
};

/** OpenSSL's name of an extendedKeyUsage purpose OID, or the OID itself. */
export function keyPurposeName(oid: string): string {
  return KEY_PURPOSES[oid] ?? oid;
}
