/**
 * The body of a CERTIFICATE block: strict base64, as an encoder writes it;
 * the fast path for the usual layout (one block, lines of base64, nothing
 * else), which leaves everything it is not sure of to the full armour reader
 * in pem.ts; and the canonical PEM of a DER certificate.
 */
import { RuleProblem } from "../problems";

/** The outcome of reading the PEM armour. `der` is set when exactly one certificate block was found. */
export interface PemReading {
  readonly problems: RuleProblem[];
  readonly der?: Buffer;
  /** Every CERTIFICATE block's DER, in order, when a chain was read (readCertificateChainPem). */
  readonly ders?: Buffer[];
  /** The input itself, when it already is {@link canonicalPem} of `der`: no need to encode it again. */
  readonly canonical?: string;
}

/** A line of base64: its alphabet, then at most two "=" of padding. */
export const BASE64_LINE = /^[A-Za-z0-9+/]*={0,2}$/;
const BASE64_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/**
 * Whether the bits left over before "=" padding are zero, as every encoder
 * writes them. Decoders ignore them, so otherwise an altered last character
 * would decode to the same certificate.
 */
function paddingBitsClear(base64: string): boolean {
  const padding = base64.endsWith("==") ? 2 : base64.endsWith("=") ? 1 : 0;
  if (padding === 0) return true;
  const last = BASE64_ALPHABET.indexOf(base64[base64.length - padding - 1]);
  return (last & (padding === 2 ? 0x0f : 0x03)) === 0;
}

// One CERTIFICATE block, lines of at most 76 base64 characters, only ASCII
// whitespace around it: nothing else can be in the text, so the line-by-line
// reader (and its diagnostics) can be skipped. Linear: each line ends at "\n".
const USUAL_LAYOUT = /^[ \t\r\n]*-----BEGIN CERTIFICATE-----\r?\n((?:[A-Za-z0-9+/=]{1,76}\r?\n)+)-----END CERTIFICATE-----[ \t\r\n]*$/;

const CANONICAL_HEADER = "-----BEGIN CERTIFICATE-----\n";
const CANONICAL_FOOTER = "-----END CERTIFICATE-----\n";

/**
 * Whether text that passed the fast path is laid out as {@link canonicalPem}
 * writes it: no surrounding whitespace, LF only, 64-column lines. Its base64 is
 * then canonical too (strict: padding only at the end, padding bits clear), so
 * decoding and encoding again would give the same text.
 */
function isCanonicalLayout(text: string): boolean {
  if (!text.startsWith(CANONICAL_HEADER) || !text.endsWith(CANONICAL_FOOTER) || text.includes("\r")) return false;
  // The body's last "\n" is the one just before the footer (the fast path's layout guarantees it).
  const lastNewline = text.length - CANONICAL_FOOTER.length - 1;
  for (let lineStart = CANONICAL_HEADER.length; ;) {
    const newline = text.indexOf("\n", lineStart);
    if (newline === lastNewline) return newline - lineStart <= 64;
    if (newline - lineStart !== 64) return false;
    lineStart = newline + 1;
  }
}

/** Base64 as an encoder writes it: whole 4-character quanta, padding only at the very end, padding bits clear. */
function isStrictBase64(base64: string): boolean {
  return base64.length > 0 && base64.length % 4 === 0 && BASE64_LINE.test(base64) && paddingBitsClear(base64);
}

/** Whether a character code is in the base64 alphabet (not "="). */
function isBase64Letter(code: number): boolean {
  return (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39) || code === 0x2b || code === 0x2f;
}

/** How many times `character` occurs in `text` (native indexOf, no regular expression). */
function occurrences(text: string, character: string): number {
  let count = 0;
  for (let i = text.indexOf(character); i >= 0; i = text.indexOf(character, i + 1)) count++;
  return count;
}

/**
 * The fast path for well-formed input (almost all of it); undefined sends the
 * input to the full reader, which decides (and explains) everything the fast
 * path is not sure of. USUAL_LAYOUT already allows only base64 characters and
 * "=" in the body, so what is left to check is where "=" stands, the quanta and
 * the padding bits; Buffer.from skips the line ends, so the body is not copied.
 */
export function readUsualLayout(text: string): PemReading | undefined {
  const match = USUAL_LAYOUT.exec(text);
  if (!match) return undefined;
  const body = match[1];
  const characters = body.length - occurrences(body, "\n") - occurrences(body, "\r");
  if (characters % 4 !== 0) return undefined;
  const firstPad = body.indexOf("=");
  if (firstPad >= 0) {
    // Only "=" or "==" at the very end, right after a base64 letter whose unused bits are clear.
    const padding = body.startsWith("==", firstPad) ? 2 : 1;
    const rest = body.slice(firstPad + padding);
    if ((rest !== "\n" && rest !== "\r\n") || !isBase64Letter(body.charCodeAt(firstPad - 1))) return undefined;
    const last = BASE64_ALPHABET.indexOf(body[firstPad - 1]);
    if ((last & (padding === 2 ? 0x0f : 0x03)) !== 0) return undefined;
  }
  return { problems: [], der: Buffer.from(body, "base64"), canonical: isCanonicalLayout(text) ? text : undefined };
}

/** Decodes the body of the one CERTIFICATE block: strict base64, as an encoder wrote it. */
export function readBase64(body: readonly string[]): PemReading {
  const badLine = body.findIndex((line) => !BASE64_LINE.test(line));
  const base64 = body.join("");
  if (badLine >= 0 || !isStrictBase64(base64)) {
    const where = badLine >= 0 ? ` (line ${badLine + 1} of the block has characters outside the base64 alphabet)` : "";
    return {
      problems: [
        { code: "CertificateFormatInvalid", message: `the content of the CERTIFICATE block is not valid base64${where}; it was truncated or altered.` },
      ],
    };
  }
  return { problems: [], der: Buffer.from(base64, "base64") };
}

/** The canonical PEM of a DER certificate: 64-column base64, LF line ends, one trailing newline. */
export function canonicalPem(der: Buffer): string {
  const base64 = der.toString("base64");
  const lines: string[] = [];
  for (let i = 0; i < base64.length; i += 64) lines.push(base64.slice(i, i + 64));
  return `-----BEGIN CERTIFICATE-----\n${lines.join("\n")}\n-----END CERTIFICATE-----\n`;
}
