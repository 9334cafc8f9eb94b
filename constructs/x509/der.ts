/**
 * The one DER reader of the project, for the X.509 fields that Node's
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
 * It walks the certificate once, by offsets, without copying: it has to cost
 * little next to the native parse (see bench/).
 */

import { signatureAlgorithmName } from "./algorithms";

/** A DER element: tag byte, where its content starts and ends. */
interface Element {
  readonly tag: number;
  readonly start: number;
  readonly end: number;
}

/** Thrown when the bytes are not the DER shape of an X.509 certificate. */
export class DerError extends Error {}

/**
 * Thrown when the certificate parses but breaks a rule of RFC 5280 that
 * OpenSSL and Go enforce (a duplicate extension, ...). Its message is written
 * for the user and shown as it is.
 */
export class CertificateRuleError extends DerError {}

const TAG_BOOLEAN = 0x01;
const TAG_INTEGER = 0x02;
const TAG_BIT_STRING = 0x03;
const TAG_OCTET_STRING = 0x04;
const TAG_OID = 0x06;
const TAG_UTC_TIME = 0x17;
const TAG_GENERALIZED_TIME = 0x18;
const TAG_SEQUENCE = 0x30;
const TAG_EXPLICIT_0 = 0xa0;
const TAG_EXPLICIT_3 = 0xa3;
const TAG_IMPLICIT_0 = 0x80;

const OID_BASIC_CONSTRAINTS = "2.5.29.19";
const OID_KEY_USAGE = "2.5.29.15";
const OID_EXTENDED_KEY_USAGE = "2.5.29.37";
const OID_SUBJECT_KEY_IDENTIFIER = "2.5.29.14";
const OID_AUTHORITY_KEY_IDENTIFIER = "2.5.29.35";
const OID_RSA_ENCRYPTION = "1.2.840.113549.1.1.1";
const OID_RSASSA_PSS = "1.2.840.113549.1.1.10";
const OID_SHA1 = "1.3.14.3.2.26";

function notDer(detail: string): CertificateRuleError {
  return new CertificateRuleError(
    `the certificate is encoded in BER, not DER (${detail}). SLB fingerprints the bytes it receives, and the fingerprint reported here is over the DER, so the two would differ. Re-encode it: \`openssl x509 -in ca.pem -out ca-der.pem\`.`,
  );
}

/** Reads the element at `offset`; `strict` (the default) refuses a length not in its shortest form. */
function readElement(der: Uint8Array, offset: number, limit: number, strict = true): Element {
  if (offset + 2 > limit) throw new DerError("truncated element");
  const tag = der[offset];
  let length = der[offset + 1];
  let start = offset + 2;
  if (length & 0x80) {
    const lengthBytes = length & 0x7f;
    // Certificates accepted here are at most 64 KiB: four length bytes are plenty.
    if (lengthBytes === 0 || lengthBytes > 4 || start + lengthBytes > limit) {
      throw new DerError("bad length");
    }
    length = 0;
    for (let i = 0; i < lengthBytes; i++) length = length * 256 + der[start + i];
    // DER takes the shortest form: no leading zero byte, no long form under 128.
    if (strict && (der[start] === 0 || length < 0x80)) throw notDer(`the length at byte ${offset + 1} is not in its shortest form`);
    start += lengthBytes;
  }
  const end = start + length;
  if (end > limit) throw new DerError("element runs past its parent");
  return { tag, start, end };
}

/**
 * Walks every constructed element (without recursion: the nesting is the
 * input's to choose), so that each length is read, and checked, once; and
 * checks that BOOLEANs are 0x00 or 0xFF, as DER requires.
 */
function checkDerEncoding(der: Uint8Array, root: Element): void {
  const pending: Element[] = [root];
  while (pending.length > 0) {
    const parent = pending.pop()!;
    for (let offset = parent.start; offset < parent.end;) {
      const child = readElement(der, offset, parent.end);
      if (child.tag & 0x20) pending.push(child);
      else if (child.tag === TAG_BOOLEAN && (child.end - child.start !== 1 || (der[child.start] !== 0 && der[child.start] !== 0xff))) {
        throw notDer(`the BOOLEAN at byte ${offset} is not 0x00 or 0xFF`);
      }
      offset = child.end;
    }
  }
}

/** The element, checked to carry `tag`; a missing element (a short SEQUENCE) is a DerError too, not a TypeError. */
function expect(element: Element | undefined, tag: number, what: string): Element {
  if (element === undefined) throw new DerError(`missing ${what}`);
  if (element.tag !== tag) throw new DerError(`expected ${what}`);
  return element;
}

function children(der: Uint8Array, parent: Element, strict = true): Element[] {
  const result: Element[] = [];
  let offset = parent.start;
  while (offset < parent.end) {
    const child = readElement(der, offset, parent.end, strict);
    result.push(child);
    offset = child.end;
  }
  return result;
}

function decodeOid(der: Uint8Array, element: Element): string {
  let oid = "";
  let value = 0;
  for (let i = element.start; i < element.end; i++) {
    value = value * 128 + (der[i] & 0x7f);
    if ((der[i] & 0x80) === 0) {
      if (oid === "") {
        const first = value < 80 ? Math.floor(value / 40) : 2;
        oid = `${first}.${value - first * 40}`;
      } else {
        oid += `.${value}`;
      }
      value = 0;
    }
  }
  return oid;
}

/** The number written by `count` ASCII digits at `offset`, or NaN when one is not a digit. */
function digits(der: Uint8Array, offset: number, count: number): number {
  let value = 0;
  for (let i = offset; i < offset + count; i++) {
    const digit = der[i] - 0x30;
    if (digit < 0 || digit > 9) return NaN;
    value = value * 10 + digit;
  }
  return value;
}

/**
 * A validity time: UTCTime YYMMDDHHMMSSZ or GeneralizedTime YYYYMMDDHHMMSSZ,
 * nothing else. `strict` refuses fields out of range (month 13), which a lenient
 * reading rolls over as OpenSSL's parser leaves them. Read digit by digit, not
 * by a regular expression over a copied string: synth runs it cold, twice per certificate.
 */
function decodeTime(der: Uint8Array, element: Element | undefined, strict: boolean): Date {
  if (element === undefined) throw new DerError("missing validity");
  const yearDigits = element.tag === TAG_UTC_TIME ? 2 : element.tag === TAG_GENERALIZED_TIME ? 4 : 0;
  const at = element.start + yearDigits;
  if (yearDigits === 0 || element.end - element.start !== yearDigits + 11 || der[element.end - 1] !== 0x5a /* Z */) {
    throw new DerError("bad validity time");
  }
  let year = digits(der, element.start, yearDigits);
  const month = digits(der, at, 2);
  const day = digits(der, at + 2, 2);
  const hour = digits(der, at + 4, 2);
  const minute = digits(der, at + 6, 2);
  const second = digits(der, at + 8, 2);
  // NaN fails every comparison: test for the digits explicitly.
  if (Number.isNaN(year + month + day + hour + minute + second)) throw new DerError("bad validity time");
  // RFC 5280 4.1.2.5.1: UTCTime years 50..99 are 19xx, 00..49 are 20xx.
  if (yearDigits === 2) year += year >= 50 ? 1900 : 2000;
  // Date.UTC would roll "month 13" into the next year: an impossible date is an error.
  if (strict && (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59)) {
    throw new DerError("bad validity time");
  }
  const date = new Date(Date.UTC(2000, month - 1, day, hour, minute, second));
  // setUTCFullYear, because Date.UTC reads years 0..99 as 1900..1999.
  date.setUTCFullYear(year);
  if (Number.isNaN(date.getTime()) || date.getUTCDate() !== day) throw new DerError("bad validity time");
  return date;
}

function integerBitLength(der: Uint8Array, element: Element): number {
  let i = element.start;
  while (i < element.end && der[i] === 0) i++;
  if (i === element.end) return 0;
  return (element.end - i - 1) * 8 + (32 - Math.clz32(der[i]));
}

/** A non-negative INTEGER's value (capped at MAX_SAFE_INTEGER); undefined when negative or empty. */
function unsignedInteger(der: Uint8Array, element: Element): number | undefined {
  if (element.start === element.end || der[element.start] & 0x80) return undefined;
  let value = 0;
  for (let i = element.start; i < element.end; i++) value = Math.min(value * 256 + der[i], Number.MAX_SAFE_INTEGER);
  return value;
}

/** Whether two elements hold the same bytes. */
function sameBytes(der: Uint8Array, a: Element, b: Element): boolean {
  return Buffer.compare(der.subarray(a.start, a.end), der.subarray(b.start, b.end)) === 0;
}

function hex(der: Uint8Array, element: Element): string {
  return Buffer.from(der.buffer, der.byteOffset + element.start, element.end - element.start).toString("hex");
}

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
  const rsaKey = expect(readElement(der, inner.start, inner.end), TAG_SEQUENCE, "RSAPublicKey");
  const modulus = expect(readElement(der, rsaKey.start, rsaKey.end), TAG_INTEGER, "modulus");
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
  const list = expect(readElement(der, wrapper.start, wrapper.end, strict), TAG_SEQUENCE, "extensions");
  const seen = strict ? new Set<string>() : undefined;
  for (const extension of children(der, list, strict)) {
    const fields = children(der, expect(extension, TAG_SEQUENCE, "extension"), strict);
    const oid = decodeOid(der, expect(fields[0], TAG_OID, "extension id"));
    // RFC 5280 4.2: MUST NOT appear twice. Which copy a reader keeps is up to it: OpenSSL and Go refuse.
    if (seen?.has(oid)) {
      const name = EXTENSION_NAMES[oid] ? `${EXTENSION_NAMES[oid]} (${oid})` : oid;
      throw new CertificateRuleError(
        `the extension ${name} appears twice; RFC 5280 forbids it, and readers disagree on which copy counts (OpenSSL and Go refuse the certificate).`,
      );
    }
    seen?.add(oid);
    const value = expect(fields[fields.length - 1], TAG_OCTET_STRING, "extension value");
    if (oid === OID_BASIC_CONSTRAINTS) {
      // BasicConstraints ::= SEQUENCE { cA BOOLEAN DEFAULT FALSE, pathLenConstraint INTEGER (0..MAX) OPTIONAL }
      const constraints = expect(readElement(der, value.start, value.end, strict), TAG_SEQUENCE, "basicConstraints");
      const first = constraints.start < constraints.end ? readElement(der, constraints.start, constraints.end, strict) : undefined;
      into.basicConstraintsCa = first !== undefined && first.tag === TAG_BOOLEAN && der[first.start] !== 0;
      // The INTEGER follows cA, or comes first when cA is left out (its DEFAULT).
      const pathLen = first?.tag === TAG_BOOLEAN && first.end < constraints.end ? readElement(der, first.end, constraints.end, strict) : first;
      if (pathLen?.tag === TAG_INTEGER) {
        const limit = unsignedInteger(der, pathLen);
        if (limit !== undefined) into.pathLenConstraint = limit;
      }
    } else if (oid === OID_KEY_USAGE) {
      const bits = expect(readElement(der, value.start, value.end, strict), TAG_BIT_STRING, "keyUsage");
      // After the unused-bits byte, bit 0 (digitalSignature) is the top bit, bit 5 (keyCertSign) is 0x04.
      const firstByte = bits.end > bits.start + 1 ? der[bits.start + 1] : 0;
      into.keyUsageDigitalSignature = (firstByte & 0x80) !== 0;
      into.keyUsageKeyCertSign = (firstByte & 0x04) !== 0;
    } else if (oid === OID_EXTENDED_KEY_USAGE) {
      const purposes = expect(readElement(der, value.start, value.end, strict), TAG_SEQUENCE, "extendedKeyUsage");
      into.extendedKeyUsage = children(der, purposes, strict).map((purpose) => decodeOid(der, expect(purpose, TAG_OID, "key purpose")));
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
  const hashAlgorithm = expect(readElement(der, hashField.start, hashField.end), TAG_SEQUENCE, "PSS hash algorithm");
  return decodeOid(der, expect(readElement(der, hashAlgorithm.start, hashAlgorithm.end), TAG_OID, "PSS hash id"));
}

/** The elements of a certificate both readings start from. */
interface Skeleton {
  readonly signatureAlgorithm: Element;
  readonly version: number;
  /** The TBSCertificate fields after the version: serial, signature, issuer, validity, subject, subjectPublicKeyInfo, ... */
  readonly fields: readonly Element[];
  readonly notBefore: Element;
  readonly notAfter: Element;
}

/** Walks down to the TBSCertificate fields; `strict` also checks the whole encoding is DER and nothing trails. */
function readSkeleton(der: Uint8Array, strict: boolean): Skeleton {
  const certificate = expect(readElement(der, 0, der.length, strict), TAG_SEQUENCE, "Certificate");
  if (strict) {
    if (certificate.end !== der.length) throw new DerError("trailing bytes after the certificate");
    checkDerEncoding(der, certificate);
  }
  const [tbs, signatureAlgorithm] = children(der, certificate, strict);
  if (!tbs || !signatureAlgorithm) throw new DerError("incomplete certificate");
  const tbsFields = children(der, expect(tbs, TAG_SEQUENCE, "TBSCertificate"), strict);
  let version = 1;
  let fields = tbsFields;
  // An explicit [0] version comes first in v2 and v3 certificates.
  if (tbsFields[0]?.tag === TAG_EXPLICIT_0) {
    const versionInteger = expect(readElement(der, tbsFields[0].start, tbsFields[0].end, strict), TAG_INTEGER, "version");
    version = der[versionInteger.end - 1] + 1;
    fields = tbsFields.slice(1);
  }
  if (fields.length < 6) throw new DerError("incomplete TBSCertificate");
  const [notBefore, notAfter] = children(der, expect(fields[3], TAG_SEQUENCE, "validity"), strict);
  if (!notAfter) throw new DerError("incomplete validity");
  return { signatureAlgorithm, version, fields, notBefore, notAfter };
}

/** The extensions of a skeleton, read into `into`. */
function readSkeletonExtensions(der: Uint8Array, skeleton: Skeleton, strict: boolean, into: Mutable<CertificateExtensionFields>): void {
  const wrapper = skeleton.fields.slice(6).find((field) => field.tag === TAG_EXPLICIT_3);
  if (wrapper) readExtensions(der, wrapper, strict, into);
}

/**
 * Reads the validator's fields from one DER certificate, with the DER rules.
 * @throws DerError when the bytes are not shaped like a certificate, or carry trailing bytes
 * @throws CertificateRuleError when they break a rule of RFC 5280 that OpenSSL and Go enforce
 */
export function readCertificateFields(der: Uint8Array): DerCertificateFields {
  const skeleton = readSkeleton(der, true);
  const [, innerSignatureAlgorithm, issuer, , subject, publicKeyInfo] = skeleton.fields;

  const [keyAlgorithm, keyBits] = children(der, expect(publicKeyInfo, TAG_SEQUENCE, "subjectPublicKeyInfo"));
  const keyAlgorithmFields = children(der, expect(keyAlgorithm, TAG_SEQUENCE, "key algorithm"));
  const publicKeyAlgorithmOid = decodeOid(der, expect(keyAlgorithmFields[0], TAG_OID, "key algorithm id"));
  const curve = keyAlgorithmFields[1]?.tag === TAG_OID ? decodeOid(der, keyAlgorithmFields[1]) : undefined;
  const rsaModulusBits = publicKeyAlgorithmOid === OID_RSA_ENCRYPTION ? readRsaModulusBits(der, expect(keyBits, TAG_BIT_STRING, "public key")) : undefined;

  const extensions: Mutable<CertificateExtensionFields> = {};
  readSkeletonExtensions(der, skeleton, true, extensions);

  const signatureAlgorithmFields = children(der, expect(skeleton.signatureAlgorithm, TAG_SEQUENCE, "signatureAlgorithm"));
  const signatureAlgorithmOid = decodeOid(der, expect(signatureAlgorithmFields[0], TAG_OID, "signature algorithm id"));
  checkSignatureAlgorithmsMatch(der, expect(innerSignatureAlgorithm, TAG_SEQUENCE, "signature"), skeleton.signatureAlgorithm);

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
  const [, , issuer, , subject] = skeleton.fields;
  const result: Mutable<ChainCertificateFields> = {
    notBefore: decodeTime(der, skeleton.notBefore, false),
    notAfter: decodeTime(der, skeleton.notAfter, false),
    issuerEqualsSubject: sameBytes(der, issuer, subject),
  };
  readSkeletonExtensions(der, skeleton, false, result);
  return result;
}
