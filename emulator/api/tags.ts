/**
 * SLB's tag actions on certificates (CA and server) and load balancers:
 * TagResources, UntagResources and ListTagResources (API reference, SLB
 * 2014-05-15). The other resource types SLB tags (acl, listener, server
 * groups) are not emulated.
 */
import { Account, Tag, call } from "../account";
import { SlbError } from "../slb-error";
import { MAX_TAGS_PER_RESOURCE, TAG_RESOURCES_TAGS, checkTags } from "./tag-rules";

export type TaggedResourceType = "certificate" | "instance";

/** At most this many resources, and tag keys, in one call. */
const MAX_PER_CALL = 20;

/** The object whose tags a (type, ID) pair names; refused when there is none. */
function tagged(account: Account, regionId: string, resourceType: string, id: string): { Tags?: Tag[] } {
  let found: { Tags?: Tag[] } | undefined;
  if (resourceType === "certificate") {
    found =
      account.caCertificates.find((c) => c.CACertificateId === id && c.RegionId === regionId) ??
      account.serverCertificates.find((c) => c.ServerCertificateId === id && c.RegionId === regionId);
  } else if (resourceType === "instance") {
    found = account.loadBalancers.find((l) => l.LoadBalancerId === id && l.RegionId === regionId);
  } else {
    throw new SlbError("InvalidParameter.ResourceType", `The emulator tags ResourceType certificate and instance, not ${JSON.stringify(resourceType)}.`);
  }
  if (!found) throw new SlbError("InvalidResourceId.NotFound", `The ${resourceType} ${id} does not exist in ${regionId}.`, 404);
  return found;
}

function checkResourceIds(ids: readonly string[]): void {
  if (ids.length === 0 || ids.length > MAX_PER_CALL) {
    throw new SlbError("InvalidParameter.ResourceId", `Give 1 to ${MAX_PER_CALL} resource IDs; got ${ids.length}.`);
  }
}

export interface TagResourcesRequest {
  readonly RegionId: string;
  readonly ResourceType: string;
  readonly ResourceId: string[];
  readonly Tag: Tag[];
}

/** TagResources: adds the tags (a key already there takes the new value), by TagResources' own rules. */
export function tagResources(account: Account, req: TagResourcesRequest): void {
  call(account, "TagResources", { ...req }, () => {
    checkResourceIds(req.ResourceId);
    if (req.Tag.length === 0) throw new SlbError("MissingParam.TagKey", "Give at least one tag.");
    checkTags(req.Tag, TAG_RESOURCES_TAGS);
    const targets = req.ResourceId.map((id) => tagged(account, req.RegionId, req.ResourceType, id));
    const next = targets.map((t) => [...(t.Tags ?? []).filter((old) => !req.Tag.some((n) => n.Key === old.Key)), ...req.Tag]);
    const over = next.find((tags) => tags.length > MAX_TAGS_PER_RESOURCE);
    if (over) throw new SlbError("SizeLimitExceeded.Tag", `A resource holds at most ${MAX_TAGS_PER_RESOURCE} tags; this call would give one ${over.length}.`);
    targets.forEach((t, i) => (t.Tags = next[i]));
  });
}

export interface UntagResourcesRequest {
  readonly RegionId: string;
  readonly ResourceType: string;
  readonly ResourceId: string[];
  readonly TagKey?: string[];
  /** Removes every tag when no TagKey is given. */
  readonly All?: boolean;
}

export function untagResources(account: Account, req: UntagResourcesRequest): void {
  call(account, "UntagResources", { ...req }, () => {
    checkResourceIds(req.ResourceId);
    const keys = req.TagKey ?? [];
    if (keys.length > MAX_PER_CALL) throw new SlbError("InvalidParameter.TagKey", `Give at most ${MAX_PER_CALL} tag keys; got ${keys.length}.`);
    const targets = req.ResourceId.map((id) => tagged(account, req.RegionId, req.ResourceType, id));
    for (const t of targets) t.Tags = keys.length === 0 && req.All ? [] : (t.Tags ?? []).filter((tag) => !keys.includes(tag.Key));
  });
}

export interface TagResourceRecord {
  readonly ResourceType: string;
  readonly ResourceId: string;
  readonly TagKey: string;
  readonly TagValue: string;
}

/**
 * ListTagResources: every tag of the resources named, one page (no NextToken). A resource that
 * does not exist has no tags: a list, unlike a change, names nothing it needs.
 */
export function listTagResources(account: Account, req: { RegionId: string; ResourceType: string; ResourceId: string[] }): TagResourceRecord[] {
  return call(account, "ListTagResources", { ...req }, () => {
    checkResourceIds(req.ResourceId);
    const tagsOf = (id: string): Tag[] => {
      try {
        return tagged(account, req.RegionId, req.ResourceType, id).Tags ?? [];
      } catch (error) {
        if (error instanceof SlbError && error.code === "InvalidResourceId.NotFound") return [];
        throw error;
      }
    };
    return req.ResourceId.flatMap((id) =>
      tagsOf(id).map((t) => ({
        ResourceType: req.ResourceType,
        ResourceId: id,
        TagKey: t.Key,
        TagValue: t.Value,
      })),
    );
  });
}
