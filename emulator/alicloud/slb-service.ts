/**
 * Helpers of SlbService (alicloud/service_alicloud_slb.go at v1.257.0) that
 * several resources share: SetResourceTags, setInstanceTags and
 * ListTagResources.
 */
import { Tag } from "../account";
import { TagResourceRecord, listTagResources, tagResources, untagResources } from "../api/tags";
import { CtyObject } from "../cty";
import { needRetry, resourceRetry } from "./retry";
import { LEGACY, SlbClient, TEA } from "./slb-client";
import { hasChange, ignoredTag, tagList } from "./values";

const TEN_MINUTES = 10 * 60_000;

/**
 * SetResourceTags(d, resourceType), when tags changed: UntagResources for the
 * keys removed or given a new value (keys ignoredTags matches are never sent),
 * then TagResources with every tag of the new map (parsingTags returns all of
 * it, not the difference). Both through the Tea client, retried on NeedRetry
 * with incrementalWait(2s, 1s) for up to 10 minutes.
 */
export async function setResourceTags(client: SlbClient, resourceType: string, id: string, prior: CtyObject | null, planned: CtyObject): Promise<void> {
  if (!hasChange(prior, planned, "tags")) return;
  const old = tagList(prior?.tags);
  const added = tagList(planned.tags);
  const removed = old.filter((o) => !added.some((a) => a.Key === o.Key && a.Value === o.Value)).map((t) => t.Key);
  const removedKeys = removed.filter((k) => !ignoredTag(k));
  const rule = { retryable: (e: unknown) => needRetry(e, "tea"), wait: [2000, 1000] as const, timeoutMs: TEN_MINUTES };
  if (removedKeys.length > 0) {
    await resourceRetry(rule, () =>
      client.request(TEA, (a) => untagResources(a, { RegionId: client.region, ResourceType: resourceType, ResourceId: [id], TagKey: removedKeys })),
    );
  }
  if (added.length > 0) {
    await resourceRetry(rule, () =>
      client.request(TEA, (a) => tagResources(a, { RegionId: client.region, ResourceType: resourceType, ResourceId: [id], Tag: added })),
    );
  }
}

/**
 * setInstanceTags(d, resourceType), the server certificate's: called on every
 * Update, changed or not. diffTags removes the keys that are gone or changed
 * and adds every tag of the new map; through alibaba-cloud-sdk-go, retried on
 * NeedRetry with incrementalWait(1s, 1s) for up to 10 minutes.
 */
export async function setInstanceTags(client: SlbClient, resourceType: string, id: string, prior: CtyObject | null, planned: CtyObject): Promise<void> {
  const old = tagList(prior?.tags);
  const next = tagList(planned.tags);
  const remove: Tag[] = old.filter((o) => !next.some((n) => n.Key === o.Key && n.Value === o.Value));
  const rule = { retryable: (e: unknown) => needRetry(e, "legacy"), wait: [1000, 1000] as const, timeoutMs: TEN_MINUTES };
  if (remove.length > 0) {
    const keys = remove.map((t) => t.Key);
    await resourceRetry(rule, () =>
      client.request(LEGACY, (a) => untagResources(a, { RegionId: client.region, ResourceType: resourceType, ResourceId: [id], TagKey: keys })),
    );
  }
  if (next.length > 0) {
    await resourceRetry(rule, () =>
      client.request(LEGACY, (a) => tagResources(a, { RegionId: client.region, ResourceType: resourceType, ResourceId: [id], Tag: next })),
    );
  }
}

/** ListTagResources(id, resourceType): through the Tea client, retried on NeedRetry with incrementalWait(3s, 5s) for up to 5 minutes. */
export function listTags(client: SlbClient, resourceType: string, id: string): Promise<TagResourceRecord[]> {
  return resourceRetry({ retryable: (e) => needRetry(e, "tea"), wait: [3000, 5000], timeoutMs: 5 * 60_000 }, () =>
    client.request(TEA, (a) => listTagResources(a, { RegionId: client.region, ResourceType: resourceType, ResourceId: [id] })),
  );
}
