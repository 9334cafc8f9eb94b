import { RuleProblem } from "../problems";
import { Token } from "cdktf";
import { showValue, showValueCut } from "../problems";

// An English letter or a Chinese character first; then those, digits, ".", "_" and "-".
// SetCACertificateName says "Chinese" with no range: U+4E00-U+9FA5 is the narrowest
// reading, and the local cloud's (emulator/name-rules.ts); a wider one could pass here and fail in SLB.
const HAN = "\u4e00-\u9fa5";
const FIRST_CHARACTER = new RegExp(`^[A-Za-z${HAN}]$`);
const NEXT_CHARACTER = new RegExp(`^[A-Za-z${HAN}0-9._-]$`);
const NAME_MAX = 80;
const NAME_RULE = `1 to ${NAME_MAX} characters, starting with an English letter or a Chinese character, then English letters, Chinese characters, digits, ".", "_" or "-"`;
const HAN_RANGE =
  'A Chinese character is one of U+4E00 to U+9FA5: the reference says "Chinese" with no range, and this, the narrowest reading, is the one the local cloud applies.';

/** The index of the first character the name may not hold where it is; -1 when there is none. */
function refusedAt(chars: readonly string[]): number {
  return chars.findIndex((c, i) => !(i === 0 ? FIRST_CHARACTER : NEXT_CHARACTER).test(c));
}

/** A character with its code point, for the message: "㐀" (U+3400). */
function showCharacter(c: string): string {
  return `${JSON.stringify(c)} (U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")})`;
}

/**
 * Checks a CA certificate name against the rule SetCACertificateName documents
 * (UploadCACertificate documents none; the stricter rule is applied so that a
 * later rename cannot fail).
 *
 * @see https://www.alibabacloud.com/help/en/slb/classic-load-balancer/developer-reference/api-slb-2014-05-15-setcacertificatename
 */
export function validateCaCertificateName(name: string | undefined): RuleProblem[] {
  if (name === undefined || Token.isUnresolved(name)) return [];
  const chars = typeof name === "string" ? [...name] : [];
  const length = chars.length;
  const refused = refusedAt(chars);
  if (typeof name === "string" && length >= 1 && length <= NAME_MAX && refused === -1) return [];
  const why =
    typeof name !== "string"
      ? "is not a string"
      : length === 0
        ? "is empty"
        : length > NAME_MAX
          ? `is ${length} characters long`
          : refused === 0
            ? `starts with ${showCharacter(chars[0])}, not an English letter or a Chinese character`
            : `holds ${showCharacter(chars[refused])}, which is not allowed`;
  return [
    {
      code: "InvalidParam.CACertificateName",
      // A long name is cut without its length: the why states it, in characters.
      message: `name ${length > NAME_MAX ? showValueCut(name) : showValue(name)} ${why}; SetCACertificateName, which renames the certificate on update, takes ${NAME_RULE} (UploadCACertificate states no rule). ${HAN_RANGE}`,
    },
  ];
}

const RESOURCE_GROUP_PATTERN = /^rg-[a-z0-9]+$/;

/**
 * Checks the shape of a resource group ID (`rg-` then lowercase letters and
 * digits, as the Resource Manager console shows them). UploadCACertificate,
 * the only call that carries it (a change replaces the certificate), states no
 * form; it refuses an ID the account does not have, at deploy.
 */
export function validateResourceGroupId(id: string | undefined): RuleProblem[] {
  if (id === undefined || Token.isUnresolved(id)) return [];
  if (typeof id === "string" && RESOURCE_GROUP_PATTERN.test(id)) return [];
  return [
    {
      code: "InvalidParam.ResourceGroupId",
      message: `resource group ID ${showValue(id)} is not of the form "rg-" followed by lowercase letters and digits (for example "rg-acfmxazb4ph6aiy"), the form of Resource Manager's IDs; UploadCACertificate, which carries it, states none and refuses at deploy an ID the account does not have.`,
    },
  ];
}

/**
 * The name SLB gets: the declared one, made unique per certificate content
 * ("-" and the first 8 hex digits of the SHA-1 fingerprint) unless `uniqueName`
 * is false, or the name or the fingerprint is not known at synth.
 */
export function physicalName(declared: string | undefined, fingerprint: string | undefined, uniqueName: boolean | undefined): string | undefined {
  if (declared === undefined || fingerprint === undefined || uniqueName === false || Token.isUnresolved(declared)) return declared;
  return `${declared}-${fingerprint.replace(/:/g, "").slice(0, 8)}`;
}

/** The declared name's problems; if it is fine, the problems of the name with its suffix (only its length can fail). */
export function nameProblems(declared: string | undefined, physical: string | undefined): RuleProblem[] {
  const own = validateCaCertificateName(declared);
  if (own.length > 0 || physical === declared) return own;
  return validateCaCertificateName(physical).map((p) => ({
    ...p,
    message: `${p.message} The uniqueness suffix (uniqueName) adds 9 characters: shorten the name to at most 71, or set uniqueName: false.`,
  }));
}
