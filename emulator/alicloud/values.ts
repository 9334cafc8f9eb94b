/**
 * Terraform values as the provider's Go code reads them through
 * schema.ResourceData: Get, GetOk, HasChange; and tags as maps.
 */
import { Tag } from "../account";
import { CtyObject, CtyValue, isUnknown, sameValue } from "../cty";

/** The value if it is known and not null. */
export function known<T extends CtyValue>(value: CtyValue | undefined): T | undefined {
  return value === null || value === undefined || isUnknown(value) ? undefined : (value as T);
}

export function str(value: CtyValue | undefined): string | undefined {
  return known<string>(value);
}

/** d.GetOk: the value when it is set and not the zero value of its type ("", 0, false, empty). */
export function getOk<T extends CtyValue>(value: CtyValue | undefined): T | undefined {
  const v = known<T>(value);
  if (v === undefined || v === "" || v === 0 || v === false) return undefined;
  if (Array.isArray(v) && v.length === 0) return undefined;
  if (typeof v === "object" && !Array.isArray(v) && Object.keys(v as object).length === 0) return undefined;
  return v;
}

/** The zero value Go reads for an unset attribute of this kind of value. */
function zeroLike(value: CtyValue | undefined): CtyValue {
  if (typeof value === "string") return "";
  if (typeof value === "number") return 0;
  if (typeof value === "boolean") return false;
  if (Array.isArray(value)) return [];
  if (value !== null && typeof value === "object" && !isUnknown(value)) return {};
  return null;
}

/**
 * d.HasChange: the old and new values differ, where an unset value reads as
 * its type's zero value (so a null map and an empty one are the same, as are a
 * null string and ""). On a create, `prior` is null.
 */
export function hasChange(prior: CtyObject | null, planned: CtyObject, attribute: string): boolean {
  const next = planned[attribute];
  if (next !== undefined && isUnknown(next)) return false;
  const old = prior?.[attribute] ?? null;
  const a = old === null ? zeroLike(next) : old;
  const b = next === null || next === undefined ? zeroLike(old) : next;
  return !sameValue(a, b);
}

export function tagList(value: CtyValue | undefined): Tag[] {
  const map = known<CtyObject>(value) ?? {};
  return Object.entries(map).map(([Key, Value]) => ({ Key, Value: String(Value ?? "") }));
}

export function tagMap(tags: readonly Tag[]): CtyObject {
  return Object.fromEntries(tags.map((t) => [t.Key, t.Value]));
}

/** Tags as read back: none read as null when none were configured, so no diff appears (SDK v1 treats both alike). */
export function tagsRead(prior: CtyValue | undefined, tags: readonly Tag[]): CtyValue {
  return tags.length === 0 && (prior === null || prior === undefined) ? null : tagMap(tags);
}

/** tagIgnored (alicloud/tags.go), applied by tagsToMap on a resource's Read. Go's patterns are regular expressions: "." there matches any character. */
export function tagIgnored(key: string): boolean {
  return /^(aliyun|acs:|http:\/\/|https:\/\/|sae.do.not.delete)/.test(key);
}

/** ignoredTags (alicloud/tags.go), applied by SetResourceTags to removed keys and by the data source to its output. */
export function ignoredTag(key: string): boolean {
  return /^(aliyun|acs:|http:\/\/|https:\/\/)/.test(key);
}

/** The planned state with every unknown replaced by what the cloud reported (null if nothing). */
export function fillUnknowns(planned: CtyObject, reported: CtyObject): CtyObject {
  const state: CtyObject = {};
  for (const [key, value] of Object.entries(planned)) state[key] = isUnknown(value) ? (reported[key] ?? null) : value;
  return state;
}
