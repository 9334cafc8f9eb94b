/**
 * SLB's listener actions: CreateLoadBalancer<P>Listener,
 * StartLoadBalancerListener, DescribeLoadBalancer<P>ListenerAttribute,
 * SetLoadBalancer<P>ListenerAttribute and DeleteLoadBalancerListener, for
 * P in HTTP, HTTPS, TCP and UDP. Only the HTTPS actions take a CACertificateId.
 */
import { Account, ListenerRecord, call } from "../account";
import { SlbError } from "../slb-error";
import { findCaCertificate, releaseCaCertificate } from "./ca-certificates";
import { findLoadBalancer } from "./load-balancers";
import { findServerCertificate } from "./server-certificates";

export interface ListenerRequest {
  readonly RegionId: string;
  readonly LoadBalancerId: string;
  /** http, https, tcp or udp, as the provider's ID spells it. */
  readonly ListenerProtocol: string;
  readonly ListenerPort: number;
  readonly ServerCertificateId?: string;
  readonly CACertificateId?: string;
  readonly Attributes: Record<string, unknown>;
}

export interface ListenerKey {
  readonly RegionId: string;
  readonly LoadBalancerId: string;
  readonly ListenerProtocol: string;
  readonly ListenerPort: number;
}

function protocolAction(verb: "CreateLoadBalancer" | "SetLoadBalancer" | "DescribeLoadBalancer", protocol: string): string {
  return `${verb}${protocol.toUpperCase()}Listener${verb === "CreateLoadBalancer" ? "" : "Attribute"}`;
}

function listenerId(key: ListenerKey): string {
  return `${key.LoadBalancerId}:${key.ListenerProtocol}:${key.ListenerPort}`;
}

/** The references a listener makes must exist: load balancer, server certificate, CA certificate. */
function checkListenerReferences(account: Account, req: ListenerRequest): void {
  if (!findLoadBalancer(account, req.RegionId, req.LoadBalancerId)) {
    throw new SlbError("InvalidLoadBalancerId.NotFound", `The load balancer ${req.LoadBalancerId} does not exist.`, 404);
  }
  if (req.ListenerProtocol === "https") {
    if (!req.ServerCertificateId) throw new SlbError("MissingParameter", "An HTTPS listener needs ServerCertificateId.");
    if (!findServerCertificate(account, req.RegionId, req.ServerCertificateId)) {
      throw new SlbError("ServerCertificateId.NotFound", `The server certificate ${req.ServerCertificateId} does not exist.`, 404);
    }
    if (req.CACertificateId) findCaCertificate(account, req.RegionId, req.CACertificateId);
  }
}

/** What the call log shows: the API parameters; CACertificateId only where the action has it (HTTPS). */
function listenerParams(req: ListenerRequest): Record<string, unknown> {
  const { Attributes: _attributes, CACertificateId, ...shown } = req;
  return req.ListenerProtocol === "https" && CACertificateId !== undefined ? { ...shown, CACertificateId } : shown;
}

export function createListener(account: Account, req: ListenerRequest): ListenerRecord {
  return call(account, protocolAction("CreateLoadBalancer", req.ListenerProtocol), listenerParams(req), () => {
    checkListenerReferences(account, req);
    if (account.listeners.some((l) => l.LoadBalancerId === req.LoadBalancerId && l.ListenerPort === req.ListenerPort)) {
      throw new SlbError("ListenerAlreadyExists", `The load balancer ${req.LoadBalancerId} has a listener on port ${req.ListenerPort} already.`);
    }
    const record: ListenerRecord = {
      ListenerId: listenerId(req),
      LoadBalancerId: req.LoadBalancerId,
      ListenerProtocol: req.ListenerProtocol,
      ListenerPort: req.ListenerPort,
      RegionId: req.RegionId,
      ServerCertificateId: req.ServerCertificateId,
      CACertificateId: req.ListenerProtocol === "https" ? req.CACertificateId || undefined : undefined,
      Status: "stopped",
      Attributes: req.Attributes,
    };
    account.listeners.push(record);
    return record;
  });
}

export function findListener(account: Account, regionId: string, id: string): ListenerRecord | undefined {
  return account.listeners.find((l) => l.ListenerId === id && l.RegionId === regionId);
}

/** The listener, or SLB's "does not exist" (the provider recognises it by this message). */
function listenerOrRefuse(account: Account, key: ListenerKey): ListenerRecord {
  const found = findListener(account, key.RegionId, listenerId(key));
  if (!found) throw new SlbError("ListenerNotFound", "The specified resource does not exist.", 404);
  return found;
}

export function startListener(account: Account, key: ListenerKey): void {
  call(account, "StartLoadBalancerListener", { ...key }, () => {
    listenerOrRefuse(account, key).Status = "running";
  });
}

export function describeListener(account: Account, key: ListenerKey): ListenerRecord {
  const { ListenerProtocol: _protocol, ...shown } = key;
  return call(account, protocolAction("DescribeLoadBalancer", key.ListenerProtocol), shown, () => listenerOrRefuse(account, key));
}

export function setListener(account: Account, req: ListenerRequest): ListenerRecord {
  return call(account, protocolAction("SetLoadBalancer", req.ListenerProtocol), listenerParams(req), () => {
    const listener = listenerOrRefuse(account, req);
    checkListenerReferences(account, req);
    listener.ServerCertificateId = req.ServerCertificateId;
    if (req.ListenerProtocol === "https" && req.CACertificateId !== undefined && req.CACertificateId !== (listener.CACertificateId ?? "")) {
      releaseCaCertificate(account, listener.CACertificateId, listener.ListenerId);
      listener.CACertificateId = req.CACertificateId || undefined;
    }
    listener.Attributes = req.Attributes;
    return listener;
  });
}

export function deleteListener(account: Account, key: ListenerKey): void {
  call(account, "DeleteLoadBalancerListener", { ...key }, () => {
    const listener = listenerOrRefuse(account, key);
    releaseCaCertificate(account, listener.CACertificateId, listener.ListenerId);
    account.listeners = account.listeners.filter((l) => l !== listener);
  });
}
