/**
 * What a chain check needs from a certificate's DER that Node 20's
 * `X509Certificate` does not expose: keyUsage bits, extendedKeyUsage,
 * basicConstraints, the key identifiers and the exact validity dates.
 * (`X509Certificate.keyUsage` in Node 20 is the extendedKeyUsage list, and
 * `validFrom` is a display string.)
 */

/** Thrown when the bytes are not the DER shape of an X.509 certificate. */
export class ClientDerError extends Error {}

/** The fields read; an extension that is absent is undefined. */
export interface ClientCertificateFields {
  readonly notBefore: Date;
  readonly notAfter: Date;
  /** basicConstraints cA; undefined when the extension is absent. */
  readonly ca?: boolean;
  /** keyUsage digitalSignature. */
  readonly digitalSignature?: boolean;
  /** keyUsage keyCertSign. */
  readonly keyCertSign?: boolean;
  /** extendedKeyUsage purposes, as OIDs. */
  readonly extendedKeyUsage?: string[];
  /** subjectKeyIdentifier, lowercase hex. */
  readonly subjectKeyId?: string;
  /** authorityKeyIdentifier's keyIdentifier, lowercase hex. */
  readonly authorityKeyId?: string;
}

/** id-kp-clientAuth (RFC 5280 4.2.1.12). */
export const OID_CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";

interface Tlv {
  readonly tag: number;
  readonly start: number;
  readonly end: number;
}

function tlv(der: Uint8Array, offset: number, limit: number): Tlv {
  if (offset + 2 > limit) throw new ClientDerError("truncated element");
  const tag = der[offset];
  let length = der[offset + 1];
  let start = offset + 2;
  if (length & 0x80) {
    const count = length & 0x7f;
    if (count === 0 || count > 4 || start + count > limit) throw new ClientDerError("bad length");
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + der[start + i];
    start += count;
  }
  if (start + length > limit) throw new ClientDerError("element runs past its parent");
  return { tag, start, end: start + length };
}

function items(der: Uint8Array, parent: Tlv): Tlv[] {
  const result: Tlv[] = [];
  for (let offset = parent.start; offset < parent.end; ) {
    const child = tlv(der, offset, parent.end);
    result.push(child);
    offset = child.end;
  }
  return result;
}

function oid(der: Uint8Array, element: Tlv): string {
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

function hex(der: Uint8Array, element: Tlv): string {
  return Buffer.from(der.subarray(element.start, element.end)).toString("hex");
}

function time(der: Uint8Array, element: Tlv | undefined): Date {
  if (!element) throw new ClientDerError("missing validity");
  const text = Buffer.from(der.subarray(element.start, element.end)).toString("latin1");
  const utc = element.tag === 0x17;
  const match = (utc ? /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/ : /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/).exec(text);
  if (!match || (element.tag !== 0x17 && element.tag !== 0x18)) throw new ClientDerError("bad validity time");
  let year = Number(match[1]);
  // RFC 5280 4.1.2.5.1: UTCTime years 50..99 are 19xx, 00..49 are 20xx.
  if (utc) year += year >= 50 ? 1900 : 2000;
  const [month, day, hour, minute, second] = match.slice(2).map(Number);
  const date = new Date(Date.UTC(2000, month - 1, day, hour, minute, second));
  date.setUTCFullYear(year);
  if (Number.isNaN(date.getTime()) || date.getUTCDate() !== day) throw new ClientDerError("bad validity time");
  return date;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

function readExtension(der: Uint8Array, id: string, value: Tlv, into: Mutable<ClientCertificateFields>): void {
  const inner = tlv(der, value.start, value.end);
  switch (id) {
    case "2.5.29.19": {
      // BasicConstraints ::= SEQUENCE { cA BOOLEAN DEFAULT FALSE, ... }
      const first = items(der, inner)[0];
      into.ca = first !== undefined && first.tag === 0x01 && der[first.start] !== 0;
      break;
    }
    case "2.5.29.15": {
      // A BIT STRING: one byte of unused-bit count, then bit 0 (digitalSignature) is the top bit.
      const firstByte = inner.end > inner.start + 1 ? der[inner.start + 1] : 0;
      into.digitalSignature = (firstByte & 0x80) !== 0;
      into.keyCertSign = (firstByte & 0x04) !== 0;
      break;
    }
    case "2.5.29.37":
      into.extendedKeyUsage = items(der, inner).map((purpose) => oid(der, purpose));
      break;
    case "2.5.29.14":
      into.subjectKeyId = hex(der, inner);
      break;
    case "2.5.29.35": {
      // AuthorityKeyIdentifier ::= SEQUENCE { keyIdentifier [0] IMPLICIT OCTET STRING OPTIONAL, ... }
      const keyId = items(der, inner).find((field) => field.tag === 0x80);
      if (keyId) into.authorityKeyId = hex(der, keyId);
      break;
    }
  }
}

/**
 * Reads the fields above from one DER certificate.
 * @throws ClientDerError when the bytes are not shaped like a certificate
 */
export function readClientCertificateFields(der: Uint8Array): ClientCertificateFields {
  const certificate = tlv(der, 0, der.length);
  const tbs = items(der, certificate)[0];
  if (certificate.tag !== 0x30 || !tbs || tbs.tag !== 0x30) throw new ClientDerError("not a certificate");
  const fields = items(der, tbs);
  // An explicit [0] version comes first in v2 and v3 certificates.
  const rest = fields[0]?.tag === 0xa0 ? fields.slice(1) : fields;
  const validity = rest[3];
  if (!validity || validity.tag !== 0x30) throw new ClientDerError("missing validity");
  const [notBefore, notAfter] = items(der, validity);
  const result: Mutable<ClientCertificateFields> = { notBefore: time(der, notBefore), notAfter: time(der, notAfter) };
  const wrapper = rest.slice(6).find((field) => field.tag === 0xa3);
  if (wrapper) {
    for (const extension of items(der, tlv(der, wrapper.start, wrapper.end))) {
      const parts = items(der, extension);
      if (parts.length < 2 || parts[0].tag !== 0x06 || parts[parts.length - 1].tag !== 0x04) throw new ClientDerError("bad extension");
      readExtension(der, oid(der, parts[0]), parts[parts.length - 1], result);
    }
  }
  return result;
}
