/**
 * alicloud_slb_load_balancer, as alicloud/resource_alicloud_slb_load_balancer.go
 * does it at v1.257.0 (all through the Tea client):
 *
 * - Create: CreateLoadBalancer with a ClientToken (autoRetry; retried on
 *   OperationFailed.TokenIsProcessing and NeedRetry with incrementalWait(3s, 10s)
 *   for the 5-minute create timeout), then a wait for status active (5 s delay),
 *   then Update.
 * - Update: SetResourceTags("instance"); SetLoadBalancerStatus when status
 *   changed (also on create); on an existing instance one Set…/Modify… action
 *   per changed attribute group, each retried on NeedRetry; then Read.
 * - Read: DescribeLoadBalancerAttribute, then ListTagResources("instance").
 * - Delete: nothing for a subscription instance; else DeleteLoadBalancer
 *   (NeedRetry, 9-minute timeout; not found is done), then a wait until
 *   Describe finds nothing (5 s delay).
 */
import { randomInt, randomUUID } from "crypto";
import { LoadBalancerAttribute, createLoadBalancer, deleteLoadBalancer, describeLoadBalancerAttribute, setLoadBalancerAttributes } from "../api/load-balancers";
import { CtyObject } from "../cty";
import { ManagedResource, keepingState } from "./resource";
import { DEFAULT_TIMEOUT_MS, isExpectedError, needRetry, resourceRetry, waitForState } from "./retry";
import { SlbClient, TEA, TEA_AUTO_RETRY } from "./slb-client";
import { listTags, setResourceTags } from "./slb-service";
import { fillUnknowns, getOk, hasChange, str, tagIgnored, tagsRead } from "./values";
import { goDuration } from "./waits";

const CREATE_TIMEOUT_MS = 5 * 60_000;
const DELETE_TIMEOUT_MS = 9 * 60_000;
const NEED_RETRY_3S = { retryable: (e: unknown) => needRetry(e, "tea"), wait: [3000, 3000] as const, timeoutMs: DEFAULT_TIMEOUT_MS };

/**
 * Update's actions, in the Go code's order: the attributes each one follows
 * (a change to any of them sends it) and the parameters it sends.
 */
const UPDATE_STEPS: readonly { action: string; attributes: readonly string[]; params: (p: CtyObject) => Record<string, unknown> }[] = [
  { action: "SetLoadBalancerDeleteProtection", attributes: ["delete_protection"], params: (p) => ({ DeleteProtection: p.delete_protection }) },
  {
    action: "SetLoadBalancerName",
    attributes: ["load_balancer_name", "name"],
    params: (p) => ({ LoadBalancerName: str(p.load_balancer_name) ?? str(p.name) }),
  },
  { action: "ModifyLoadBalancerInstanceChargeType", attributes: ["instance_charge_type"], params: (p) => ({ InstanceChargeType: p.instance_charge_type }) },
  {
    action: "ModifyLoadBalancerInstanceSpec",
    attributes: ["load_balancer_spec", "specification"],
    params: (p) => ({ LoadBalancerSpec: str(p.load_balancer_spec) ?? str(p.specification) }),
  },
  {
    action: "SetLoadBalancerModificationProtection",
    attributes: ["modification_protection_status", "modification_protection_reason"],
    params: (p) => ({ ModificationProtectionStatus: p.modification_protection_status, ModificationProtectionReason: p.modification_protection_reason }),
  },
  {
    action: "ModifyLoadBalancerInternetSpec",
    attributes: ["bandwidth", "internet_charge_type"],
    params: (p) => ({ Bandwidth: p.bandwidth, InternetChargeType: p.internet_charge_type }),
  },
  { action: "ModifyLoadBalancerPayType", attributes: ["payment_type"], params: (p) => ({ PayType: p.payment_type }) },
];

/** The attributes a name or spec change reports under both of its names. */
function aliasedValues(planned: CtyObject): CtyObject {
  const name = str(planned.load_balancer_name) ?? str(planned.name) ?? null;
  const spec = str(planned.load_balancer_spec) ?? str(planned.specification) ?? null;
  return { name, load_balancer_name: name, specification: spec, load_balancer_spec: spec };
}

/** SlbService.DescribeSlbLoadBalancer: autoRetry, NeedRetry with incrementalWait(3s, 3s) for 5 minutes; undefined when not found. */
async function describeSlbLoadBalancer(client: SlbClient, id: string): Promise<LoadBalancerAttribute | undefined> {
  try {
    return await resourceRetry({ ...NEED_RETRY_3S, timeoutMs: 5 * 60_000 }, () =>
      client.request(TEA_AUTO_RETRY, (a) => describeLoadBalancerAttribute(a, { RegionId: client.region, LoadBalancerId: id })),
    );
  } catch (error) {
    if (isExpectedError(error, ["InvalidLoadBalancerId.NotFound"], "tea")) return undefined;
    throw error;
  }
}

async function read(client: SlbClient, state: CtyObject): Promise<CtyObject | null> {
  const id = str(state.id)!;
  const found = await describeSlbLoadBalancer(client, id);
  if (!found) return null;
  const tags = (await listTags(client, "instance", id)).filter((t) => !tagIgnored(t.TagKey)).map((t) => ({ Key: t.TagKey, Value: t.TagValue }));
  return { ...state, ...(found.record.Attributes as CtyObject), timeouts: state.timeouts ?? null, tags: tagsRead(state.tags, tags) };
}

async function update(client: SlbClient, id: string, prior: CtyObject | null, planned: CtyObject): Promise<CtyObject | null> {
  let saved: CtyObject = prior ?? { ...fillUnknowns(planned, {}), id, tags: null };
  const step = async (action: string, params: Record<string, unknown>, attributes: CtyObject) => {
    await keepingState(
      () => saved,
      () =>
        resourceRetry(NEED_RETRY_3S, () =>
          client.request(TEA, (a) =>
            setLoadBalancerAttributes(a, action, { RegionId: client.region, LoadBalancerId: id, Params: params, Attributes: attributes }),
          ),
        ),
    );
    saved = { ...saved, ...attributes };
  };
  await keepingState(
    () => saved,
    () => setResourceTags(client, "instance", id, prior, planned),
  );
  saved = { ...saved, tags: planned.tags };
  if (hasChange(prior, planned, "status")) await step("SetLoadBalancerStatus", { LoadBalancerStatus: planned.status }, { status: planned.status });
  if (prior !== null) {
    for (const s of UPDATE_STEPS) {
      if (!s.attributes.some((a) => hasChange(prior, planned, a))) continue;
      const values = Object.fromEntries(s.attributes.map((a) => [a, planned[a]])) as CtyObject;
      await step(
        s.action,
        s.params(planned),
        s.action === "SetLoadBalancerName" || s.action === "ModifyLoadBalancerInstanceSpec" ? { ...values, ...aliasedValues(planned) } : values,
      );
    }
  }
  const after = await keepingState(
    () => saved,
    () => read(client, fillUnknowns(planned, { id })),
  );
  return after === null ? null : fillUnknowns(planned, after);
}

export const loadBalancer: ManagedResource = {
  forceNew: ["address", "address_ip_version", "address_type", "master_zone_id", "resource_group_id", "slave_zone_id", "vswitch_id"],
  aliases: [
    ["load_balancer_name", "name"],
    ["name", "load_balancer_name"],
    ["load_balancer_spec", "specification"],
    ["specification", "load_balancer_spec"],
  ],
  errorAttributes: { "EntityNotExists.ResourceGroup": "resource_group_id" },
  async create(client, planned) {
    const addressType = str(planned.address_type) ?? "internet";
    const spec = str(planned.load_balancer_spec) ?? str(planned.specification) ?? "slb.s1.small";
    const name = str(planned.load_balancer_name) ?? str(planned.name) ?? `auto_named_slb`;
    // What the cloud decides for attributes left unset, reported by the next Describe.
    const filled: CtyObject = {
      address:
        addressType === "internet" ? `47.${randomInt(1, 255)}.${randomInt(0, 255)}.${randomInt(1, 255)}` : `192.168.${randomInt(0, 255)}.${randomInt(1, 255)}`,
      address_type: addressType,
      instance_charge_type: "PayBySpec",
      internet: addressType === "internet",
      load_balancer_name: name,
      load_balancer_spec: spec,
      master_zone_id: `${client.region}-b`,
      slave_zone_id: `${client.region}-c`,
      modification_protection_status: "NonProtection",
      name,
      payment_type: "PayAsYouGo",
      specification: spec,
      status: "active",
    };
    const token = `TF-CreateLoadBalancer-${Math.floor(Date.now() / 1000)}-${randomUUID()}`.slice(0, 64);
    const timeoutMs = goDuration(str((planned.timeouts as CtyObject | null)?.create)) ?? CREATE_TIMEOUT_MS;
    const record = await resourceRetry(
      {
        retryable: (e) => isExpectedError(e, ["OperationFailed.TokenIsProcessing"], "tea") || needRetry(e, "tea"),
        wait: [3000, 10_000],
        timeoutMs,
      },
      () =>
        client.request(TEA_AUTO_RETRY, (a) =>
          createLoadBalancer(a, {
            RegionId: client.region,
            LoadBalancerName: getOk<string>(planned.load_balancer_name) ?? getOk<string>(planned.name),
            ResourceGroupId: getOk<string>(planned.resource_group_id),
            ClientToken: token,
            Attributes: { ...fillUnknowns(planned, filled), tags: null, timeouts: null },
          }),
        ),
    );
    const id = record.LoadBalancerId;
    await keepingState(
      () => ({ ...fillUnknowns(planned, {}), id }),
      () =>
        waitForState({
          delayMs: 5000,
          timeoutMs,
          refresh: async () => (await describeSlbLoadBalancer(client, id))?.record.Attributes.status === "active",
        }),
    );
    return update(client, id, null, planned);
  },
  read(client, prior) {
    return read(client, prior);
  },
  update(client, prior, planned) {
    return update(client, str(prior.id)!, prior, planned);
  },
  async delete(client, prior) {
    if (str(prior.payment_type) === "Subscription" || str(prior.instance_charge_type) === "Prepaid") return;
    const id = str(prior.id)!;
    const timeoutMs = goDuration(str((prior.timeouts as CtyObject | null)?.delete)) ?? DELETE_TIMEOUT_MS;
    try {
      await resourceRetry({ ...NEED_RETRY_3S, timeoutMs }, () =>
        client.request(TEA, (a) => deleteLoadBalancer(a, { RegionId: client.region, LoadBalancerId: id })),
      );
    } catch (error) {
      if (isExpectedError(error, ["InvalidLoadBalancerId.NotFound"], "tea")) return;
      throw error;
    }
    await waitForState({ delayMs: 5000, timeoutMs, refresh: async () => (await describeSlbLoadBalancer(client, id)) === undefined });
  },
};
