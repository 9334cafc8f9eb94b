/**
 * DER, the encoding of X.509 certificates, read by offsets without copying:
 * elements (tag, start, end), with the DER rules (shortest lengths, BOOLEANs
 * 0x00 or 0xFF) that a strict reading enforces, and the values certificates
 * hold (OIDs, validity times, integers). certificate-fields.ts reads a
 * certificate's fields with these; it has to cost little next to the native
 * parse (see bench/).
 */

/** A DER element: tag byte, where its content starts and ends. */
export interface Element {
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

export const TAG_BOOLEAN = 0x01;
export const TAG_INTEGER = 0x02;
export const TAG_BIT_STRING = 0x03;
export const TAG_OCTET_STRING = 0x04;
export const TAG_OID = 0x06;
const TAG_UTC_TIME = 0x17;
const TAG_GENERALIZED_TIME = 0x18;
export const TAG_SEQUENCE = 0x30;
export const TAG_EXPLICIT_0 = 0xa0;
export const TAG_EXPLICIT_3 = 0xa3;
export const TAG_IMPLICIT_0 = 0x80;

function notDer(detail: string): CertificateRuleError {
  return new CertificateRuleError(
    `the certificate is encoded in BER, not DER (${detail}). SLB fingerprints the bytes it receives, and the fingerprint reported here is over the DER, so the two would differ. Re-encode it: \`openssl x509 -in ca.pem -out ca-der.pem\`.`,
  );
}

/** Reads the element at `offset`; `strict` (the default) refuses a length not in its shortest form. */
export function readElement(der: Uint8Array, offset: number, limit: number, strict = true): Element {
  const element = { tag: 0, start: 0, end: 0 };
  readElementInto(der, offset, limit, strict, element);
  return element;
}

/** {@link readElement} into an object of the caller's, for walks that read many elements and keep few. */
export function readElementInto(der: Uint8Array, offset: number, limit: number, strict: boolean, into: { tag: number; start: number; end: number }): void {
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
  into.tag = tag;
  into.start = start;
  into.end = end;
}

/**
 * Walks every constructed element (without recursion: the nesting is the
 * input's to choose), so that each length is read, and checked, once; and
 * checks that BOOLEANs are 0x00 or 0xFF, as DER requires.
 */
export function checkDerEncoding(der: Uint8Array, root: Element): void {
  // Pending parents as (start, end) pairs in one array, each child read into one object: none made per element.
  const pending: number[] = [root.start, root.end];
  const child = { tag: 0, start: 0, end: 0 };
  while (pending.length > 0) {
    const parentEnd = pending.pop()!;
    const parentStart = pending.pop()!;
    for (let offset = parentStart; offset < parentEnd;) {
      readElementInto(der, offset, parentEnd, true, child);
      if (child.tag & 0x20) pending.push(child.start, child.end);
      else if (child.tag === TAG_BOOLEAN && (child.end - child.start !== 1 || (der[child.start] !== 0 && der[child.start] !== 0xff))) {
        throw notDer(`the BOOLEAN at byte ${offset} is not 0x00 or 0xFF`);
      }
      offset = child.end;
    }
  }
}

/** The element, checked to carry `tag`; a missing element (a short SEQUENCE) is a DerError too, not a TypeError. */
export function expectElement(element: Element | undefined, tag: number, what: string): Element {
  if (element === undefined) throw new DerError(`missing ${what}`);
  if (element.tag !== tag) throw new DerError(`expected ${what}`);
  return element;
}

/** A copy of an element read into a reused object, to keep. */
export function copyElement(element: Element): Element {
  return { tag: element.tag, start: element.start, end: element.end };
}

/**
 * The first `count` children of `parent`, each child read (and checked) but
 * only those kept: children() for the hot path, with fewer objects.
 */
export function firstChildren(der: Uint8Array, parent: Element, count: number, strict = true): Element[] {
  const kept: Element[] = [];
  const child = { tag: 0, start: 0, end: 0 };
  for (let offset = parent.start; offset < parent.end; offset = child.end) {
    readElementInto(der, offset, parent.end, strict, child);
    if (kept.length < count) kept.push(copyElement(child));
  }
  return kept;
}

export function children(der: Uint8Array, parent: Element, strict = true): Element[] {
  const result: Element[] = [];
  let offset = parent.start;
  while (offset < parent.end) {
    const child = readElement(der, offset, parent.end, strict);
    result.push(child);
    offset = child.end;
  }
  return result;
}

export function decodeOid(der: Uint8Array, element: Element): string {
  // A certificate holds the same few OIDs as the last one did: look the bytes up before building the string.
  let hash = element.end - element.start;
  for (let i = element.start; i < element.end; i++) hash = (Math.imul(hash, 31) + der[i]) | 0;
  const known = DECODED_OIDS.get(hash);
  if (known !== undefined && holds(der, element, known.bytes)) return known.oid;
  const oid = spellOid(der, element);
  if (DECODED_OIDS.size < MAX_DECODED_OIDS) DECODED_OIDS.set(hash, { bytes: Uint8Array.from(der.subarray(element.start, element.end)), oid });
  return oid;
}

/** OIDs already spelled, by a hash of their bytes (a collision just spells the OID again). */
const DECODED_OIDS = new Map<number, { readonly bytes: Uint8Array; readonly oid: string }>();
/** A bound on the cache: certificates carry few distinct OIDs, a crafted one should not grow it without end. */
const MAX_DECODED_OIDS = 512;

/** Whether the element's content is exactly `bytes`. */
function holds(der: Uint8Array, element: Element, bytes: Uint8Array): boolean {
  if (bytes.length !== element.end - element.start) return false;
  for (let i = 0; i < bytes.length; i++) if (bytes[i] !== der[element.start + i]) return false;
  return true;
}

/** The dotted form of an OBJECT IDENTIFIER's content. */
function spellOid(der: Uint8Array, element: Element): string {
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
export function decodeTime(der: Uint8Array, element: Element | undefined, strict: boolean): Date {
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

export function integerBitLength(der: Uint8Array, element: Element): number {
  let i = element.start;
  while (i < element.end && der[i] === 0) i++;
  if (i === element.end) return 0;
  return (element.end - i - 1) * 8 + (32 - Math.clz32(der[i]));
}

/** A non-negative INTEGER's value (capped at MAX_SAFE_INTEGER); undefined when negative or empty. */
export function unsignedInteger(der: Uint8Array, element: Element): number | undefined {
  if (element.start === element.end || der[element.start] & 0x80) return undefined;
  let value = 0;
  for (let i = element.start; i < element.end; i++) value = Math.min(value * 256 + der[i], Number.MAX_SAFE_INTEGER);
  return value;
}

/** Whether two elements hold the same bytes. */
export function sameBytes(der: Uint8Array, a: Element, b: Element): boolean {
  // A loop rather than Buffer.compare of two subarrays: no objects made, on the hot path of every validation.
  const length = a.end - a.start;
  if (length !== b.end - b.start) return false;
  for (let i = 0; i < length; i++) if (der[a.start + i] !== der[b.start + i]) return false;
  return true;
}

export function hex(der: Uint8Array, element: Element): string {
  return Buffer.from(der.buffer, der.byteOffset + element.start, element.end - element.start).toString("hex");
}
