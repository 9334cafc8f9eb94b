/**
 * alicloud_slb_listener, as alicloud/resource_alicloud_slb_listener.go does it
 * at v1.257.0 (all through alibaba-cloud-sdk-go, whose own retry is off):
 *
 * - Create: CreateLoadBalancer<P>Listener (not retried; ServerCertificateId and
 *   CACertificateId for HTTPS only), a wait for status stopped,
 *   StartLoadBalancerListener (retried on ServiceIsConfiguring), a wait for
 *   running, then Update.
 * - Update: SetLoadBalancer<P>ListenerAttribute when an attribute it follows
 *   changed (retried on OperationFailed.ListenerStatusNotSupport);
 *   CACertificateId only for HTTPS, only when ca_certificate_id changed; then Read.
 * - Read: DescribeLoadBalancerAttribute to find the listener (not found: gone),
 *   then Describe<P>ListenerAttribute (retried while SLB is busy).
 * - Delete: the same lookup (not found: done), DeleteLoadBalancerListener
 *   (retried while busy), then Describe until it is gone.
 */
import { describeLoadBalancerAttribute } from "../api/load-balancers";
import {
  ListenerAttributes,
  ListenerKey,
  ListenerRequest,
  createListener,
  deleteListener,
  describeListener,
  setListener,
  startListener,
} from "../api/listeners";
import { CtyObject, CtyValue } from "../cty";
import { SlbError } from "../slb-error";
import { LISTENER_SCHEMA, plannedDefaults } from "./listener-schema";
import { AttributeProblem, ManagedResource, keepingState } from "./resource";
import { SLB_IS_BUSY, isExpectedError, resourceRetry } from "./retry";
import { LEGACY, SlbClient } from "./slb-client";
import { fillUnknowns, getOk, hasChange, known, str } from "./values";
import { scaled, sleep } from "./waits";

/** Fields the provider has Removed: setting them is an error. */
const REMOVED_LISTENER_FIELDS = Object.keys(LISTENER_SCHEMA).filter((name) => LISTENER_SCHEMA[name].removed);
const LISTENER_PROTOCOLS = ["http", "https", "tcp", "udp"];
const FIVE_MINUTES = 5 * 60_000;
/** DefaultTimeout and DefaultTimeoutMedium (alicloud/common.go), and DefaultIntervalShort between Describes. */
const DEFAULT_TIMEOUT_MS = 120_000;
const DEFAULT_TIMEOUT_MEDIUM_MS = 500_000;
const DEFAULT_INTERVAL_SHORT_MS = 5000;

/** Query parameters, as the Go code's requests.CommonRequest holds them. */
type Params = Record<string, string>;

/** d.Get: the value, or the zero value of the attribute's Go type when unset. */
function get(d: CtyObject, name: string): string | number | boolean {
  const v = known<CtyValue>(d[name]);
  if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") return v;
  return { string: "", int: 0, bool: false, set: "", list: "" }[LISTENER_SCHEMA[name].type];
}

function key(region: string, state: CtyObject): ListenerKey {
  return {
    RegionId: region,
    LoadBalancerId: str(state.load_balancer_id)!,
    ListenerProtocol: str(state.protocol)!,
    ListenerPort: known<number>(state.frontend_port)!,
  };
}

function serverCertificateId(d: CtyObject): string {
  return String(get(d, "server_certificate_id") || get(d, "ssl_certificate_id"));
}

/** buildListenerCommonArgs: the parameters every Create and Set request starts with (ListenerPort and LoadBalancerId apart). */
function commonArgs(d: CtyObject): Params {
  const p: Params = {};
  const backend = getOk<number>(d.backend_port);
  if (backend !== undefined) p.BackendServerPort = String(backend);
  const bandwidth = getOk<number>(d.bandwidth);
  if (bandwidth !== undefined) p.Bandwidth = String(bandwidth);
  const optional: [string, string][] = [
    ["server_group_id", "VServerGroupId"],
    ["master_slave_server_group_id", "MasterSlaveServerGroupId"],
    ["acl_status", "AclStatus"],
    ["acl_type", "AclType"],
  ];
  for (const [attribute, param] of optional) {
    const v = getOk<string>(d[attribute]);
    if (v) p[param] = v;
  }
  const aclIds = getOk<CtyValue[]>(d.acl_ids);
  if (aclIds) p.AclId = aclIds.join(",");
  else if (getOk<string>(d.acl_id)) p.AclId = str(d.acl_id)!;
  for (const [attribute, param] of [
    ["description", "Description"],
    ["scheduler", "Scheduler"],
  ]) {
    const v = getOk<string>(d[attribute]);
    if (v) p[param] = v;
  }
  if (known<boolean>(d.proxy_protocol_v2_enabled) === true) p.ProxyProtocolV2Enabled = "true";
  return p;
}

/** getHealthCheckHttpCodeValue: the configured codes, else http_2xx. */
function healthCheckHttpCode(d: CtyObject): string {
  return getOk<string>(d.health_check_http_code) ?? "http_2xx";
}

/** buildHttpListenerArgs: adds to `p` (the same request, as in Go); an error when sticky sessions lack their settings. */
function httpListenerArgs(d: CtyObject, p: Params): Error | undefined {
  const sticky = String(get(d, "sticky_session"));
  const healthCheck = String(get(d, "health_check"));
  p.StickySession = sticky;
  p.HealthCheck = healthCheck;
  p.RequestTimeout = String(get(d, "request_timeout"));
  p.IdleTimeout = String(get(d, "idle_timeout"));
  if (sticky === "on") {
    const type = getOk<string>(d.sticky_session_type);
    if (!type) return new Error("'sticky_session_type': required field is not set when the StickySession is on.");
    p.StickySessionType = type;
    if (type === "insert") {
      const timeout = getOk<number>(d.cookie_timeout);
      if (!timeout) return new Error("'cookie_timeout': required field is not set when the StickySession is on and StickySessionType is insert.");
      p.CookieTimeout = String(timeout);
    } else {
      const cookie = getOk<string>(d.cookie);
      if (!cookie) return new Error("'cookie': required field is not set when the StickySession is on and StickySessionType is server.");
      p.Cookie = cookie;
    }
  }
  if (healthCheck === "on") {
    p.HealthCheckURI = String(get(d, "health_check_uri"));
    const port = getOk<number>(d.health_check_connect_port);
    if (port !== undefined) p.HealthCheckConnectPort = String(port);
    p.HealthyThreshold = String(get(d, "healthy_threshold"));
    p.UnhealthyThreshold = String(get(d, "unhealthy_threshold"));
    p.HealthCheckTimeout = String(get(d, "health_check_timeout"));
    p.HealthCheckInterval = String(get(d, "health_check_interval"));
    p.HealthCheckHttpCode = healthCheckHttpCode(d);
    const method = getOk<string>(d.health_check_method);
    if (["http", "https"].includes(String(get(d, "protocol"))) && method) p.HealthCheckMethod = method;
  }
  return undefined;
}

/** buildHttpForwardArgs (listener_forward on): no sticky session, no health check; the backend port goes under an empty name when set (sic). */
function httpForwardArgs(d: CtyObject, p: Params): void {
  p.StickySession = "off";
  p.HealthCheck = "off";
  p.ListenerForward = "on";
  const backend = getOk<number>(d.backend_port);
  if (backend !== undefined) p[""] = String(backend);
  else p.BackendServerPort = "80";
  const forward = getOk<number>(d.forward_port);
  if (forward !== undefined) p.ForwardPort = String(forward);
}

/** SlbService.DescribeSlbListener: retried for 5 minutes while SLB is busy; undefined when it does not exist. */
async function describeSlbListener(client: SlbClient, k: ListenerKey): Promise<ListenerAttributes | undefined> {
  try {
    return await resourceRetry({ retryable: (e) => isExpectedError(e, SLB_IS_BUSY, "legacy"), timeoutMs: FIVE_MINUTES }, () =>
      client.request(LEGACY, (a) => describeListener(a, k)),
    );
  } catch (error) {
    if (isExpectedError(error, ["The specified resource does not exist"], "legacy")) return undefined;
    throw error;
  }
}

/** WaitForSlbListener: Describe every 5 s until the status is `status` (or, for "deleted", until it is gone). */
async function waitForListener(client: SlbClient, k: ListenerKey, status: "stopped" | "running" | "deleted", timeoutMs: number): Promise<void> {
  const deadline = Date.now() + scaled(timeoutMs);
  for (;;) {
    const found = await describeSlbListener(client, k);
    if (status === "deleted" ? !found : String(found?.Status ?? "").toLowerCase() === status) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for listener ${k.LoadBalancerId}:${k.ListenerProtocol}:${k.ListenerPort} to be ${status}`);
    await sleep(DEFAULT_INTERVAL_SHORT_MS);
  }
}

/** SlbService.DescribeSlb: DescribeLoadBalancerAttribute; undefined when the load balancer is gone. */
async function describeSlb(client: SlbClient, loadBalancerId: string) {
  try {
    return await client.request(LEGACY, (a) => describeLoadBalancerAttribute(a, { RegionId: client.region, LoadBalancerId: loadBalancerId }));
  } catch (error) {
    if (isExpectedError(error, ["InvalidLoadBalancerId.NotFound"], "legacy")) return undefined;
    throw error;
  }
}

/** parseListenerId: DescribeSlb, and whether it lists the listener; false when the load balancer is gone too. */
async function listenerListed(client: SlbClient, k: ListenerKey): Promise<boolean> {
  const found = await describeSlb(client, k.LoadBalancerId);
  return !!found?.listenerPortsAndProtocol.some((l) => l.ListenerPort === k.ListenerPort && l.ListenerProtocol === k.ListenerProtocol);
}

/** readListener: which answer field sets which attribute (a field absent from the answer leaves the attribute as it was). */
const READ_FIELDS: readonly (readonly [string, string])[] = [
  ["BackendServerPort", "backend_port"],
  ["ListenerPort", "frontend_port"],
  ["Bandwidth", "bandwidth"],
  ["Scheduler", "scheduler"],
  ["VServerGroupId", "server_group_id"],
  ["MasterSlaveServerGroupId", "master_slave_server_group_id"],
  ["AclStatus", "acl_status"],
  ["AclType", "acl_type"],
  ["AclId", "acl_id"],
  ["HealthCheck", "health_check"],
  ["StickySession", "sticky_session"],
  ["StickySessionType", "sticky_session_type"],
  ["CookieTimeout", "cookie_timeout"],
  ["Cookie", "cookie"],
  ["PersistenceTimeout", "persistence_timeout"],
  ["HealthCheckType", "health_check_type"],
  ["EstablishedTimeout", "established_timeout"],
  ["HealthCheckDomain", "health_check_domain"],
  ["HealthCheckMethod", "health_check_method"],
  ["HealthCheckConnectPort", "health_check_connect_port"],
  ["HealthCheckURI", "health_check_uri"],
  ["HealthyThreshold", "healthy_threshold"],
  ["UnhealthyThreshold", "unhealthy_threshold"],
  ["HealthCheckTimeout", "health_check_timeout"],
  ["HealthCheckConnectTimeout", "health_check_timeout"],
  ["HealthCheckInterval", "health_check_interval"],
  ["HealthCheckHttpCode", "health_check_http_code"],
  ["ServerCertificateId", "ssl_certificate_id"],
  ["ServerCertificateId", "server_certificate_id"],
  ["CACertificateId", "ca_certificate_id"],
  ["EnableHttp2", "enable_http2"],
  ["TLSCipherPolicy", "tls_cipher_policy"],
  ["IdleTimeout", "idle_timeout"],
  ["RequestTimeout", "request_timeout"],
  ["ListenerForward", "listener_forward"],
  ["ForwardPort", "forward_port"],
  ["Description", "description"],
  ["ProxyProtocolV2Enabled", "proxy_protocol_v2_enabled"],
];

/** readListener: the state `d` with what Describe<P>ListenerAttribute answered. */
function readListener(d: CtyObject, answer: ListenerAttributes): CtyObject {
  const out: CtyObject = { ...d };
  for (const [field, attribute] of READ_FIELDS) if (field in answer) out[attribute] = answer[field] as CtyValue;
  const aclIds = (answer.AclIds as { AclId?: string[] } | undefined)?.AclId;
  if (aclIds) out.acl_ids = aclIds;
  if ("Gzip" in answer) out.gzip = answer.Gzip === "on";
  const xff: CtyObject = {};
  const flags: [string, string][] = [
    ["XForwardedFor", "retrive_client_ip"],
    ["XForwardedFor_SLBIP", "retrive_slb_ip"],
    ["XForwardedFor_SLBID", "retrive_slb_id"],
    ["XForwardedFor_proto", "retrive_slb_proto"],
  ];
  for (const [field, attribute] of flags) if (field in answer) xff[attribute] = answer[field] === "on";
  // d.Set of a map with fewer keys: the block's other attributes read as false.
  if (Object.keys(xff).length > 0)
    out.x_forwarded_for = [{ retrive_client_ip: false, retrive_slb_ip: false, retrive_slb_id: false, retrive_slb_proto: false, ...xff }];
  return out;
}

async function read(client: SlbClient, state: CtyObject): Promise<CtyObject | null> {
  const k = key(client.region, state);
  if (!(await listenerListed(client, k))) return null;
  const answer = await describeSlbListener(client, k);
  if (!answer || !(Number(answer.ListenerPort) > 0)) return null;
  return readListener({ ...state, id: `${k.LoadBalancerId}:${k.ListenerProtocol}:${k.ListenerPort}` }, answer);
}

/** The request of a Create or Set action: the key, the certificates (HTTPS) and the other parameters. */
function request(region: string, d: CtyObject, params: Params, certificates: { server?: string; ca?: string }): ListenerRequest {
  const { ListenerProtocol, ...k } = key(region, d);
  return { ...k, ListenerProtocol, ServerCertificateId: certificates.server, CACertificateId: certificates.ca, Params: params };
}

/** resourceAliCloudSlbListenerUpdate: the Set<P>ListenerAttribute request, or undefined when nothing it follows changed. */
async function updateRequest(client: SlbClient, prior: CtyObject | null, d: CtyObject): Promise<ListenerRequest | undefined> {
  const changed = (attribute: string) => hasChange(prior, d, attribute);
  const protocol = String(get(d, "protocol"));
  // One request object throughout: httpArgs, tcpArgs, udpArgs and httpsArgs are all commonRequest in Go.
  const p = commonArgs(d);
  let update = changed("description");
  if (changed("scheduler")) p.Scheduler = String(get(d, "scheduler"));
  for (const [attribute, flag, id] of [
    ["server_group_id", "VServerGroup", "VServerGroupId"],
    ["master_slave_server_group_id", "MasterSlaveServerGroup", "MasterSlaveServerGroupId"],
  ]) {
    if (!changed(attribute)) continue;
    const group = String(get(d, attribute));
    p[flag] = group !== "" ? "on" : "off";
    if (group !== "") p[id] = group;
  }
  if (changed("bandwidth")) p.Bandwidth = String(get(d, "bandwidth"));
  if (changed("acl_status")) p.AclStatus = String(get(d, "acl_status"));
  if (changed("acl_type")) p.AclType = String(get(d, "acl_type"));
  if (changed("acl_id")) p.AclId = String(get(d, "acl_id"));
  if (changed("acl_ids")) p.AclId = (known<CtyValue[]>(d.acl_ids) ?? []).join(",");
  if (changed("proxy_protocol_v2_enabled")) p.ProxyProtocolV2Enabled = String(get(d, "proxy_protocol_v2_enabled"));
  update ||= [
    "server_group_id",
    "master_slave_server_group_id",
    "scheduler",
    "bandwidth",
    "acl_status",
    "acl_type",
    "acl_id",
    "acl_ids",
    "proxy_protocol_v2_enabled",
  ].some(changed);
  const httpError = httpListenerArgs(d, p);
  if ((protocol === "http" || protocol === "https") && httpError) throw httpError;
  update ||= ["sticky_session", "sticky_session_type", "cookie_timeout", "cookie", "health_check"].some(changed);
  p.Gzip = get(d, "gzip") ? "on" : "off";
  const xff = known<CtyObject[]>(d.x_forwarded_for) ?? [];
  if (xff.length > 0 && (protocol === "http" || protocol === "https")) {
    p.XForwardedFor_SLBIP = xff[0].retrive_slb_ip === true ? "on" : "off";
    p.XForwardedFor_SLBID = xff[0].retrive_slb_id === true ? "on" : "off";
    p.XForwardedFor_proto = xff[0].retrive_slb_proto === true ? "on" : "off";
  }
  update ||= ["gzip", "x_forwarded_for", "idle_timeout", "request_timeout", "health_check_method"].some(changed);
  const numeric: [string, string][] = [
    ["unhealthy_threshold", "UnhealthyThreshold"],
    ["healthy_threshold", "HealthyThreshold"],
    ["health_check_timeout", "HealthCheckConnectTimeout"],
    ["health_check_interval", "HealthCheckInterval"],
  ];
  for (const [attribute, param] of numeric) if (changed(attribute)) p[param] = String(get(d, attribute));
  update ||= numeric.some(([attribute]) => changed(attribute));
  if (changed("health_check_connect_port") && getOk<number>(d.health_check_connect_port) !== undefined) {
    p.HealthCheckConnectPort = String(get(d, "health_check_connect_port"));
    update = true;
  }
  if (changed("persistence_timeout")) p.PersistenceTimeout = String(get(d, "persistence_timeout"));
  update ||= changed("persistence_timeout") || changed("health_check_domain");
  const domain = getOk<string>(d.health_check_domain);
  if (domain) p.HealthCheckDomain = domain;
  if (changed("health_check_uri")) p.HealthCheckURI = String(get(d, "health_check_uri"));
  if (changed("health_check_http_code")) p.HealthCheckHttpCode = healthCheckHttpCode(d);
  if (changed("health_check_type")) p.HealthCheckType = String(get(d, "health_check_type"));
  if (changed("established_timeout")) p.EstablishedTimeout = String(get(d, "established_timeout"));
  update ||= ["health_check_uri", "health_check_http_code", "health_check_type", "established_timeout"].some(changed);
  const certificates: { server?: string; ca?: string } = {};
  if (protocol === "https") {
    certificates.server = serverCertificateId(d);
    if (!certificates.server) throw new Error("'server_certificate_id': required field is not set when the protocol is 'https'.");
    update ||= changed("ssl_certificate_id") || changed("server_certificate_id");
    if (changed("enable_http2")) {
      p.EnableHttp2 = String(get(d, "enable_http2"));
      update = true;
    }
    if (changed("tls_cipher_policy")) {
      // Shared-performance instances (no LoadBalancerSpec) cannot change it; a new listener on the default is let through.
      const found = await describeSlb(client, String(get(d, "load_balancer_id")));
      if (!found) throw new SlbError("InvalidLoadBalancerId.NotFound", `The load balancer ${String(get(d, "load_balancer_id"))} does not exist.`, 404);
      const policy = String(get(d, "tls_cipher_policy"));
      if (!str(found.record.Attributes.load_balancer_spec as CtyValue)) {
        if (prior !== null || policy !== "tls_cipher_policy_1_0") {
          throw new Error('Currently the param "tls_cipher_policy" can not be updated when load balancer instance is "Shared-Performance".');
        }
      } else {
        p.TLSCipherPolicy = policy;
        update = true;
      }
    }
    if (changed("ca_certificate_id")) {
      certificates.ca = String(get(d, "ca_certificate_id"));
      update = true;
    }
  }
  return update ? request(client.region, d, p, certificates) : undefined;
}

async function update(client: SlbClient, prior: CtyObject | null, planned: CtyObject): Promise<CtyObject | null> {
  const id = `${str(planned.load_balancer_id)}:${str(planned.protocol)}:${known<number>(planned.frontend_port)}`;
  const saved: CtyObject = prior ?? { ...fillUnknowns(planned, {}), id };
  await keepingState(
    () => saved,
    async () => {
      const req = await updateRequest(client, prior, planned);
      if (!req) return;
      await resourceRetry({ retryable: (e) => isExpectedError(e, ["OperationFailed.ListenerStatusNotSupport"], "legacy"), timeoutMs: FIVE_MINUTES }, () =>
        client.request(LEGACY, (a) => setListener(a, req)),
      );
    },
  );
  const after = await keepingState(
    () => saved,
    () => read(client, fillUnknowns(planned, { id })),
  );
  // The SDK's new state is d after the Read: what it read wins over the plan (legacy type system), e.g. the
  // x_forwarded_for block left out of the configuration, planned empty, read with SLB's values.
  return after;
}

export const listener: ManagedResource = {
  forceNew: ["load_balancer_id", "frontend_port", "protocol", "backend_port"],
  aliases: [
    ["server_certificate_id", "ssl_certificate_id"],
    ["ssl_certificate_id", "server_certificate_id"],
  ],
  errorAttributes: {
    "CACertificateId.NotFound": "ca_certificate_id",
    "ServerCertificateId.NotFound": "server_certificate_id",
    MissingParameter: "server_certificate_id",
    "InvalidLoadBalancerId.NotFound": "load_balancer_id",
    ListenerAlreadyExists: "frontend_port",
  },
  validate(config): AttributeProblem[] {
    const problems: AttributeProblem[] = REMOVED_LISTENER_FIELDS.filter((f) => config[f] !== null && config[f] !== undefined).map((f) => ({
      attribute: f,
      summary: "Removed attribute",
      detail: `"${f}" has been removed from alicloud_slb_listener; use frontend_port, backend_port and protocol.`,
    }));
    const protocol = str(config.protocol);
    if (protocol !== undefined && !LISTENER_PROTOCOLS.includes(protocol)) {
      problems.push({
        attribute: "protocol",
        summary: "Invalid protocol",
        detail: `expected protocol to be one of ${LISTENER_PROTOCOLS.join(", ")}, got ${protocol}`,
      });
    }
    return problems;
  },
  plannedValues: plannedDefaults,
  async create(client, planned) {
    const protocol = str(planned.protocol)!;
    const d = planned;
    const p = commonArgs(d);
    const certificates: { server?: string; ca?: string } = {};
    if (protocol === "http" || protocol === "https") {
      if (str(d.listener_forward) === "on") httpForwardArgs(d, p);
      else {
        const error = httpListenerArgs(d, p);
        if (error) throw error;
      }
      if (protocol === "https") {
        certificates.server = serverCertificateId(d);
        if (!certificates.server) throw new Error(`'server_certificate_id': required field is not set when the protocol is 'https'.`);
        const ca = getOk<string>(d.ca_certificate_id);
        if (ca) certificates.ca = ca;
      }
    }
    const k = key(client.region, planned);
    await client.request(LEGACY, (a) => createListener(a, request(client.region, d, p, certificates)));
    const created: CtyObject = { ...fillUnknowns(planned, {}), id: `${k.LoadBalancerId}:${k.ListenerProtocol}:${k.ListenerPort}` };
    await keepingState(
      () => created,
      async () => {
        await waitForListener(client, k, "stopped", DEFAULT_TIMEOUT_MS);
        await resourceRetry({ retryable: (e) => isExpectedError(e, ["ServiceIsConfiguring"], "legacy"), timeoutMs: FIVE_MINUTES }, () =>
          client.request(LEGACY, (a) => startListener(a, k)),
        );
        await waitForListener(client, k, "running", DEFAULT_TIMEOUT_MS);
      },
    );
    if (str(planned.listener_forward) === "on") {
      const after = await keepingState(
        () => created,
        () => read(client, created),
      );
      return after;
    }
    return update(client, null, planned);
  },
  read(client, prior) {
    return read(client, prior);
  },
  update(client, prior, planned) {
    return update(client, prior, planned);
  },
  async delete(client, prior) {
    const k = key(client.region, prior);
    if (!(await listenerListed(client, k))) return;
    if (known<boolean>(prior.delete_protection_validation) === true) {
      const found = await describeSlb(client, k.LoadBalancerId);
      if (!found) return;
      if (found.record.Attributes.delete_protection === "on") {
        throw new Error(
          `Current listener's SLB Instance ${k.LoadBalancerId} has enabled DeleteProtection. Please set delete_protection_validation to false to delete the listener resource.`,
        );
      }
    }
    await resourceRetry({ retryable: (e) => isExpectedError(e, SLB_IS_BUSY, "legacy"), timeoutMs: FIVE_MINUTES }, () =>
      client.request(LEGACY, (a) => deleteListener(a, k)),
    );
    await waitForListener(client, k, "deleted", DEFAULT_TIMEOUT_MEDIUM_MS);
  },
};
