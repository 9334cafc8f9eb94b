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
import { ListenerRecord } from "../account";
import { describeLoadBalancerAttribute } from "../api/load-balancers";
import { ListenerKey, ListenerRequest, createListener, deleteListener, describeListener, setListener, startListener } from "../api/listeners";
import { CtyObject, CtyValue, isUnknown } from "../cty";
import { AttributeProblem, ManagedResource, keepingState } from "./resource";
import { SLB_IS_BUSY, isExpectedError, resourceRetry } from "./retry";
import { LEGACY, SlbClient } from "./slb-client";
import { fillUnknowns, hasChange, known, str } from "./values";
import { scaled, sleep } from "./waits";

/** Fields the provider has Removed: setting them is an error. */
const REMOVED_LISTENER_FIELDS = ["lb_port", "instance_port", "lb_protocol"];
const LISTENER_PROTOCOLS = ["http", "https", "tcp", "udp"];
const FIVE_MINUTES = 5 * 60_000;
/** DefaultTimeout and DefaultTimeoutMedium (alicloud/common.go), and DefaultIntervalShort between Describes. */
const DEFAULT_TIMEOUT_MS = 120_000;
const DEFAULT_TIMEOUT_MEDIUM_MS = 500_000;
const DEFAULT_INTERVAL_SHORT_MS = 5000;

/** The attributes whose change makes Update send Set<P>ListenerAttribute (every protocol; the HTTPS ones below). */
const UPDATE_FOLLOWS = [
  "description",
  "scheduler",
  "server_group_id",
  "master_slave_server_group_id",
  "bandwidth",
  "acl_status",
  "acl_type",
  "acl_id",
  "acl_ids",
  "proxy_protocol_v2_enabled",
  "sticky_session",
  "sticky_session_type",
  "cookie_timeout",
  "cookie",
  "health_check",
  "gzip",
  "x_forwarded_for",
  "idle_timeout",
  "request_timeout",
  "health_check_method",
  "unhealthy_threshold",
  "healthy_threshold",
  "health_check_timeout",
  "health_check_interval",
  "persistence_timeout",
  "health_check_domain",
  "health_check_uri",
  "health_check_http_code",
  "health_check_type",
  "established_timeout",
];
const HTTPS_UPDATE_FOLLOWS = ["ssl_certificate_id", "server_certificate_id", "enable_http2", "tls_cipher_policy", "ca_certificate_id"];

function key(region: string, state: CtyObject): ListenerKey {
  return {
    RegionId: region,
    LoadBalancerId: str(state.load_balancer_id)!,
    ListenerProtocol: str(state.protocol)!,
    ListenerPort: known<number>(state.frontend_port)!,
  };
}

/** The known attributes of a planned state (what a Set action records). */
function knownOnly(planned: CtyObject): CtyObject {
  return Object.fromEntries(Object.entries(planned).filter(([, v]) => !isUnknown(v)));
}

function serverCertificateId(state: CtyObject): string | undefined {
  return str(state.server_certificate_id) || str(state.ssl_certificate_id) || undefined;
}

/** SlbService.DescribeSlbListener: retried for 5 minutes while SLB is busy; undefined when it does not exist. */
async function describeSlbListener(client: SlbClient, k: ListenerKey): Promise<ListenerRecord | undefined> {
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
    if (status === "deleted" ? !found : (found?.Status ?? "running") === status) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for listener ${k.LoadBalancerId}:${k.ListenerProtocol}:${k.ListenerPort} to be ${status}`);
    await sleep(DEFAULT_INTERVAL_SHORT_MS);
  }
}

/** parseListenerId: DescribeLoadBalancerAttribute, and whether it lists the listener; false when the load balancer is gone too. */
async function listenerListed(client: SlbClient, k: ListenerKey): Promise<boolean> {
  try {
    const { listenerPortsAndProtocol } = await client.request(LEGACY, (a) =>
      describeLoadBalancerAttribute(a, { RegionId: client.region, LoadBalancerId: k.LoadBalancerId }),
    );
    return listenerPortsAndProtocol.some((l) => l.ListenerPort === k.ListenerPort && l.ListenerProtocol === k.ListenerProtocol);
  } catch (error) {
    if (isExpectedError(error, ["InvalidLoadBalancerId.NotFound"], "legacy")) return false;
    throw error;
  }
}

async function read(client: SlbClient, state: CtyObject): Promise<CtyObject | null> {
  const k = key(client.region, state);
  if (!(await listenerListed(client, k))) return null;
  const record = await describeSlbListener(client, k);
  if (!record) return null;
  // readListener sets ca_certificate_id and server_certificate_id only when the answer has them (HTTPS).
  const https = record.ListenerProtocol === "https";
  return {
    ...state,
    ...(record.Attributes as CtyObject),
    ...(https ? { server_certificate_id: record.ServerCertificateId ?? null, ssl_certificate_id: record.ServerCertificateId ?? null } : {}),
    ...(https && record.CACertificateId ? { ca_certificate_id: record.CACertificateId } : {}),
  };
}

/** The request a Create or Set<P>ListenerAttribute sends; CACertificateId when `withCa`. */
function request(region: string, state: CtyObject, withCa: boolean): ListenerRequest {
  const https = str(state.protocol) === "https";
  return {
    ...key(region, state),
    ...(https ? { ServerCertificateId: serverCertificateId(state) } : {}),
    ...(https && withCa ? { CACertificateId: str(state.ca_certificate_id) ?? "" } : {}),
    Attributes: {},
  };
}

async function update(client: SlbClient, prior: CtyObject | null, planned: CtyObject): Promise<CtyObject | null> {
  const saved: CtyObject = prior ?? {
    ...fillUnknowns(planned, {}),
    id: `${str(planned.load_balancer_id)}:${str(planned.protocol)}:${known<number>(planned.frontend_port)}`,
  };
  const https = str(planned.protocol) === "https";
  const follows = https ? [...UPDATE_FOLLOWS, ...HTTPS_UPDATE_FOLLOWS] : UPDATE_FOLLOWS;
  if (follows.some((a) => hasChange(prior, planned, a))) {
    const req = request(client.region, planned, https && hasChange(prior, planned, "ca_certificate_id"));
    await keepingState(
      () => saved,
      () =>
        resourceRetry({ retryable: (e) => isExpectedError(e, ["OperationFailed.ListenerStatusNotSupport"], "legacy"), timeoutMs: FIVE_MINUTES }, () =>
          client.request(LEGACY, (a) => {
            const record = setListener(a, req);
            record.Attributes = { ...record.Attributes, ...knownOnly(planned), id: record.ListenerId };
            return record;
          }),
        ),
    );
  }
  const after = await keepingState(
    () => saved,
    () => read(client, fillUnknowns(planned, { id: saved.id })),
  );
  return after === null ? null : fillUnknowns(planned, after);
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
  async create(client, planned) {
    const https = str(planned.protocol) === "https";
    if (https && !serverCertificateId(planned)) {
      throw new Error(`'server_certificate_id': required field is not set when the protocol is 'https'.`);
    }
    // What the cloud fills in for attributes left unset.
    const filled: CtyObject = {
      bandwidth: -1,
      health_check_connect_port: known<number>(planned.backend_port) ?? null,
      health_check_http_code: "http_2xx",
      health_check_method: "head",
      listener_forward: "off",
      proxy_protocol_v2_enabled: false,
      server_certificate_id: serverCertificateId(planned) ?? null,
      ssl_certificate_id: serverCertificateId(planned) ?? null,
    };
    const k = key(client.region, planned);
    const withCa = https && (str(planned.ca_certificate_id) ?? "") !== "";
    await client.request(LEGACY, (a) => {
      const record = createListener(a, request(client.region, planned, withCa));
      record.Attributes = { ...fillUnknowns(planned, filled), id: record.ListenerId };
      return record;
    });
    const id: CtyValue = `${k.LoadBalancerId}:${k.ListenerProtocol}:${k.ListenerPort}`;
    const created = { ...fillUnknowns(planned, filled), id };
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
    if (str(planned.listener_forward) === "on") return read(client, created).then((after) => (after === null ? null : fillUnknowns(planned, after)));
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
    await resourceRetry({ retryable: (e) => isExpectedError(e, SLB_IS_BUSY, "legacy"), timeoutMs: FIVE_MINUTES }, () =>
      client.request(LEGACY, (a) => deleteListener(a, k)),
    );
    await waitForListener(client, k, "deleted", DEFAULT_TIMEOUT_MEDIUM_MS);
  },
};
