/**
 * SLB's load balancer (CLB instance) actions: CreateLoadBalancer,
 * DescribeLoadBalancerAttribute, the Set…/Modify… actions the provider's
 * Update sends, and DeleteLoadBalancer. The instance's attributes are kept by
 * their Terraform names: the emulator serves the provider, not every API
 * client.
 */
import { Account, LoadBalancerRecord, LOAD_BALANCER_UPDATE_ACTIONS, call, randomChars } from "../account";
import { SlbError } from "../slb-error";
import { releaseCaCertificate } from "./ca-certificates";
import { resourceGroupFor } from "./resource-groups";

export interface CreateLoadBalancerRequest {
  readonly RegionId: string;
  readonly LoadBalancerName?: string;
  readonly ResourceGroupId?: string;
  /** Idempotence: a repeated request with the same token answers with the instance the first one made. */
  readonly ClientToken?: string;
  /** The instance's attributes by their Terraform names, as the provider fills them. */
  readonly Attributes: Record<string, unknown>;
}

export function createLoadBalancer(account: Account, req: CreateLoadBalancerRequest): LoadBalancerRecord {
  const { Attributes: _attributes, ...shown } = req;
  return call(account, "CreateLoadBalancer", shown, () => {
    const earlier = req.ClientToken ? account.loadBalancers.find((l) => l.ClientToken === req.ClientToken) : undefined;
    if (earlier) return earlier;
    const resourceGroupId = resourceGroupFor(account, req.ResourceGroupId);
    const id = `lb-${randomChars(23)}`;
    const record: LoadBalancerRecord = {
      LoadBalancerId: id,
      RegionId: req.RegionId,
      Attributes: { ...req.Attributes, id, resource_group_id: resourceGroupId, status: req.Attributes.status ?? "active" },
      Tags: [],
      ...(req.ClientToken ? { ClientToken: req.ClientToken } : {}),
    };
    account.loadBalancers.push(record);
    return record;
  });
}

export function findLoadBalancer(account: Account, regionId: string, id: string): LoadBalancerRecord | undefined {
  return account.loadBalancers.find((l) => l.LoadBalancerId === id && l.RegionId === regionId);
}

function loadBalancerOrRefuse(account: Account, regionId: string, id: string): LoadBalancerRecord {
  const lb = findLoadBalancer(account, regionId, id);
  if (!lb) throw new SlbError("InvalidLoadBalancerId.NotFound", `The load balancer ${id} does not exist.`, 404);
  return lb;
}

export interface LoadBalancerAttribute {
  readonly record: LoadBalancerRecord;
  /** The listeners' ports and protocols, as DescribeLoadBalancerAttribute's ListenerPortsAndProtocol lists them. */
  readonly listenerPortsAndProtocol: { ListenerPort: number; ListenerProtocol: string }[];
}

export function describeLoadBalancerAttribute(account: Account, req: { RegionId: string; LoadBalancerId: string }): LoadBalancerAttribute {
  return call(account, "DescribeLoadBalancerAttribute", { ...req }, () => {
    const record = loadBalancerOrRefuse(account, req.RegionId, req.LoadBalancerId);
    const listenerPortsAndProtocol = account.listeners
      .filter((l) => l.LoadBalancerId === req.LoadBalancerId)
      .map((l) => ({ ListenerPort: l.ListenerPort, ListenerProtocol: l.ListenerProtocol }));
    return { record, listenerPortsAndProtocol };
  });
}

/**
 * One of the Set…/Modify… actions (SetLoadBalancerName, ModifyLoadBalancerInstanceSpec, …):
 * `Params` are what it sends, `Attributes` the Terraform attributes they change.
 */
export function setLoadBalancerAttributes(
  account: Account,
  action: string,
  req: { RegionId: string; LoadBalancerId: string; Params: Record<string, unknown>; Attributes: Record<string, unknown> },
): void {
  if (!LOAD_BALANCER_UPDATE_ACTIONS.includes(action)) throw new Error(`${action} is not a load balancer update action`);
  call(account, action, { RegionId: req.RegionId, LoadBalancerId: req.LoadBalancerId, ...req.Params }, () => {
    const lb = loadBalancerOrRefuse(account, req.RegionId, req.LoadBalancerId);
    lb.Attributes = { ...lb.Attributes, ...req.Attributes };
  });
}

export function deleteLoadBalancer(account: Account, req: { RegionId: string; LoadBalancerId: string }): void {
  call(account, "DeleteLoadBalancer", { ...req }, () => {
    const lb = loadBalancerOrRefuse(account, req.RegionId, req.LoadBalancerId);
    if (lb.Attributes.delete_protection === "on") {
      throw new SlbError("OperationFailed.DeleteProtection", `The load balancer ${req.LoadBalancerId} has deletion protection on.`);
    }
    // Deleting a load balancer deletes its listeners, which let go of their CA certificates.
    for (const l of account.listeners.filter((l) => l.LoadBalancerId === req.LoadBalancerId)) releaseCaCertificate(account, l.CACertificateId, l.ListenerId);
    account.listeners = account.listeners.filter((l) => l.LoadBalancerId !== req.LoadBalancerId);
    account.loadBalancers = account.loadBalancers.filter((l) => l !== lb);
  });
}
