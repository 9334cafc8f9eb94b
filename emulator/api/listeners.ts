/**
 * SLB's listener actions: CreateLoadBalancer<P>Listener,
 * StartLoadBalancerListener, DescribeLoadBalancer<P>ListenerAttribute,
 * SetLoadBalancer<P>ListenerAttribute and DeleteLoadBalancerListener, for
 * P in HTTP, HTTPS, TCP and UDP. Only the HTTPS actions take a CACertificateId.
 * A listener's settings are kept by their parameter names (Scheduler,
 * TLSCipherPolicy …) and answered by Describe<P>ListenerAttribute, with SLB's
 * defaults for those the request left out.
 */
import { Account, ListenerRecord, call } from "../account";
import { SlbError } from "../slb-error";
import { findCaCertificate, releaseCaCertificate } from "./ca-certificates";
import { findLoadBalancer } from "./load-balancers";
import { findServerCertificate } from "./server-certificates";

export interface ListenerRequest {
  readonly RegionId: string;
  readonly LoadBalancerId: string;
  /** http, https, tcp or udp, as the provider's ID spells it: it names the action (Create…<P>Listener), it is no parameter of it. */
  readonly ListenerProtocol: string;
  readonly ListenerPort: number;
  readonly ServerCertificateId?: string;
  readonly CACertificateId?: string;
  /** The action's other query parameters (Scheduler, HealthCheck, TLSCipherPolicy …), as strings, as the provider sends them. */
  readonly Params?: Readonly<Record<string, string>>;
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

/**
 * What the call log shows: the parameters sent (RegionId, LoadBalancerId, ListenerPort, the others); no
 * ListenerProtocol (the action names it); CACertificateId only where the action has it (HTTPS).
 */
function listenerParams(req: ListenerRequest): Record<string, unknown> {
  const { ListenerProtocol, CACertificateId, Params, ServerCertificateId } = req;
  return {
    RegionId: req.RegionId,
    LoadBalancerId: req.LoadBalancerId,
    ListenerPort: req.ListenerPort,
    ...Params,
    ...(ServerCertificateId !== undefined ? { ServerCertificateId } : {}),
    ...(ListenerProtocol === "https" && CACertificateId !== undefined ? { CACertificateId } : {}),
  };
}

/** Parameters the reference types Integer: the Describe answers give them as numbers. */
const INTEGER_SETTINGS = new Set([
  "BackendServerPort",
  "Bandwidth",
  "CookieTimeout",
  "PersistenceTimeout",
  "EstablishedTimeout",
  "HealthCheckConnectPort",
  "HealthyThreshold",
  "UnhealthyThreshold",
  "HealthCheckTimeout",
  "HealthCheckConnectTimeout",
  "HealthCheckInterval",
  "IdleTimeout",
  "RequestTimeout",
  "ForwardPort",
]);

/**
 * What SLB holds for a setting the Create…Listener request left out: the defaults its reference gives
 * (Create<P>Listener, "Default value"), for the settings the provider reads back.
 */
const EVERY_PROTOCOL_DEFAULTS = { Bandwidth: -1, Scheduler: "wrr", AclStatus: "off" };
const HTTP_AND_HTTPS_DEFAULTS = {
  ...EVERY_PROTOCOL_DEFAULTS,
  XForwardedFor: "on",
  XForwardedFor_SLBIP: "off",
  XForwardedFor_SLBID: "off",
  XForwardedFor_proto: "off",
  Gzip: "on",
  IdleTimeout: 15,
  RequestTimeout: 60,
  HealthCheckMethod: "head",
  HealthCheckHttpCode: "http_2xx",
};
const CLOUD_DEFAULTS: Readonly<Record<string, Readonly<Record<string, string | number>>>> = {
  http: { ...HTTP_AND_HTTPS_DEFAULTS, ListenerForward: "off" },
  https: { ...HTTP_AND_HTTPS_DEFAULTS, EnableHttp2: "on", TLSCipherPolicy: "tls_cipher_policy_1_0" },
  tcp: { ...EVERY_PROTOCOL_DEFAULTS, PersistenceTimeout: 0, EstablishedTimeout: 900, HealthCheckType: "tcp" },
  udp: { ...EVERY_PROTOCOL_DEFAULTS, PersistenceTimeout: 0 },
};

/** Parameters the reference types Boolean. */
const BOOLEAN_SETTINGS = new Set(["ProxyProtocolV2Enabled"]);

/** The settings a request carries, typed as the Describe answers give them. Empty values (and names) are not settings. */
function settings(params: Readonly<Record<string, string>> = {}): Record<string, string | number | boolean> {
  return Object.fromEntries(
    Object.entries(params)
      .filter(([k, v]) => k !== "" && v !== "")
      .map(([k, v]) => [k, INTEGER_SETTINGS.has(k) ? Number(v) : BOOLEAN_SETTINGS.has(k) ? v === "true" : v]),
  );
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
      Attributes: { ...CLOUD_DEFAULTS[req.ListenerProtocol], ...settings(req.Params) },
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

/** Describe<P>ListenerAttribute's answer: the listener's settings, its ports and status, and (HTTPS) its certificates. */
export type ListenerAttributes = Readonly<Record<string, unknown>>;

/** Describe<P>ListenerAttribute: LoadBalancerId and ListenerPort are its parameters (the action names the protocol). */
export function describeListener(account: Account, key: ListenerKey): ListenerAttributes {
  const { ListenerProtocol: _protocol, ...shown } = key;
  return call(account, protocolAction("DescribeLoadBalancer", key.ListenerProtocol), shown, () => {
    const l = listenerOrRefuse(account, key);
    const aclId = typeof l.Attributes.AclId === "string" ? l.Attributes.AclId : undefined;
    return {
      ...l.Attributes,
      ...(aclId ? { AclIds: { AclId: aclId.split(",") } } : {}),
      ListenerPort: l.ListenerPort,
      Status: l.Status ?? "running",
      ...(l.ListenerProtocol === "https" && l.ServerCertificateId ? { ServerCertificateId: l.ServerCertificateId } : {}),
      ...(l.ListenerProtocol === "https" && l.CACertificateId ? { CACertificateId: l.CACertificateId } : {}),
    } as ListenerAttributes;
  });
}

export function setListener(account: Account, req: ListenerRequest): ListenerRecord {
  return call(account, protocolAction("SetLoadBalancer", req.ListenerProtocol), listenerParams(req), () => {
    const listener = listenerOrRefuse(account, req);
    checkListenerReferences(account, req);
    if (req.ServerCertificateId !== undefined) listener.ServerCertificateId = req.ServerCertificateId;
    if (req.ListenerProtocol === "https" && req.CACertificateId !== undefined && req.CACertificateId !== (listener.CACertificateId ?? "")) {
      releaseCaCertificate(account, listener.CACertificateId, listener.ListenerId);
      listener.CACertificateId = req.CACertificateId || undefined;
    }
    listener.Attributes = { ...listener.Attributes, ...settings(req.Params) };
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
