/**
 * What a PEM problem may show of the input: armour lines whose label RFC 7468
 * or OpenSSL uses, PEM header names RFC 1421 defines, line numbers and
 * lengths. Nothing else is ever quoted, however harmless it looks: a key's
 * base64 split by spaces, dashes or quotes, or the hex of `openssl pkey -text`,
 * is key material in a shape no pattern can rule out.
 */

/** The labels of RFC 7468 and those OpenSSL and OpenSSH write. Anything else may be key material glued to an armour line. */
const KNOWN_LABELS: ReadonlySet<string> = new Set([
  "CERTIFICATE",
  "X509 CRL",
  "CERTIFICATE REQUEST",
  "NEW CERTIFICATE REQUEST",
  "PKCS7",
  "CMS",
  "PRIVATE KEY",
  "ENCRYPTED PRIVATE KEY",
  "RSA PRIVATE KEY",
  "DSA PRIVATE KEY",
  "EC PRIVATE KEY",
  "OPENSSH PRIVATE KEY",
  "ATTRIBUTE CERTIFICATE",
  "PUBLIC KEY",
  "RSA PUBLIC KEY",
  "TRUSTED CERTIFICATE",
  "EC PARAMETERS",
  "DH PARAMETERS",
  "X9.42 DH PARAMETERS",
  "SSL SESSION PARAMETERS",
]);

/** The header names of RFC 1421 (encrypted PEM) and RFC 7468's explanatory text convention. */
const KNOWN_HEADERS: ReadonlySet<string> = new Set([
  "Proc-Type",
  "DEK-Info",
  "Content-Domain",
  "Originator-ID-Asymmetric",
  "Originator-Certificate",
  "MIC-Info",
  "Key-Info",
]);

/** Whether RFC 7468, OpenSSL or OpenSSH write this armour label. */
export function isKnownLabel(label: string): boolean {
  return KNOWN_LABELS.has(label);
}

/** An armour label as a message shows it: a known label as it is, any other by its length. */
export function labelShown(label: string): string {
  return KNOWN_LABELS.has(label) ? label : `<unknown label, ${label.length} characters>`;
}

/** A (malformed) armour line as a message shows it: quoted when its label is known, else by its length. */
export function armourLineShown(line: string, label: string): string {
  return KNOWN_LABELS.has(label) && line.length <= 80 ? JSON.stringify(line) : `of ${line.length} characters`;
}

/** The header names of a block as a message lists them: known names, then a count of the others. */
export function headerNamesShown(names: readonly string[]): string {
  const known = names.filter((name) => KNOWN_HEADERS.has(name));
  const others = names.length - known.length;
  return [...known, ...(others > 0 ? [`${others} other header line${others === 1 ? "" : "s"}`] : [])].join(", ");
}

// A private key printed as text: `openssl pkey -text` / `openssl rsa -text` (RSA: "Private-Key: (2048 bit, 2 primes)",
// "RSA Private-Key:" before OpenSSL 3, "privateExponent:"; EC: "priv:" then hex). Not anchored to a line start:
// a dump pasted onto one line (an environment variable) is still a key. Linear time.
const KEY_DUMP_MARKER = /Private-Key: \(\d{3,5} bit|privateExponent:|\bpriv:\s{1,8}[0-9a-f]{2}:[0-9a-f]{2}/;

/** Whether the text holds a private key printed as text (`openssl pkey -text`, `openssl rsa -text`). */
export function hasKeyDump(text: string): boolean {
  return KEY_DUMP_MARKER.test(text);
}

/** Where stray text seems to come from, when its shape says so; a fixed phrase, never the text. */
function strayTextHint(line: string): string {
  if (/^(subject|issuer)\s*=/.test(line)) return "; it looks like `openssl x509 -subject -issuer` output";
  if (/^Bag Attributes/.test(line) || /^\s*(localKeyID|friendlyName):/.test(line)) return "; it looks like `openssl pkcs12` output";
  if (/^Certificate:/.test(line)) return "; it looks like `openssl x509 -text` output";
  return "";
}

/**
 * Where a stray line is, and how long: " (line 23, 45 characters; ...)".
 * @param line the line, trimmed
 * @param lineNumber its number in the input, from 1
 */
export function strayLineShown(line: string, lineNumber: number): string {
  return ` (line ${lineNumber}, ${line.length} character${line.length === 1 ? "" : "s"}${strayTextHint(line)})`;
}

/** What a message says of text that looks like a file path: its length and its extension (one of a fixed list). */
export function pathShown(path: string, extension: string | undefined): string {
  return ` (${path.length} characters${extension ? `, ending in ${extension.toLowerCase()}` : ""})`;
}
