import { RE2JS } from "re2js";
import type { CaCertificatePolicyRules } from "./ca-certificate-policy-rules";
import { CaCertificatePolicyError } from "../errors";
import { UnresolvedPemAction } from "./unresolved-pem-action";
import { showValue } from "../problems";

/** Longest namePattern accepted: a name rule is a line, not a program. */
const MAX_NAME_PATTERN_LENGTH = 1000;

type FieldCheck = (value: unknown) => string | undefined;

const isStringArray: FieldCheck = (v) =>
  Array.isArray(v) && v.every((x) => typeof x === "string") ? undefined : `must be an array of strings, got ${showValue(v)}`;
const isDays: FieldCheck = (v) =>
  typeof v === "number" && Number.isInteger(v) && v >= 0 ? undefined : `must be a whole number of days (0 or more), got ${showValue(v)}`;

/** What a message shows of text it did not write (a parser's message, say): control characters escaped, so it stays on one line. */
function oneLine(text: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are what this escapes
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/**
 * Compiles a namePattern with RE2 (re2js): matching is linear in the name's
 * length whatever the pattern, so no pattern can make synth hang.
 * @returns the compiled pattern, or why RE2 refuses it
 */
export function compileNamePattern(pattern: string): RE2JS | string {
  if (pattern.length > MAX_NAME_PATTERN_LENGTH) {
    return `is ${pattern.length} characters long; at most ${MAX_NAME_PATTERN_LENGTH} are accepted`;
  }
  try {
    return RE2JS.compile(pattern);
  } catch (error) {
    const reason = oneLine(String((error as Error).message ?? error).replace(/^error parsing regexp: /, ""));
    return `${showValue(pattern)} is not a regular expression in RE2 syntax (${reason}); RE2 has no backreferences or lookaround`;
  }
}

/** The values a policy file may give unresolvedPem: the enum's. */
const PEM_ACTIONS: readonly string[] = Object.values(UnresolvedPemAction);

// A Map, not an object: a key such as "__proto__" or "constructor" must find nothing here.
const FIELDS: ReadonlyMap<string, FieldCheck> = new Map<keyof CaCertificatePolicyRules, FieldCheck>([
  ["requiredTags", isStringArray],
  [
    "allowedTagValues",
    (v) => {
      if (v === null || typeof v !== "object" || Array.isArray(v)) return `must be an object mapping tag keys to arrays of strings, got ${showValue(v)}`;
      const bad = Object.entries(v).find(([, values]) => isStringArray(values) !== undefined);
      return bad ? `must map each tag key to an array of strings; tag ${showValue(bad[0])} maps to ${showValue(bad[1])}` : undefined;
    },
  ],
  ["allowedRegions", isStringArray],
  ["allowedResourceGroupIds", isStringArray],
  [
    "namePattern",
    (v) => {
      if (typeof v !== "string") return `must be a regular expression as a string, got ${showValue(v)}`;
      const compiled = compileNamePattern(v);
      return typeof compiled === "string" ? compiled : undefined;
    },
  ],
  ["minValidityDays", isDays],
  ["warnValidityDays", isDays],
  ["requireRsa4096", (v) => (typeof v === "boolean" ? undefined : `must be true or false, got ${showValue(v)}`)],
  [
    "unresolvedPem",
    (v) => (PEM_ACTIONS.includes(v as string) ? undefined : `must be ${PEM_ACTIONS.map((a) => JSON.stringify(a)).join(" or ")}, got ${showValue(v)}`),
  ],
]);

/** A validated value, copied so that later changes to the input change nothing. */
function copyOf(value: unknown): unknown {
  if (Array.isArray(value)) return [...value];
  // Object.fromEntries defines own properties, so a tag key "__proto__" stays a key.
  if (value !== null && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, copyOf(v)]));
  return value;
}

/**
 * Internal (the API is `new CaCertificatePolicy(rules)` and `CaCertificatePolicy.fromFile`).
 * Checks parsed JSON (or rules given in code) against the policy schema. Only
 * own properties count: `__proto__`, `constructor` and the like are unknown keys.
 * @returns a copy holding the known keys only
 * @throws CaCertificatePolicyError listing unknown keys and wrong types, each naming the key
 */
export function parsePolicyRules(json: unknown, source = "policy"): CaCertificatePolicyRules {
  if (json === null || typeof json !== "object" || Array.isArray(json)) {
    throw new CaCertificatePolicyError(source, [`the policy must be a JSON object, got ${showValue(json)}`]);
  }
  const problems: string[] = [];
  const rules: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(json)) {
    const check = FIELDS.get(key);
    if (check === undefined) {
      problems.push(`unknown key ${showValue(key)}; known keys: ${[...FIELDS.keys()].join(", ")}`);
      continue;
    }
    const problem = check(value);
    if (problem) problems.push(`${key} ${problem}`);
    else rules[key] = copyOf(value);
  }
  if (problems.length > 0) throw new CaCertificatePolicyError(source, problems);
  return rules as CaCertificatePolicyRules;
}

/**
 * Parses a policy file's text: JSON, with a leading UTF-8 byte-order mark
 * accepted (Windows editors write one).
 * @throws CaCertificatePolicyError for text that is not JSON, or rules that are not valid
 */
export function parsePolicyJson(text: string, source: string): CaCertificatePolicyRules {
  let json: unknown;
  try {
    json = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    throw new CaCertificatePolicyError(source, [`cannot read it as JSON: ${oneLine(String((error as Error).message ?? error))}`]);
  }
  return parsePolicyRules(json, source);
}
