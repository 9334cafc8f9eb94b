/**
 * The one reader of certificate fields in the project, for the X.509 fields that Node's
 * `X509Certificate` does not expose on Node 20: the signature algorithm (and
 * PSS's hash), the keyUsage bits, the extendedKeyUsage purposes, the key
 * identifiers, the exact validity dates (`validFrom` is a display string, and
 * `X509Certificate.keyUsage` is the extendedKeyUsage list). Node 20 does expose
 * `ca` and the key's details (`publicKey.asymmetricKeyDetails`); they are read
 * here too, in the same walk, and a test compares both readings on every
 * fixture and the Mozilla roots.
 *
 * Two entry points share the walk and the extension reading:
 * - {@link readCertificateFields}, for the CA being validated, also checks
 *   what Node does not: DER (not BER), no duplicate extension, matching
 *   signatureAlgorithm fields, no trailing bytes, dates that exist;
 * - {@link readChainCertificateFields}, for the certificates of a client's
 *   chain (verify-client.ts), reads them as OpenSSL's parser does, without those
 *   DER-only rules: a chain check is about what a TLS server accepts.
 *
 * It walks the certificate once (der.ts reads the elements): it has to cost
 * little next to the native parse (see bench/).
 */

import { signatureAlgorithmName } from "./algorithms";
import {
  Element,
  DerError,
  CertificateRuleError,
  TAG_BOOLEAN,
  TAG_INTEGER,
  TAG_BIT_STRING,
  TAG_OCTET_STRING,
  TAG_OID,
  TAG_SEQUENCE,
  TAG_EXPLICIT_0,
  TAG_EXPLICIT_3,
  TAG_IMPLICIT_0,
  readElement,
  readElementInto,
  firstChildren,
  copyElement,
  checkDerEncoding,
  expectElement,
  children,
  decodeOid,
  decodeTime,
  integerBitLength,
  unsignedInteger,
  sameBytes,
  hex,
} from "./der";

const OID_BASIC_CONSTRAINTS = "2.5.29.19";
const OID_KEY_USAGE = "2.5.29.15";
const OID_EXTENDED_KEY_USAGE = "2.5.29.37";
const OID_SUBJECT_KEY_IDENTIFIER = "2.5.29.14";
const OID_AUTHORITY_KEY_IDENTIFIER = "2.5.29.35";
const OID_RSA_ENCRYPTION = "1.2.840.113549.1.1.1";
const OID_RSASSA_PSS = "1.2.840.113549.1.1.10";
const OID_SHA1 = "1.3.14.3.2.26";

/** What both readings take from the extensions; an extension that is absent leaves its fields undefined. */
export interface CertificateExtensionFields {
  /** basicConstraints cA; undefined when the extension is absent. */
  readonly basicConstraintsCa?: boolean;
  /** basicConstraints pathLenConstraint: how many CA certificates may follow below; undefined when absent (no limit) or negative. */
  readonly pathLenConstraint?: number;
  /** keyUsage keyCertSign; undefined when the extension is absent. */
  readonly keyUsageKeyCertSign?: boolean;
  /** keyUsage digitalSignature; undefined when the extension is absent. */
  readonly keyUsageDigitalSignature?: boolean;
  /** The extendedKeyUsage purpose OIDs; undefined when the extension is absent. */
  readonly extendedKeyUsage?: readonly string[];
  /** subjectKeyIdentifier, lowercase hex; undefined when the extension is absent. */
  readonly subjectKeyId?: string;
  /** authorityKeyIdentifier's keyIdentifier, lowercase hex; undefined when absent. */
  readonly authorityKeyId?: string;
}

/** What a chain check needs from a certificate (verify-client.ts). */
export interface ChainCertificateFields extends CertificateExtensionFields {
  readonly notBefore: Date;
  readonly notAfter: Date;
  /** True when the issuer and subject names are byte-identical. */
  readonly issuerEqualsSubject: boolean;
}

/** What the validator needs from the CA certificate's DER that Node 20 does not expose. */
export interface DerCertificateFields extends ChainCertificateFields {
  /** X.509 version: 1, 2 or 3. */
  readonly version: number;
  /** OID of the outer signatureAlgorithm. */
  readonly signatureAlgorithmOid: string;
  /** For RSASSA-PSS, the hash OID from its parameters (SHA-1 when they leave it out). */
  readonly signatureHashOid?: string;
  /** OID of the subjectPublicKeyInfo algorithm. */
  readonly publicKeyAlgorithmOid: string;
  /** Named-curve OID of an EC key. */
  readonly publicKeyCurveOid?: string;
  /** Bit length of an RSA modulus. */
  readonly rsaModulusBits?: number;
}

function readRsaModulusBits(der: Uint8Array, bitString: Element): number | undefined {
  // The BIT STRING starts with a byte counting unused bits; RSAPublicKey follows.
  const inner: Element = { tag: TAG_SEQUENCE, start: bitString.start + 1, end: bitString.end };
  const rsaKey = expectElement(readElement(der, inner.start, inner.end), TAG_SEQUENCE, "RSAPublicKey");
  const modulus = expectElement(readElement(der, rsaKey.start, rsaKey.end), TAG_INTEGER, "modulus");
  return integerBitLength(der, modulus);
}

/** Names of the extensions messages mention. */
const EXTENSION_NAMES: Readonly<Record<string, string>> = {
  [OID_BASIC_CONSTRAINTS]: "basicConstraints",
  [OID_KEY_USAGE]: "keyUsage",
  [OID_SUBJECT_KEY_IDENTIFIER]: "subjectKeyIdentifier",
  [OID_AUTHORITY_KEY_IDENTIFIER]: "authorityKeyIdentifier",
  "2.5.29.17": "subjectAltName",
  "2.5.29.31": "cRLDistributionPoints",
  "2.5.29.32": "certificatePolicies",
  "2.5.29.30": "nameConstraints",
};

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * Reads the extensions into `into`, only those present (absent ones stay
 * undefined, not even a key). `strict`: the DER rules, and no extension twice.
 */
function readExtensions(der: Uint8Array, wrapper: Element, strict: boolean, into: Mutable<CertificateExtensionFields>): void {
  const list = expectElement(readElement(der, wrapper.start, wrapper.end, strict), TAG_SEQUENCE, "extensions");
  const seen = strict ? new Set<string>() : undefined;
  // Read into three reused objects: this runs for every certificate validated.
  const extension = { tag: 0, start: 0, end: 0 };
  const id = { tag: 0, start: 0, end: 0 };
  const value = { tag: 0, start: 0, end: 0 };
  for (let offset = list.start; offset < list.end; offset = extension.end) {
    readElementInto(der, offset, list.end, strict, extension);
    expectElement(extension, TAG_SEQUENCE, "extension");
    // Extension ::= SEQUENCE { extnID, critical DEFAULT FALSE, extnValue }: the first field, and the last.
    let fields = 0;
    for (let at = extension.start; at < extension.end; at = value.end, fields++) {
      readElementInto(der, at, extension.end, strict, value);
      if (fields === 0) Object.assign(id, value);
    }
    const oid = decodeOid(der, expectElement(fields === 0 ? undefined : id, TAG_OID, "extension id"));
    // RFC 5280 4.2: MUST NOT appear twice. Which copy a reader keeps is up to it: OpenSSL and Go refuse.
    if (seen?.has(oid)) {
      const name = EXTENSION_NAMES[oid] ? `${EXTENSION_NAMES[oid]} (${oid})` : oid;
      throw new CertificateRuleError(
        `the extension ${name} appears twice; RFC 5280 forbids it, and readers disagree on which copy counts (OpenSSL and Go refuse the certificate).`,
      );
    }
    seen?.add(oid);
    expectElement(value, TAG_OCTET_STRING, "extension value");
    if (oid === OID_BASIC_CONSTRAINTS) {
      // BasicConstraints ::= SEQUENCE { cA BOOLEAN DEFAULT FALSE, pathLenConstraint INTEGER (0..MAX) OPTIONAL }
      const constraints = expectElement(readElement(der, value.start, value.end, strict), TAG_SEQUENCE, "basicConstraints");
      const first = constraints.start < constraints.end ? readElement(der, constraints.start, constraints.end, strict) : undefined;
      into.basicConstraintsCa = first !== undefined && first.tag === TAG_BOOLEAN && der[first.start] !== 0;
      // The INTEGER follows cA, or comes first when cA is left out (its DEFAULT).
      const pathLen = first?.tag === TAG_BOOLEAN && first.end < constraints.end ? readElement(der, first.end, constraints.end, strict) : first;
      if (pathLen?.tag === TAG_INTEGER) {
        const limit = unsignedInteger(der, pathLen);
        if (limit !== undefined) into.pathLenConstraint = limit;
      }
    } else if (oid === OID_KEY_USAGE) {
      const bits = expectElement(readElement(der, value.start, value.end, strict), TAG_BIT_STRING, "keyUsage");
      // After the unused-bits byte, bit 0 (digitalSignature) is the top bit, bit 5 (keyCertSign) is 0x04.
      const firstByte = bits.end > bits.start + 1 ? der[bits.start + 1] : 0;
      into.keyUsageDigitalSignature = (firstByte & 0x80) !== 0;
      into.keyUsageKeyCertSign = (firstByte & 0x04) !== 0;
    } else if (oid === OID_EXTENDED_KEY_USAGE) {
      const purposes = expectElement(readElement(der, value.start, value.end, strict), TAG_SEQUENCE, "extendedKeyUsage");
      into.extendedKeyUsage = children(der, purposes, strict).map((purpose) => decodeOid(der, expectElement(purpose, TAG_OID, "key purpose")));
    } else if (oid === OID_SUBJECT_KEY_IDENTIFIER) {
      // Read leniently even for the CA: the validator never relied on the identifiers' encoding.
      into.subjectKeyId = hex(der, readElement(der, value.start, value.end, false));
    } else if (oid === OID_AUTHORITY_KEY_IDENTIFIER) {
      // AuthorityKeyIdentifier ::= SEQUENCE { keyIdentifier [0] IMPLICIT OCTET STRING OPTIONAL, ... }
      const keyId = children(der, readElement(der, value.start, value.end, false), false).find((field) => field.tag === TAG_IMPLICIT_0);
      if (keyId) into.authorityKeyId = hex(der, keyId);
    }
  }
}

/**
 * RFC 5280 4.1.1.2: the algorithm inside the signed part must equal the outer
 * one, byte for byte (DER has one encoding). Otherwise the outer field, which
 * verifiers use, is not covered by the signature.
 */
function checkSignatureAlgorithmsMatch(der: Uint8Array, inner: Element, outer: Element): void {
  if (sameBytes(der, inner, outer)) return;
  const name = (algorithm: Element) => {
    const first = algorithm.start < algorithm.end ? readElement(der, algorithm.start, algorithm.end) : undefined;
    return first?.tag === TAG_OID ? signatureAlgorithmName(decodeOid(der, first)) : "an unreadable algorithm";
  };
  const [innerName, outerName] = [name(inner), name(outer)];
  const detail =
    innerName === outerName
      ? `${innerName} with different parameters inside and outside the signed part`
      : `${innerName} inside the signed part but ${outerName} outside it`;
  throw new CertificateRuleError(
    `the certificate names two different signature algorithms: ${detail}; RFC 5280 requires them to be equal (OpenSSL refuses the certificate).`,
  );
}

/** The hash of RSASSA-PSS-params (RFC 4055): `[0] hashAlgorithm`, SHA-1 by default. */
function readPssHash(der: Uint8Array, parameters: Element | undefined): string {
  if (parameters === undefined || parameters.tag !== TAG_SEQUENCE) return OID_SHA1;
  const hashField = children(der, parameters).find((field) => field.tag === TAG_EXPLICIT_0);
  if (!hashField) return OID_SHA1;
  const hashAlgorithm = expectElement(readElement(der, hashField.start, hashField.end), TAG_SEQUENCE, "PSS hash algorithm");
  return decodeOid(der, expectElement(readElement(der, hashAlgorithm.start, hashAlgorithm.end), TAG_OID, "PSS hash id"));
}

/** The elements of a certificate both readings start from. */
interface Skeleton {
  /** The outer signatureAlgorithm. */
  readonly signatureAlgorithm: Element;
  readonly version: number;
  /** The TBSCertificate's own `signature` field: the algorithm inside the signed part. */
  readonly innerSignatureAlgorithm: Element;
  readonly issuer: Element;
  readonly notBefore: Element;
  readonly notAfter: Element;
  readonly subject: Element;
  readonly publicKeyInfo: Element;
  /** The `[3]` wrapper of the extensions, when there are any. */
  readonly extensions?: Element;
}

/** Walks down to the TBSCertificate fields; `strict` also checks the whole encoding is DER and nothing trails. */
function readSkeleton(der: Uint8Array, strict: boolean): Skeleton {
  const certificate = expectElement(readElement(der, 0, der.length, strict), TAG_SEQUENCE, "Certificate");
  if (strict) {
    if (certificate.end !== der.length) throw new DerError("trailing bytes after the certificate");
    checkDerEncoding(der, certificate);
  }
  const [tbs, signatureAlgorithm] = firstChildren(der, certificate, 2, strict);
  if (!tbs || !signatureAlgorithm) throw new DerError("incomplete certificate");
  expectElement(tbs, TAG_SEQUENCE, "TBSCertificate");
  // TBSCertificate ::= SEQUENCE { [0] version, serialNumber, signature, issuer, validity, subject, subjectPublicKeyInfo, [1], [2], [3] extensions }
  // Each field is read (and checked) into one reused object; only those needed are copied.
  let version = 1;
  const fields: Element[] = [];
  let extensions: Element | undefined;
  const field = { tag: 0, start: 0, end: 0 };
  for (let offset = tbs.start, index = 0; offset < tbs.end; offset = field.end, index++) {
    readElementInto(der, offset, tbs.end, strict, field);
    // An explicit [0] version comes first in v2 and v3 certificates.
    if (index === 0 && field.tag === TAG_EXPLICIT_0) {
      const versionInteger = expectElement(readElement(der, field.start, field.end, strict), TAG_INTEGER, "version");
      version = der[versionInteger.end - 1] + 1;
    } else if (fields.length < 6) {
      fields.push(copyElement(field));
    } else if (field.tag === TAG_EXPLICIT_3 && extensions === undefined) {
      extensions = copyElement(field);
    }
  }
  if (fields.length < 6) throw new DerError("incomplete TBSCertificate");
  const [, innerSignatureAlgorithm, issuer, validity, subject, publicKeyInfo] = fields;
  const [notBefore, notAfter] = firstChildren(der, expectElement(validity, TAG_SEQUENCE, "validity"), 2, strict);
  if (!notAfter) throw new DerError("incomplete validity");
  return { signatureAlgorithm, version, innerSignatureAlgorithm, issuer, notBefore, notAfter, subject, publicKeyInfo, extensions };
}

/** The extensions of a skeleton, read into `into`. */
function readSkeletonExtensions(der: Uint8Array, skeleton: Skeleton, strict: boolean, into: Mutable<CertificateExtensionFields>): void {
  if (skeleton.extensions) readExtensions(der, skeleton.extensions, strict, into);
}

/**
 * Reads the validator's fields from one DER certificate, with the DER rules.
 * @throws DerError when the bytes are not shaped like a certificate, or carry trailing bytes
 * @throws CertificateRuleError when they break a rule of RFC 5280 that OpenSSL and Go enforce
 */
export function readCertificateFields(der: Uint8Array): DerCertificateFields {
  const skeleton = readSkeleton(der, true);
  const { innerSignatureAlgorithm, issuer, subject, publicKeyInfo } = skeleton;

  const [keyAlgorithm, keyBits] = children(der, expectElement(publicKeyInfo, TAG_SEQUENCE, "subjectPublicKeyInfo"));
  const keyAlgorithmFields = children(der, expectElement(keyAlgorithm, TAG_SEQUENCE, "key algorithm"));
  const publicKeyAlgorithmOid = decodeOid(der, expectElement(keyAlgorithmFields[0], TAG_OID, "key algorithm id"));
  const curve = keyAlgorithmFields[1]?.tag === TAG_OID ? decodeOid(der, keyAlgorithmFields[1]) : undefined;
  const rsaModulusBits =
    publicKeyAlgorithmOid === OID_RSA_ENCRYPTION ? readRsaModulusBits(der, expectElement(keyBits, TAG_BIT_STRING, "public key")) : undefined;

  const extensions: Mutable<CertificateExtensionFields> = {};
  readSkeletonExtensions(der, skeleton, true, extensions);

  const signatureAlgorithmFields = children(der, expectElement(skeleton.signatureAlgorithm, TAG_SEQUENCE, "signatureAlgorithm"));
  const signatureAlgorithmOid = decodeOid(der, expectElement(signatureAlgorithmFields[0], TAG_OID, "signature algorithm id"));
  checkSignatureAlgorithmsMatch(der, expectElement(innerSignatureAlgorithm, TAG_SEQUENCE, "signature"), skeleton.signatureAlgorithm);

  return {
    version: skeleton.version,
    signatureAlgorithmOid,
    signatureHashOid: signatureAlgorithmOid === OID_RSASSA_PSS ? readPssHash(der, signatureAlgorithmFields[1]) : undefined,
    notBefore: decodeTime(der, skeleton.notBefore, true),
    notAfter: decodeTime(der, skeleton.notAfter, true),
    issuerEqualsSubject: sameBytes(der, issuer, subject),
    publicKeyAlgorithmOid,
    publicKeyCurveOid: curve,
    rsaModulusBits,
    ...extensions,
  };
}

/**
 * Reads what a chain check needs from one DER certificate, as OpenSSL's parser
 * reads it (BER lengths, a repeated extension: the last copy counts). Only the
 * extensions present get a key in the result.
 * @throws DerError when the bytes are not shaped like a certificate
 */
export function readChainCertificateFields(der: Uint8Array): ChainCertificateFields {
  const skeleton = readSkeleton(der, false);
  const { issuer, subject } = skeleton;
  const result: Mutable<ChainCertificateFields> = {
    notBefore: decodeTime(der, skeleton.notBefore, false),
    notAfter: decodeTime(der, skeleton.notAfter, false),
    issuerEqualsSubject: sameBytes(der, issuer, subject),
  };
  readSkeletonExtensions(der, skeleton, false, result);
  return result;
}
