import { RuleProblem } from "../problems";
import { Token } from "cdktf";
import { showValue, showValueCut } from "../problems";

/** Most tags one Alibaba Cloud resource may hold (UploadCACertificate and TagResources). */
export const MAX_TAGS = 20;
/** Longest tag value (UploadCACertificate and TagResources). */
export const MAX_TAG_LENGTH = 128;
/**
 * Longest tag key: TagResources allows 64 characters. UploadCACertificate's
 * reference allows 128, but the provider uploads without tags and sends them
 * with TagResources, so TagResources' rule is the one a deploy meets.
 */
export const MAX_TAG_KEY_LENGTH = 64;

/** The two calls whose references state tag rules; where they agree, a message names both. */
const BOTH = "UploadCACertificate and TagResources";

const RESERVED_PREFIXES = ["acs:", "aliyun"];
const FORBIDDEN_PARTS = ["http://", "https://"];

/** What is wrong with a key or value, and the rule it breaks (naming the API whose rule it is). */
interface TextProblem {
  /** The key or value as the message shows it (without its length when `why` states it). */
  readonly shown: string;
  readonly why: string;
  readonly rule: string;
}

function tagTextProblem(text: string, what: "key" | "value"): TextProblem | undefined {
  // Characters, not UTF-16 units: an emoji is one character to the console.
  const length = [...text].length;
  if (what === "key" && length > MAX_TAG_KEY_LENGTH) {
    return {
      shown: showValueCut(text),
      why: `is ${length} characters long`,
      rule: `TagResources, the call that carries tags, takes keys of 1 to ${MAX_TAG_KEY_LENGTH} characters (UploadCACertificate's reference allows ${MAX_TAG_LENGTH}, but the provider uploads without tags)`,
    };
  }
  if (what === "value" && length > MAX_TAG_LENGTH)
    return { shown: showValueCut(text), why: `is ${length} characters long`, rule: `${BOTH} take values of 0 to ${MAX_TAG_LENGTH} characters` };
  const reserved = `${BOTH} refuse a ${what} that starts with "acs:" or "aliyun" or contains "http://" or "https://"`;
  const prefix = RESERVED_PREFIXES.find((p) => text.startsWith(p));
  if (prefix) return { shown: showValue(text), why: `starts with the reserved prefix "${prefix}"`, rule: reserved };
  const part = FORBIDDEN_PARTS.find((p) => text.includes(p));
  if (part) return { shown: showValue(text), why: `contains "${part}"`, rule: reserved };
  return undefined;
}

/**
 * Checks tags against the rules of the calls that carry them in a deploy:
 * TagResources (the provider sends tags there, after the upload) and
 * UploadCACertificate, the stricter of the two rule by rule: a key of 1 to 64
 * characters (TagResources), a value of 0 to 128, neither starting with
 * "acs:" or "aliyun" nor containing "http://" or "https://", at most 20 tags.
 * Each message names the API whose rule it is. Keys or values that are
 * unresolved tokens are skipped: they are only known at deploy time.
 *
 * @see https://www.alibabacloud.com/help/en/slb/classic-load-balancer/developer-reference/api-slb-2014-05-15-tagresources
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
      message: `${entries.length} tags given; ${BOTH} allow at most ${MAX_TAGS} on a resource.`,
    });
  }
  for (const [key, value] of entries) {
    if (Token.isUnresolved(key)) continue;
    if (key.length === 0) {
      problems.push({ code: "MissingParam.TagKey", message: `a tag key is empty; ${BOTH} refuse an empty key.` });
    } else {
      const keyProblem = tagTextProblem(key, "key");
      if (keyProblem) {
        problems.push({ code: "InvalidParam.TagKey", message: `tag key ${keyProblem.shown} ${keyProblem.why}; ${keyProblem.rule}.` });
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
    const valueProblem = tagTextProblem(value, "value");
    if (valueProblem) {
      problems.push({
        code: "InvalidParam.TagValue",
        message: `the value of tag ${showValue(key)}, ${valueProblem.shown}, ${valueProblem.why}; ${valueProblem.rule}.`,
      });
    }
  }
  return problems;
}
