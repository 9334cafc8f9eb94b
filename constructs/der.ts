/**
 * A minimal DER reader for the few X.509 fields that Node's `X509Certificate`
 * does not expose on Node 20: the signature algorithm (and PSS's hash), the
 * keyUsage bits, the extendedKeyUsage purposes, the exact validity dates; and
 * checks what Node does not: DER (not BER), no duplicate extension, matching
 * signatureAlgorithm fields. Node 20 does expose `ca` and the key's details
 * (`publicKey.asymmetricKeyDetails`); they are read here too, in the same
 * walk, and a test compares both readings on every fixture and the Mozilla roots.
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

const OID_BASIC_CONSTRAINTS = "2.5.29.19";
const OID_KEY_USAGE = "2.5.29.15";
const OID_EXTENDED_KEY_USAGE = "2.5.29.37";
const OID_RSASSA_PSS = "1.2.840.113549.1.1.10";
const OID_SHA1 = "1.3.14.3.2.26";

function notDer(detail: string): CertificateRuleError {
  return new CertificateRuleError(
    `the certificate is encoded in BER, not DER (${detail}). SLB fingerprints the bytes it receives, and the fingerprint reported here is over the DER, so the two would differ. Re-encode it: \`openssl x509 -in ca.pem -out ca-der.pem\`.`,
  );
}

function readElement(der: Uint8Array, offset: number, limit: number): Element {
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
    if (der[start] === 0 || length < 0x80) throw notDer(`the length at byte ${offset + 1} is not in its shortest form`);
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
    for (let offset = parent.start; offset < parent.end; ) {
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

function children(der: Uint8Array, parent: Element): Element[] {
  const result: Element[] = [];
  let offset = parent.start;
  while (offset < parent.end) {
    const child = readElement(der, offset, parent.end);
    result.push(child);
    offset = child.end;
  }
  return result;
}

function decodeOid(der: Uint8Array, element: Element): string {
  const parts: number[] = [];
  let value = 0;
  for (let i = element.start; i < element.end; i++) {
    value = value * 128 + (der[i] & 0x7f);
    if ((der[i] & 0x80) === 0) {
      if (parts.length === 0) {
        const first = value < 80 ? Math.floor(value / 40) : 2;
        parts.push(first, value - first * 40);
      } else {
        parts.push(value);
      }
      value = 0;
    }
  }
  return parts.join(".");
}

function ascii(der: Uint8Array, element: Element): string {
  let text = "";
  for (let i = element.start; i < element.end; i++) text += String.fromCharCode(der[i]);
  return text;
}

function decodeTime(der: Uint8Array, element: Element): Date {
  const text = ascii(der, element);
  const match =
    element.tag === TAG_UTC_TIME
      ? /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(text)
      : element.tag === TAG_GENERALIZED_TIME
        ? /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(text)
        : null;
  if (!match) throw new DerError("bad validity time");
  let year = Number(match[1]);
  // RFC 5280 4.1.2.5.1: UTCTime years 50..99 are 19xx, 00..49 are 20xx.
  if (element.tag === TAG_UTC_TIME) year += year >= 50 ? 1900 : 2000;
  const [month, day, hour, minute, second] = match.slice(2).map(Number);
  // Date.UTC would roll "month 13" into the next year: an impossible date is an error.
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) {
    throw new DerError("bad validity time");
  }
  const date = new Date(Date.UTC(2000, month - 1, day, hour, minute, second));
  // setUTCFullYear, because Date.UTC reads years 0..99 as 1900..1999.
  date.setUTCFullYear(year);
  if (date.getUTCDate() !== day) throw new DerError("bad validity time");
  return date;
}

function integerBitLength(der: Uint8Array, element: Element): number {
  let i = element.start;
  while (i < element.end && der[i] === 0) i++;
  if (i === element.end) return 0;
  return (element.end - i - 1) * 8 + (32 - Math.clz32(der[i]));
}

/** What the construct needs from a certificate's DER that Node 20 does not expose. */
export interface DerCertificateFields {
  /** X.509 version: 1, 2 or 3. */
  readonly version: number;
  /** OID of the outer signatureAlgorithm. */
  readonly signatureAlgorithmOid: string;
  /** For RSASSA-PSS, the hash OID from its parameters (SHA-1 when they leave it out). */
  readonly signatureHashOid?: string;
  readonly notBefore: Date;
  readonly notAfter: Date;
  /** True when the issuer and subject names are byte-identical. */
  readonly issuerEqualsSubject: boolean;
  /** OID of the subjectPublicKeyInfo algorithm. */
  readonly publicKeyAlgorithmOid: string;
  /** Named-curve OID of an EC key. */
  readonly publicKeyCurveOid?: string;
  /** Bit length of an RSA modulus. */
  readonly rsaModulusBits?: number;
  /** basicConstraints cA; undefined when the extension is absent. */
  readonly basicConstraintsCa?: boolean;
  /** keyUsage keyCertSign; undefined when the extension is absent. */
  readonly keyUsageKeyCertSign?: boolean;
  /** The extendedKeyUsage purpose OIDs; undefined when the extension is absent. */
  readonly extendedKeyUsage?: readonly string[];
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
  "2.5.29.14": "subjectKeyIdentifier",
  "2.5.29.35": "authorityKeyIdentifier",
  "2.5.29.17": "subjectAltName",
  "2.5.29.31": "cRLDistributionPoints",
  "2.5.29.32": "certificatePolicies",
  "2.5.29.30": "nameConstraints",
};

interface Extensions {
  ca?: boolean;
  keyCertSign?: boolean;
  extendedKeyUsage?: string[];
}

function readExtensions(der: Uint8Array, wrapper: Element): Extensions {
  const result: Extensions = {};
  const list = expect(readElement(der, wrapper.start, wrapper.end), TAG_SEQUENCE, "extensions");
  const seen = new Set<string>();
  for (const extension of children(der, list)) {
    const fields = children(der, expect(extension, TAG_SEQUENCE, "extension"));
    const oid = decodeOid(der, expect(fields[0], TAG_OID, "extension id"));
    // RFC 5280 4.2: MUST NOT appear twice. Which copy a reader keeps is up to it: OpenSSL and Go refuse.
    if (seen.has(oid)) {
      const name = EXTENSION_NAMES[oid] ? `${EXTENSION_NAMES[oid]} (${oid})` : oid;
      throw new CertificateRuleError(
        `the extension ${name} appears twice; RFC 5280 forbids it, and readers disagree on which copy counts (OpenSSL and Go refuse the certificate).`,
      );
    }
    seen.add(oid);
    const value = expect(fields[fields.length - 1], TAG_OCTET_STRING, "extension value");
    if (oid === OID_BASIC_CONSTRAINTS) {
      const constraints = expect(readElement(der, value.start, value.end), TAG_SEQUENCE, "basicConstraints");
      const first = constraints.start < constraints.end ? readElement(der, constraints.start, constraints.end) : undefined;
      result.ca = first !== undefined && first.tag === TAG_BOOLEAN && der[first.start] !== 0;
    } else if (oid === OID_KEY_USAGE) {
      const bits = expect(readElement(der, value.start, value.end), TAG_BIT_STRING, "keyUsage");
      // Bit 5 (keyCertSign) lives in the first content byte after the unused-bits byte.
      const firstByte = bits.end > bits.start + 1 ? der[bits.start + 1] : 0;
      result.keyCertSign = (firstByte & 0x04) !== 0;
    } else if (oid === OID_EXTENDED_KEY_USAGE) {
      const purposes = expect(readElement(der, value.start, value.end), TAG_SEQUENCE, "extendedKeyUsage");
      result.extendedKeyUsage = children(der, purposes).map((purpose) => decodeOid(der, expect(purpose, TAG_OID, "key purpose")));
    }
  }
  return result;
}

/**
 * RFC 5280 4.1.1.2: the algorithm inside the signed part must equal the outer
 * one, byte for byte (DER has one encoding). Otherwise the outer field, which
 * verifiers use, is not covered by the signature.
 */
function checkSignatureAlgorithmsMatch(der: Uint8Array, inner: Element, outer: Element): void {
  const innerBytes = der.subarray(inner.start, inner.end);
  const outerBytes = der.subarray(outer.start, outer.end);
  if (Buffer.compare(innerBytes, outerBytes) === 0) return;
  const name = (algorithm: Element) => {
    const first = algorithm.start < algorithm.end ? readElement(der, algorithm.start, algorithm.end) : undefined;
    return first?.tag === TAG_OID ? signatureAlgorithmName(decodeOid(der, first)) : "an unreadable algorithm";
  };
  const [innerName, outerName] = [name(inner), name(outer)];
  const detail = innerName === outerName ? `${innerName} with different parameters inside and outside the signed part` : `${innerName} inside the signed part but ${outerName} outside it`;
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

/**
 * Reads the fields above from one DER certificate.
 * @throws DerError when the bytes are not shaped like a certificate, or carry trailing bytes
 */
export function readCertificateFields(der: Uint8Array): DerCertificateFields {
  const certificate = expect(readElement(der, 0, der.length), TAG_SEQUENCE, "Certificate");
  if (certificate.end !== der.length) throw new DerError("trailing bytes after the certificate");
  checkDerEncoding(der, certificate);
  const [tbs, signatureAlgorithm] = children(der, certificate);
  if (!tbs || !signatureAlgorithm) throw new DerError("incomplete certificate");
  expect(tbs, TAG_SEQUENCE, "TBSCertificate");
  const fields = children(der, tbs);
  let index = 0;
  let version = 1;
  if (fields[0]?.tag === TAG_EXPLICIT_0) {
    const versionInteger = expect(readElement(der, fields[0].start, fields[0].end), TAG_INTEGER, "version");
    version = der[versionInteger.end - 1] + 1;
    index = 1;
  }
  const [, innerSignatureAlgorithm, issuer, validity, subject, publicKeyInfo] = fields.slice(index);
  if (!publicKeyInfo) throw new DerError("incomplete TBSCertificate");
  const [notBefore, notAfter] = children(der, expect(validity, TAG_SEQUENCE, "validity"));
  if (!notAfter) throw new DerError("incomplete validity");

  const [keyAlgorithm, keyBits] = children(der, expect(publicKeyInfo, TAG_SEQUENCE, "subjectPublicKeyInfo"));
  const keyAlgorithmFields = children(der, expect(keyAlgorithm, TAG_SEQUENCE, "key algorithm"));
  const publicKeyAlgorithmOid = decodeOid(der, expect(keyAlgorithmFields[0], TAG_OID, "key algorithm id"));
  const curve = keyAlgorithmFields[1]?.tag === TAG_OID ? decodeOid(der, keyAlgorithmFields[1]) : undefined;
  const rsaModulusBits =
    publicKeyAlgorithmOid === "1.2.840.113549.1.1.1"
      ? readRsaModulusBits(der, expect(keyBits, TAG_BIT_STRING, "public key"))
      : undefined;

  const extensionsWrapper = fields.slice(index + 6).find((field) => field.tag === TAG_EXPLICIT_3);
  const extensions: Extensions = extensionsWrapper ? readExtensions(der, extensionsWrapper) : {};

  const signatureAlgorithmFields = children(der, expect(signatureAlgorithm, TAG_SEQUENCE, "signatureAlgorithm"));
  const issuerBytes = der.subarray(issuer.start, issuer.end);
  const subjectBytes = der.subarray(subject.start, subject.end);

  const signatureAlgorithmOid = decodeOid(der, expect(signatureAlgorithmFields[0], TAG_OID, "signature algorithm id"));
  checkSignatureAlgorithmsMatch(der, expect(innerSignatureAlgorithm, TAG_SEQUENCE, "signature"), signatureAlgorithm);

  return {
    version,
    signatureAlgorithmOid,
    signatureHashOid: signatureAlgorithmOid === OID_RSASSA_PSS ? readPssHash(der, signatureAlgorithmFields[1]) : undefined,
    notBefore: decodeTime(der, notBefore),
    notAfter: decodeTime(der, notAfter),
    issuerEqualsSubject: Buffer.compare(issuerBytes, subjectBytes) === 0,
    publicKeyAlgorithmOid,
    publicKeyCurveOid: curve,
    rsaModulusBits,
    basicConstraintsCa: extensions.ca,
    keyUsageKeyCertSign: extensions.keyCertSign,
    extendedKeyUsage: extensions.extendedKeyUsage,
  };
}
