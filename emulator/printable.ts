/**
 * Text from the account (names, tags, IDs: whatever a caller of the API sent)
 * made safe to print on a terminal: a name must not be able to end a line,
 * move the cursor, recolour or retitle the terminal, or reverse the text after
 * it, so it cannot forge lines of a listing. Control characters (C0, DEL, C1,
 * of which ESC and CSI start ANSI sequences), line and paragraph separators,
 * and the bidirectional and invisible formatting marks are shown escaped;
 * so is the backslash, so every escape reads one way.
 */

/** What is never printed as it is. */
// eslint-disable-next-line no-control-regex -- control characters are what this finds
const UNSAFE = /[\\\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;

/** The same, less the backslash and the C0 controls, which JSON.stringify escapes by itself. */
const UNSAFE_IN_JSON = /[\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;

const NAMED: Readonly<Record<string, string>> = { "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t" };

function hex(c: string, digits: number): string {
  return c.charCodeAt(0).toString(16).padStart(digits, "0");
}

/** `text` with every unsafe character escaped: `\n`, `\t`, `\x1b`, `\u202e`, `\\`. */
export function printable(text: string): string {
  return text.replace(UNSAFE, (c) => NAMED[c] ?? (c.charCodeAt(0) <= 0xff ? `\\x${hex(c, 2)}` : `\\u${hex(c, 4)}`));
}

/** JSON for a terminal or a pipe: still valid JSON, with the characters JSON.stringify leaves raw written as \u escapes. */
export function printableJson(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(UNSAFE_IN_JSON, (c) => `\\u${hex(c, 4)}`);
}

/** `text` as a JSON string literal, quotes included, with those characters escaped too: for a value inside a message. */
export function quoted(text: string): string {
  return JSON.stringify(text).replace(UNSAFE_IN_JSON, (c) => `\\u${hex(c, 4)}`);
}
