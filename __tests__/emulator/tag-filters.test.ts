/**
 * The provider's tag filters (alicloud/tags.go at v1.257.0): tagIgnored, which a
 * resource's Read applies, and ignoredTags, which SetResourceTags applies to removed
 * keys and the data source to its output. Go's patterns are regular expressions.
 */
import { ignoredTag, tagIgnored } from "../../emulator/alicloud/values";

it.each([
  ["aliyun-owner", true, true],
  ["acs:rm:rgId", true, true],
  ["http://x", true, true],
  ["https://x", true, true],
  ["sae.do.not.delete", true, false],
  // "^sae.do.not.delete" in Go: each "." matches any character.
  ["sae-do-not-delete", true, false],
  ["my-sae.do.not.delete", false, false],
  ["owner", false, false],
  ["Aliyun", false, false],
])("%s: ignored on Read %s, ignored by SetResourceTags and the data source %s", (key, onRead, bySet) => {
  expect({ onRead: tagIgnored(key), bySet: ignoredTag(key) }).toEqual({ onRead, bySet });
});
