#!/usr/bin/env node
// craft-certificates.js: builds the certificates openssl cannot make on its own,
// by editing the DER of openssl-made certificates and re-signing the changed
// TBSCertificate with node's crypto.sign. Called by generate-hardening-fixtures.sh,
// which checks every result against openssl afterwards.
//
// Usage: node craft-certificates.js <kind> <in.pem> <signing-key.pem|-> <out.pem>
//   duplicate-extension  basicConstraints CA:FALSE inserted before the CA:TRUE one, re-signed
//   signature-mismatch   the TBS's signature field says sha1WithRSA, the outer one sha256WithRSA, re-signed (SHA-256)
//   ber-length           the outer SEQUENCE's length in a non-minimal long form (not re-signed: the TBS is unchanged)
//   issuer-case          the issuer's last character case-flipped (a name OpenSSL still matches), not re-signed
//   issuer-case-signed   the same, re-signed with the key: a valid self-issued certificate with issuer != subject bytes
//   wrong-akid           an authorityKeyIdentifier naming another key added, not re-signed (names stay byte-equal)
//   ml-dsa               key and signature algorithm ML-DSA-44 (random bytes): a self-signature Node cannot check
//   gost                 key and signature algorithm GOST R 34.10-2012 (random bytes): the same
"use strict";
const crypto = require("crypto");
const fs = require("fs");

/** @typedef {{ tag: number; headerStart: number; start: number; end: number }} Element a DER element: where its header and content start, where it ends */
/** @typedef {{ cert: Element; tbs: Element; sigAlg: Element; sig: Element; fields: Element[] }} Parts */
/** @typedef {(der: Buffer, keyPem: string) => Buffer} Craft one way to alter a certificate; `keyPem` signs it again where the craft re-signs */

/**
 * @param {Buffer} der
 * @param {number} offset
 * @returns {Element}
 */
function readElement(der, offset) {
  const tag = der[offset];
  let length = der[offset + 1];
  let start = offset + 2;
  if (length & 0x80) {
    const n = length & 0x7f;
    length = 0;
    for (let i = 0; i < n; i++) length = length * 256 + der[start + i];
    start += n;
  }
  return { tag, headerStart: offset, start, end: start + length };
}

/**
 * @param {Buffer} der
 * @param {Element} parent
 * @returns {Element[]}
 */
function children(der, parent) {
  const result = [];
  for (let offset = parent.start; offset < parent.end;) {
    const child = readElement(der, offset);
    result.push(child);
    offset = child.end;
  }
  return result;
}

/**
 * @param {number} length
 * @returns {Buffer}
 */
function encodeLength(length) {
  if (length < 0x80) return Buffer.from([length]);
  const bytes = [];
  for (let l = length; l > 0; l = Math.floor(l / 256)) bytes.unshift(l & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

/**
 * @param {number} tag
 * @param {Buffer} content
 * @returns {Buffer}
 */
function tlv(tag, content) {
  return Buffer.concat([Buffer.from([tag]), encodeLength(content.length), content]);
}

const bytesOf = (/** @type {Buffer} */ der, /** @type {Element} */ e) => der.subarray(e.headerStart, e.end);
const contentOf = (/** @type {Buffer} */ der, /** @type {Element} */ e) => der.subarray(e.start, e.end);

/**
 * @param {string} text
 * @returns {Buffer}
 */
function oid(text) {
  const parts = text.split(".").map(Number);
  const out = [parts[0] * 40 + parts[1]];
  for (const part of parts.slice(2)) {
    const groups = [];
    let v = part;
    do {
      groups.unshift(v & 0x7f);
      v = Math.floor(v / 128);
    } while (v > 0);
    groups.forEach((g, i) => out.push(i < groups.length - 1 ? g | 0x80 : g));
  }
  return tlv(0x06, Buffer.from(out));
}

const ALG_SHA256_RSA = tlv(0x30, Buffer.concat([oid("1.2.840.113549.1.1.11"), Buffer.from([0x05, 0x00])]));
const ALG_SHA1_RSA = tlv(0x30, Buffer.concat([oid("1.2.840.113549.1.1.5"), Buffer.from([0x05, 0x00])]));

/**
 * The certificate's three parts and the TBS's fields.
 * @param {Buffer} der
 * @returns {Parts}
 */
function split(der) {
  const cert = readElement(der, 0);
  const [tbs, sigAlg, sig] = children(der, cert);
  return { cert, tbs, sigAlg, sig, fields: children(der, tbs) };
}

/**
 * @param {Buffer} tbs
 * @param {Buffer} sigAlg
 * @param {Buffer} signature
 * @returns {Buffer}
 */
function assemble(tbs, sigAlg, signature) {
  return tlv(0x30, Buffer.concat([tbs, sigAlg, tlv(0x03, Buffer.concat([Buffer.from([0]), signature]))]));
}

/**
 * @param {Buffer} tbs
 * @param {string} keyPem
 * @returns {Buffer}
 */
function signRsaSha256(tbs, keyPem) {
  return crypto.sign("sha256", tbs, crypto.createPrivateKey(keyPem));
}

/**
 * The TBS with field `index` replaced by `replacement` (whole TLV).
 * @param {Buffer} der
 * @param {Parts} parts
 * @param {number} index
 * @param {Buffer} replacement
 * @returns {Buffer}
 */
function replaceField(der, parts, index, replacement) {
  const fields = parts.fields.map((f, i) => (i === index ? replacement : bytesOf(der, f)));
  return tlv(0x30, Buffer.concat(fields));
}

/** @type {Record<string, Craft>} */
const crafts = {
  "duplicate-extension"(der, keyPem) {
    const parts = split(der);
    const extIndex = parts.fields.findIndex((f) => f.tag === 0xa3);
    const wrapper = parts.fields[extIndex];
    const list = readElement(der, wrapper.start);
    const caFalse = tlv(0x30, Buffer.concat([oid("2.5.29.19"), tlv(0x04, tlv(0x30, Buffer.alloc(0)))]));
    const extensions = Buffer.concat([caFalse, contentOf(der, list)]);
    const tbs = replaceField(der, parts, extIndex, tlv(0xa3, tlv(0x30, extensions)));
    return assemble(tbs, ALG_SHA256_RSA, signRsaSha256(tbs, keyPem));
  },
  "signature-mismatch"(der, keyPem) {
    const parts = split(der);
    const sigIndex = parts.fields[0].tag === 0xa0 ? 2 : 1;
    const tbs = replaceField(der, parts, sigIndex, ALG_SHA1_RSA);
    return assemble(tbs, ALG_SHA256_RSA, signRsaSha256(tbs, keyPem));
  },
  "ber-length"(der) {
    const cert = readElement(der, 0);
    const length = cert.end - cert.start;
    const content = der.subarray(cert.start, cert.end);
    // 0x83 0x00 hi lo: legal BER, not DER (a leading zero length byte).
    return Buffer.concat([Buffer.from([0x30, 0x83, 0x00, length >> 8, length & 0xff]), content]);
  },
  "issuer-case"(der) {
    const parts = split(der);
    const issuerIndex = parts.fields[0].tag === 0xa0 ? 3 : 2;
    const out = Buffer.from(der);
    const last = parts.fields[issuerIndex].end - 1;
    if (!/[A-Za-z]/.test(String.fromCharCode(out[last]))) throw new Error("issuer does not end in a letter");
    out[last] ^= 0x20;
    return out;
  },
  "issuer-case-signed"(der, keyPem) {
    const flipped = crafts["issuer-case"](der, keyPem);
    const parts = split(flipped);
    return assemble(bytesOf(flipped, parts.tbs), ALG_SHA256_RSA, signRsaSha256(bytesOf(flipped, parts.tbs), keyPem));
  },
  "wrong-akid"(der) {
    // An authorityKeyIdentifier that names another key, added without re-signing: the names stay
    // byte-equal, OpenSSL no longer takes it as self-issued, and the self-signature is broken.
    const parts = split(der);
    const extIndex = parts.fields.findIndex((f) => f.tag === 0xa3);
    const list = readElement(der, parts.fields[extIndex].start);
    const keyId = Buffer.alloc(20, 0x5a);
    const akid = tlv(0x30, Buffer.concat([oid("2.5.29.35"), tlv(0x04, tlv(0x30, tlv(0x80, keyId)))]));
    const tbs = replaceField(der, parts, extIndex, tlv(0xa3, tlv(0x30, Buffer.concat([contentOf(der, list), akid]))));
    return assemble(tbs, bytesOf(der, parts.sigAlg), contentOf(der, parts.sig).subarray(1));
  },
  "ml-dsa"(der) {
    return foreignKey(der, tlv(0x30, oid("2.16.840.1.101.3.4.3.17")), tlv(0x30, oid("2.16.840.1.101.3.4.3.17")), 1312, 2420);
  },
  gost(der) {
    const keyAlg = tlv(0x30, Buffer.concat([oid("1.2.643.7.1.1.1.1"), tlv(0x30, Buffer.concat([oid("1.2.643.7.1.2.1.1.1"), oid("1.2.643.7.1.1.2.2")]))]));
    return foreignKey(der, keyAlg, tlv(0x30, oid("1.2.643.7.1.1.3.2")), 66, 64);
  },
};

/**
 * The certificate with a key and signature of an algorithm Node cannot verify (random bytes, fixed seed-free).
 * @param {Buffer} der
 * @param {Buffer} keyAlg
 * @param {Buffer} sigAlg
 * @param {number} keyBytes
 * @param {number} sigBytes
 * @returns {Buffer}
 */
function foreignKey(der, keyAlg, sigAlg, keyBytes, sigBytes) {
  const parts = split(der);
  const v3 = parts.fields[0].tag === 0xa0 ? 1 : 0;
  const spki = tlv(0x30, Buffer.concat([keyAlg, tlv(0x03, Buffer.concat([Buffer.from([0]), crypto.randomBytes(keyBytes)]))]));
  const fields = parts.fields.map((f, i) => (i === v3 + 1 ? sigAlg : i === v3 + 5 ? spki : bytesOf(der, f)));
  const tbs = tlv(0x30, Buffer.concat(fields));
  return assemble(tbs, sigAlg, crypto.randomBytes(sigBytes));
}

function main() {
  const [kind, input, keyFile, output] = process.argv.slice(2);
  const craft = crafts[kind];
  if (!craft) throw new Error(`unknown kind ${kind}`);
  const der = Buffer.from(new crypto.X509Certificate(fs.readFileSync(input)).raw);
  // A craft that re-signs is always given a key (scripts/generate-hardening-fixtures.sh); the others take "-".
  const keyPem = keyFile && keyFile !== "-" ? fs.readFileSync(keyFile, "utf8") : "";
  const out = craft(der, keyPem);
  const base64 = out.toString("base64").replace(/.{64}/g, "$&\n").replace(/\n$/, "");
  fs.writeFileSync(output, `-----BEGIN CERTIFICATE-----\n${base64}\n-----END CERTIFICATE-----\n`);
}

main();
