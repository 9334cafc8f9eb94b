/**
 * writeToFile (alicloud/common.go at v1.257.0), what a data source's
 * `output_file` writes: Go's `json.MarshalIndent(data, "", "\t")` (Go 1.24, the
 * release build's `.go-version`), after expanding a leading `~`, removing the
 * file first, and writing it with mode 422 (decimal: 0o646, less the umask).
 */
import * as fs from "fs";
import * as os from "os";

/** Go's `appendString` with HTML escaping on (json.Marshal's default). */
function goString(value: string): string {
  let out = '"';
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    const short: Record<number, string> = { 0x22: '\\"', 0x5c: "\\\\", 0x08: "\\b", 0x0c: "\\f", 0x0a: "\\n", 0x0d: "\\r", 0x09: "\\t" };
    if (short[c] !== undefined) out += short[c];
    // Control characters, the HTML characters and the JavaScript line terminators are written as \u escapes.
    else if (c < 0x20 || c === 0x3c || c === 0x3e || c === 0x26 || c === 0x2028 || c === 0x2029) out += `\\u${c.toString(16).padStart(4, "0")}`;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < value.length && (value.charCodeAt(i + 1) & 0xfc00) === 0xdc00) out += value.slice(i, ++i + 1);
    // A lone surrogate is not valid UTF-8: Go writes the replacement character's escape.
    else if (c >= 0xd800 && c <= 0xdfff) out += "\\ufffd";
    else out += value[i];
  }
  return `${out}"`;
}

/** Go sorts map keys by their UTF-8 bytes (not UTF-16 code units, as Array.prototype.sort does). */
function byUtf8(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, "utf8"), Buffer.from(b, "utf8"));
}

/** json.MarshalIndent(value, "", "\t") of decoded JSON values (maps, slices, strings, numbers, booleans, nil). */
export function marshalIndent(value: unknown, indent = ""): string {
  if (value === null || value === undefined) return "null";
  if (typeof value === "string") return goString(value);
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  const inner = `${indent}\t`;
  if (Array.isArray(value)) {
    return value.length === 0 ? "[]" : `[\n${value.map((v) => inner + marshalIndent(v, inner)).join(",\n")}\n${indent}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => byUtf8(a, b));
  return entries.length === 0 ? "{}" : `{\n${entries.map(([k, v]) => `${inner}${goString(k)}: ${marshalIndent(v, inner)}`).join(",\n")}\n${indent}}`;
}

/**
 * writeToFile(filePath, data) for a non-string `data`. `~` is the account's home from the user database
 * (Go's user.Current, not $HOME). The data source ignores the error writeToFile returns: so does this.
 */
export function writeToFile(filePath: string, data: unknown): void {
  try {
    const target = filePath.startsWith("~") ? filePath.replace("~", os.userInfo().homedir) : filePath;
    if (fs.existsSync(target)) fs.rmSync(target);
    fs.writeFileSync(target, marshalIndent(data), { mode: 422 });
  } catch {
    // dataSourceAlicloudSlbCaCertificatesRead calls writeToFile without checking its result.
  }
}
