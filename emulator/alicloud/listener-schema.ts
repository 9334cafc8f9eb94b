/**
 * The schema of alicloud_slb_listener as resourceAliCloudSlbListener declares it in
 * alicloud/resource_alicloud_slb_listener.go at v1.257.0: each attribute's flags,
 * its Default and its DiffSuppressFunc, with the line of the Go source where the
 * attribute starts. __tests__/emulator/listener-schema.test.ts holds it equal to
 * the facts extracted from the source (emulator/provider-source/) and to the
 * schema JSON in schema-cache/.
 */
import { CtyObject, CtyValue } from "../cty";
import { getOk, str } from "./values";

/** The DiffSuppressFuncs the listener's schema names (alicloud/diff_suppress_funcs.go). */
export type SuppressFunc =
  | "slbAclDiffSuppressFunc"
  | "httpHttpsDiffSuppressFunc"
  | "stickySessionTypeDiffSuppressFunc"
  | "cookieTimeoutDiffSuppressFunc"
  | "cookieDiffSuppressFunc"
  | "tcpUdpDiffSuppressFunc"
  | "healthCheckTypeDiffSuppressFunc"
  | "httpHttpsTcpDiffSuppressFunc"
  | "healthCheckDiffSuppressFunc"
  | "sslCertificateIdDiffSuppressFunc"
  | "establishedTimeoutDiffSuppressFunc"
  | "httpsDiffSuppressFunc"
  | "forwardPortDiffSuppressFunc"
  | "httpDiffSuppressFunc";

export interface GoAttribute {
  /** The line of `"name": {` in the Go file at the tag. */
  readonly line: number;
  readonly type: "string" | "int" | "bool" | "set" | "list";
  readonly required?: true;
  readonly optional?: true;
  readonly computed?: true;
  readonly forceNew?: true;
  /** The schema's Default (constants resolved: WRRScheduler "wrr", OnFlag "on", OffFlag "off", TCPHealthCheckType "tcp"). */
  readonly default?: string | number | boolean;
  /** `Removed:` set: configuring it is an error. */
  readonly removed?: true;
  readonly deprecated?: true;
  readonly suppress?: SuppressFunc;
}

/** Every attribute, in the Go file's order; `x_forwarded_for.*` are the attributes of its nested block. */
export const LISTENER_SCHEMA: Readonly<Record<string, GoAttribute>> = {
  load_balancer_id: { line: 30, type: "string", required: true, forceNew: true },
  description: { line: 35, type: "string", optional: true },
  frontend_port: { line: 39, type: "int", required: true, forceNew: true },
  lb_port: { line: 45, type: "int", optional: true, removed: true },
  backend_port: { line: 51, type: "int", optional: true, forceNew: true },
  instance_port: { line: 58, type: "int", optional: true, removed: true },
  lb_protocol: { line: 64, type: "string", optional: true, removed: true },
  protocol: { line: 70, type: "string", required: true, forceNew: true },
  bandwidth: { line: 77, type: "int", optional: true, computed: true },
  scheduler: { line: 85, type: "string", optional: true, default: "wrr" },
  server_group_id: { line: 91, type: "string", optional: true },
  master_slave_server_group_id: { line: 95, type: "string", optional: true },
  acl_status: { line: 99, type: "string", optional: true, default: "off" },
  acl_type: { line: 105, type: "string", optional: true, suppress: "slbAclDiffSuppressFunc" },
  acl_ids: { line: 111, type: "set", optional: true, computed: true, suppress: "slbAclDiffSuppressFunc" },
  acl_id: { line: 118, type: "string", optional: true, computed: true, deprecated: true, suppress: "slbAclDiffSuppressFunc" },
  sticky_session: { line: 126, type: "string", optional: true, default: "off", suppress: "httpHttpsDiffSuppressFunc" },
  sticky_session_type: { line: 134, type: "string", optional: true, suppress: "stickySessionTypeDiffSuppressFunc" },
  cookie_timeout: { line: 143, type: "int", optional: true, suppress: "cookieTimeoutDiffSuppressFunc" },
  cookie: { line: 150, type: "string", optional: true, suppress: "cookieDiffSuppressFunc" },
  persistence_timeout: { line: 157, type: "int", optional: true, default: 0, suppress: "tcpUdpDiffSuppressFunc" },
  health_check: { line: 165, type: "string", optional: true, default: "on", suppress: "httpHttpsDiffSuppressFunc" },
  health_check_method: { line: 173, type: "string", optional: true, computed: true },
  health_check_type: { line: 180, type: "string", optional: true, default: "tcp", suppress: "healthCheckTypeDiffSuppressFunc" },
  health_check_domain: { line: 190, type: "string", optional: true, suppress: "httpHttpsTcpDiffSuppressFunc" },
  health_check_uri: { line: 197, type: "string", optional: true, default: "/", suppress: "httpHttpsTcpDiffSuppressFunc" },
  health_check_connect_port: { line: 204, type: "int", optional: true, computed: true, suppress: "healthCheckDiffSuppressFunc" },
  healthy_threshold: { line: 213, type: "int", optional: true, default: 3, suppress: "healthCheckDiffSuppressFunc" },
  unhealthy_threshold: { line: 220, type: "int", optional: true, default: 3, suppress: "healthCheckDiffSuppressFunc" },
  health_check_timeout: { line: 228, type: "int", optional: true, default: 5, suppress: "healthCheckDiffSuppressFunc" },
  health_check_interval: { line: 235, type: "int", optional: true, default: 2, suppress: "healthCheckDiffSuppressFunc" },
  health_check_http_code: { line: 243, type: "string", optional: true, computed: true, suppress: "httpHttpsTcpDiffSuppressFunc" },
  ssl_certificate_id: { line: 252, type: "string", optional: true, computed: true, deprecated: true, suppress: "sslCertificateIdDiffSuppressFunc" },
  server_certificate_id: { line: 259, type: "string", optional: true, computed: true, suppress: "sslCertificateIdDiffSuppressFunc" },
  ca_certificate_id: { line: 266, type: "string", optional: true, suppress: "sslCertificateIdDiffSuppressFunc" },
  gzip: { line: 272, type: "bool", optional: true, default: true, suppress: "httpHttpsDiffSuppressFunc" },
  x_forwarded_for: { line: 278, type: "list", optional: true, computed: true },
  "x_forwarded_for.retrive_client_ip": { line: 285, type: "bool", computed: true },
  "x_forwarded_for.retrive_slb_ip": { line: 289, type: "bool", optional: true, default: false },
  "x_forwarded_for.retrive_slb_id": { line: 294, type: "bool", optional: true, default: false },
  "x_forwarded_for.retrive_slb_proto": { line: 299, type: "bool", optional: true, default: false },
  established_timeout: { line: 309, type: "int", optional: true, default: 900, suppress: "establishedTimeoutDiffSuppressFunc" },
  idle_timeout: { line: 318, type: "int", optional: true, default: 15, suppress: "httpHttpsDiffSuppressFunc" },
  request_timeout: { line: 327, type: "int", optional: true, default: 60, suppress: "httpHttpsDiffSuppressFunc" },
  enable_http2: { line: 336, type: "string", optional: true, default: "on", suppress: "httpsDiffSuppressFunc" },
  tls_cipher_policy: { line: 345, type: "string", optional: true, default: "tls_cipher_policy_1_0", suppress: "httpsDiffSuppressFunc" },
  forward_port: { line: 352, type: "int", optional: true, forceNew: true, suppress: "forwardPortDiffSuppressFunc" },
  listener_forward: { line: 359, type: "string", optional: true, computed: true, forceNew: true, suppress: "httpDiffSuppressFunc" },
  delete_protection_validation: { line: 367, type: "bool", optional: true },
  proxy_protocol_v2_enabled: { line: 371, type: "bool", optional: true, computed: true },
};

/** d.GetOk of a string attribute equals `value`. */
function is(d: CtyObject, attribute: string, value: string): boolean {
  return str(getOk(d[attribute])) === value;
}

const protocolIs = (d: CtyObject, ...protocols: string[]) => protocols.some((p) => is(d, "protocol", p));

/** Each DiffSuppressFunc: true when a difference in the attribute is ignored, given the listener's other values `d`. */
export const SUPPRESS: Readonly<Record<SuppressFunc, (d: CtyObject) => boolean>> = {
  slbAclDiffSuppressFunc: (d) => !is(d, "acl_status", "on"),
  httpHttpsDiffSuppressFunc: (d) => is(d, "listener_forward", "on") || !protocolIs(d, "http", "https"),
  stickySessionTypeDiffSuppressFunc: (d) => SUPPRESS.httpHttpsDiffSuppressFunc(d) || !is(d, "sticky_session", "on"),
  cookieTimeoutDiffSuppressFunc: (d) => SUPPRESS.stickySessionTypeDiffSuppressFunc(d) || !is(d, "sticky_session_type", "insert"),
  cookieDiffSuppressFunc: (d) => SUPPRESS.stickySessionTypeDiffSuppressFunc(d) || !is(d, "sticky_session_type", "server"),
  tcpUdpDiffSuppressFunc: (d) => !protocolIs(d, "tcp", "udp"),
  healthCheckTypeDiffSuppressFunc: (d) => !protocolIs(d, "tcp"),
  httpHttpsTcpDiffSuppressFunc: (d) =>
    !((!SUPPRESS.httpHttpsDiffSuppressFunc(d) && is(d, "health_check", "on")) || (protocolIs(d, "tcp") && is(d, "health_check_type", "http"))),
  // Never suppressed unless an HTTP(S) listener has its health check off.
  healthCheckDiffSuppressFunc: (d) => !(SUPPRESS.httpHttpsDiffSuppressFunc(d) || is(d, "health_check", "on")),
  sslCertificateIdDiffSuppressFunc: (d) => !protocolIs(d, "https"),
  establishedTimeoutDiffSuppressFunc: (d) => !protocolIs(d, "tcp"),
  httpsDiffSuppressFunc: (d) => !protocolIs(d, "https"),
  forwardPortDiffSuppressFunc: (d) => SUPPRESS.httpDiffSuppressFunc(d) || !is(d, "listener_forward", "on"),
  httpDiffSuppressFunc: (d) => !protocolIs(d, "http"),
};

/** The configuration as the Go code's d.Get sees it: every unset attribute that has a Default reads as it. */
export function withDefaults(config: CtyObject): CtyObject {
  const out: CtyObject = { ...config };
  for (const [name, a] of Object.entries(LISTENER_SCHEMA)) {
    if (a.default !== undefined && !name.includes(".") && (out[name] ?? null) === null) out[name] = a.default;
  }
  const xff = out.x_forwarded_for;
  if (Array.isArray(xff)) {
    out.x_forwarded_for = xff.map((block) => {
      const b = { ...(block as CtyObject) };
      for (const [name, a] of Object.entries(LISTENER_SCHEMA)) {
        const inner = name.startsWith("x_forwarded_for.") ? name.slice("x_forwarded_for.".length) : undefined;
        if (inner && a.default !== undefined && (b[inner] ?? null) === null) b[inner] = a.default;
      }
      return b;
    });
  }
  return out;
}

/**
 * What the SDK plans for the attributes that have a Default and are not configured: the Default, unless the
 * attribute's DiffSuppressFunc ignores it for this listener (e.g. `tls_cipher_policy` on HTTP): then the diff
 * keeps the old value (`prior`'s; none on a create).
 */
export function plannedDefaults(config: CtyObject, prior: CtyObject | null): CtyObject {
  const d = withDefaults(config);
  const planned: CtyObject = {};
  for (const [name, a] of Object.entries(LISTENER_SCHEMA)) {
    if (a.default === undefined || name.includes(".") || (config[name] ?? null) !== null) continue;
    planned[name] = a.suppress && SUPPRESS[a.suppress](d) ? (prior?.[name] ?? null) : (a.default as CtyValue);
  }
  // An Optional+Computed block: configured, it gets its defaults; left out, the SDK keeps what the state has
  // (Terraform's proposal for a block left out is an empty list).
  const xff = Array.isArray(config.x_forwarded_for) ? config.x_forwarded_for : [];
  planned.x_forwarded_for = xff.length > 0 ? d.x_forwarded_for : (prior?.x_forwarded_for ?? []);
  return planned;
}
