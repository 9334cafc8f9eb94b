import { RuleProblem } from "../problems";
import { Token } from "cdktf";
import { showValue } from "../problems";

/** Most tags one Alibaba Cloud resource may hold. */
export const MAX_TAGS = 20;
/** Longest tag key or value. */
export const MAX_TAG_LENGTH = 128;

const RESERVED_PREFIXES = ["acs:", "aliyun"];
const FORBIDDEN_PARTS = ["http://", "https://"];

function tagTextProblem(text: string, allowEmpty: boolean): string | undefined {
  if (!allowEmpty && text.length === 0) return "is empty";
  // Characters, not UTF-16 units: an emoji is one character to the console.
  const length = [...text].length;
  if (length > MAX_TAG_LENGTH) return `is ${length} characters long`;
  const prefix = RESERVED_PREFIXES.find((p) => text.startsWith(p));
  if (prefix) return `starts with the reserved prefix "${prefix}"`;
  const part = FORBIDDEN_PARTS.find((p) => text.includes(p));
  if (part) return `contains "${part}"`;
  return undefined;
}

const KEY_RULE = `a key has 1 to ${MAX_TAG_LENGTH} characters, does not start with "acs:" or "aliyun", and contains no "http://" or "https://"`;
const VALUE_RULE = `a value has 0 to ${MAX_TAG_LENGTH} characters, does not start with "acs:" or "aliyun", and contains no "http://" or "https://"`;

/**
 * Checks tags against the rules of Alibaba Cloud's tag API (the ones
 * UploadCACertificate enforces). Keys or values that are unresolved tokens are
 * skipped: they are only known at deploy time.
 *
 * @see https://www.alibabacloud.com/help/en/slb/classic-load-balancer/developer-reference/api-slb-2014-05-15-uploadcacertificate
 * @returns every problem found; empty when the tags are acceptable
 */
export function validateTags(tags: { readonly [key: string]: string } | undefined): RuleProblem[] {
  if (tags === undefined || tags === null) return [];
  if (Token.isUnresolved(tags)) return [];
  const problems: RuleProblem[] = [];
  const entries = Object.entries(tags);
  if (entries.length > MAX_TAGS) {
    problems.push({
      code: "SizeLimitExceeded.Tag",
      message: `${entries.length} tags given; a resource holds at most ${MAX_TAGS}.`,
    });
  }
  for (const [key, value] of entries) {
    if (Token.isUnresolved(key)) continue;
    if (key.length === 0) {
      problems.push({ code: "MissingParam.TagKey", message: `a tag key is empty; ${KEY_RULE}.` });
    } else {
      const keyProblem = tagTextProblem(key, false);
      if (keyProblem) {
        problems.push({ code: "InvalidParam.TagKey", message: `tag key ${showValue(key)} ${keyProblem}; ${KEY_RULE}.` });
      }
    }
    if (typeof value !== "string") {
      problems.push({
        code: "InvalidParam.TagValue",
        message: `the value of tag ${showValue(key)} is ${showValue(value)}; tag values are strings.`,
      });
      continue;
    }
    if (Token.isUnresolved(value)) continue;
    const valueProblem = tagTextProblem(value, true);
    if (valueProblem) {
      problems.push({
        code: "InvalidParam.TagValue",
        message: `the value of tag ${showValue(key)}, ${showValue(value)}, ${valueProblem}; ${VALUE_RULE}.`,
      });
    }
  }
  return problems;
}
