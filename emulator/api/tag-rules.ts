/**
 * Tag rules of the two SLB actions that carry tags, each after its own API
 * reference (SLB 2014-05-15):
 *
 * - UploadCACertificate (help doc 34935): key 1 to 128 characters.
 * - TagResources (CLB reference, updated 2026-03): key 1 to 64 characters;
 *   at most 20 tags per call, and at most 20 on a resource.
 *
 * Both: a key must not start with `aliyun` or `acs:`, nor contain `http://` or
 * `https://`; a value may be empty, holds at most 128 characters, with the same
 * prefix and `http://` rules. Lengths count characters, not UTF-16 units.
 * TagResources' reference lists no error codes: the ones UploadCACertificate
 * documents are used for both (see CONFORMANCE.md).
 */
import { Tag } from "../account";
import { SlbError } from "../slb-error";

export const MAX_TAGS_PER_RESOURCE = 20;

export interface TagLimits {
  readonly action: string;
  readonly maxKeyLength: number;
}

export const UPLOAD_CA_CERTIFICATE_TAGS: TagLimits = { action: "UploadCACertificate", maxKeyLength: 128 };
export const TAG_RESOURCES_TAGS: TagLimits = { action: "TagResources", maxKeyLength: 64 };

const MAX_VALUE_LENGTH = 128;

function reserved(text: string): boolean {
  return /^(acs:|aliyun)/.test(text) || /https?:\/\//.test(text);
}

/** Refuses the first tag that breaks `limits`, and a set of more than 20. */
export function checkTags(tags: readonly Tag[], limits: TagLimits): void {
  if (tags.length > MAX_TAGS_PER_RESOURCE) {
    throw new SlbError("SizeLimitExceeded.Tag", `A resource holds at most ${MAX_TAGS_PER_RESOURCE} tags; got ${tags.length}.`);
  }
  for (const { Key, Value } of tags) {
    if (Key === undefined || Key === "") throw new SlbError("MissingParam.TagKey", "The tag key must not be empty.");
    if ([...Key].length > limits.maxKeyLength || reserved(Key)) {
      throw new SlbError(
        "InvalidParam.TagKey",
        `The tag key ${JSON.stringify(Key)} is invalid: ${limits.action} takes 1 to ${limits.maxKeyLength} characters, not starting with "aliyun" or "acs:", without "http://" or "https://".`,
      );
    }
    if ([...(Value ?? "")].length > MAX_VALUE_LENGTH || reserved(Value ?? "")) {
      throw new SlbError("InvalidParam.TagValue", `The tag value ${JSON.stringify(Value)} of key ${JSON.stringify(Key)} is invalid.`);
    }
  }
}
