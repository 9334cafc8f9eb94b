/**
 * The four managed resources and the data source of the schema subset: how
 * each Terraform operation maps to SLB API actions on the account.
 *
 * ForceNew is not in the schema JSON (Terraform's schema format has no such
 * flag): the lists below come from the provider's Go source at 1.257.0
 * (aliyun/terraform-provider-alicloud, alicloud/resource_alicloud_slb_*.go).
 */
import * as fs from "fs";
import { createHash, randomInt } from "crypto";
import { RE2JS } from "re2js";
import * as slb from "./account";
import { Account, SlbError, Tag } from "./account";
import { CtyObject, CtyValue, isUnknown } from "./cty";

/** A problem with one attribute of a configuration, reported at that attribute. */
export interface AttributeProblem {
  readonly attribute: string;
  readonly summary: string;
  readonly detail: string;
}

export interface ManagedResource {
  /** Attributes whose change replaces the resource. */
  readonly forceNew: readonly string[];
  /**
   * Pairs of attributes that are one value under two names (a deprecated alias):
   * when the first changes and the second is not configured, the second is
   * unknown in the plan, and apply reports the cloud's value.
   */
  readonly aliases?: readonly (readonly [string, string])[];
  /** The attribute an SLB error code is about, so Terraform points at it. */
  readonly errorAttributes?: Readonly<Record<string, string>>;
  validate?(config: CtyObject): AttributeProblem[];
  /** Creates it; returns the values of the planned unknowns. */
  create(account: Account, region: string, planned: CtyObject): CtyObject;
  /** The state as the cloud has it now; null when it is gone. */
  read(account: Account, region: string, prior: CtyObject): CtyObject | null;
  /** Changes it in place; returns the values of the planned unknowns. */
  update(account: Account, region: string, prior: CtyObject, planned: CtyObject): CtyObject;
  delete(account: Account, region: string, prior: CtyObject): void;
}

export interface DataSource {
  validate?(config: CtyObject): AttributeProblem[];
  read(account: Account, region: string, config: CtyObject): CtyObject;
}

/** The value if it is known and not null. */
function known<T extends CtyValue>(value: CtyValue | undefined): T | undefined {
  return value === null || value === undefined || isUnknown(value) ? undefined : (value as T);
}

function str(value: CtyValue | undefined): string | undefined {
  return known<string>(value);
}

function tagList(value: CtyValue | undefined): Tag[] {
  const map = known<CtyObject>(value) ?? {};
  return Object.entries(map).map(([Key, Value]) => ({ Key, Value: String(Value ?? "") }));
}

function tagMap(tags: Tag[]): CtyObject {
  return Object.fromEntries(tags.map((t) => [t.Key, t.Value]));
}

/** Tags as read back: an empty set reads as null when none were ever configured, so no diff appears. */
function tagsRead(prior: CtyValue | undefined, tags: Tag[]): CtyValue {
  return tags.length === 0 && (prior === null || prior === undefined) ? null : tagMap(tags);
}

/**
 * Deletes, treating "not found" as done, as the provider's Delete functions do
 * (e.g. DeleteCACertificate's CACertificateId.NotFound): what is gone stays gone.
 */
function deleteIfPresent(notFound: string, remove: () => void): void {
  try {
    remove();
  } catch (error) {
    if (!(error instanceof SlbError && error.code === notFound)) throw error;
  }
}

/** Describe* calls: recorded like every other call; the record or undefined. */
function describe<T>(account: Account, action: string, params: Record<string, unknown>, find: () => T | undefined): T | undefined {
  return slb.call(account, action, params, find);
}

// ---- alicloud_slb_ca_certificate ----

const TAG_ERRORS = { "MissingParam.TagKey": "tags", "InvalidParam.TagKey": "tags", "InvalidParam.TagValue": "tags", "SizeLimitExceeded.Tag": "tags" };

const caCertificate: ManagedResource = {
  forceNew: ["ca_certificate", "resource_group_id"],
  aliases: [
    ["ca_certificate_name", "name"],
    ["name", "ca_certificate_name"],
  ],
  errorAttributes: {
    ...TAG_ERRORS,
    CertificateFormatInvalid: "ca_certificate",
    EccCertificateNotSupport: "ca_certificate",
    "OperationDenied.IllegalKeyLength": "ca_certificate",
    InvalidParameter: "ca_certificate_name",
  },
  create(account, region, planned) {
    const record = slb.uploadCaCertificate(account, {
      RegionId: region,
      CACertificate: str(planned.ca_certificate) ?? "",
      CACertificateName: str(planned.ca_certificate_name) ?? str(planned.name),
      ResourceGroupId: str(planned.resource_group_id),
      Tag: tagList(planned.tags),
    });
    return {
      id: record.CACertificateId,
      ca_certificate_name: record.CACertificateName,
      name: record.CACertificateName,
      resource_group_id: record.ResourceGroupId,
    };
  },
  read(account, region, prior) {
    const [record] = slb.describeCaCertificates(account, { RegionId: region, CACertificateId: str(prior.id) });
    if (!record) return null;
    // As the provider's Read: ca_certificate is never read back.
    return {
      ...prior,
      ca_certificate_name: record.CACertificateName,
      name: record.CACertificateName,
      resource_group_id: record.ResourceGroupId,
      tags: tagsRead(prior.tags, record.Tags),
    };
  },
  update(account, region, prior, planned) {
    const id = str(prior.id)!;
    const name = str(planned.ca_certificate_name) ?? str(planned.name);
    if (name !== undefined && name !== str(prior.ca_certificate_name)) {
      slb.setCaCertificateName(account, { RegionId: region, CACertificateId: id, CACertificateName: name });
    }
    const [record] = slb.describeCaCertificates(account, { RegionId: region, CACertificateId: id });
    if (!record) throw new SlbError("CACertificateId.NotFound", `The CA certificate ${id} does not exist in ${region}.`, 404);
    slb.replaceTags(account, { RegionId: region, ResourceType: "certificate", ResourceId: id, target: record, tags: tagList(planned.tags) });
    return { name: record.CACertificateName, ca_certificate_name: record.CACertificateName };
  },
  delete(account, region, prior) {
    deleteIfPresent("CACertificateId.NotFound", () => slb.deleteCaCertificate(account, { RegionId: region, CACertificateId: str(prior.id)! }));
  },
};

// ---- alicloud_slb_server_certificate ----

const serverCertificate: ManagedResource = {
  forceNew: [
    "server_certificate",
    "private_key",
    "alicloud_certificate_id",
    "alicloud_certifacte_id",
    "alicloud_certificate_name",
    "alicloud_certifacte_name",
    "alicloud_certificate_region_id",
    "resource_group_id",
  ],
  errorAttributes: {
    ...TAG_ERRORS,
    CertificateFormatInvalid: "server_certificate",
    EccCertificateNotSupport: "server_certificate",
    "OperationDenied.IllegalKeyLength": "server_certificate",
    PrivateKeyFormatInvalid: "private_key",
    CertificateAndPrivateKeyIsNotMatch: "private_key",
  },
  validate(config) {
    if (config.server_certificate === null && config.alicloud_certificate_id === null) {
      return [
        {
          attribute: "server_certificate",
          summary: "Missing certificate",
          detail: "Set server_certificate and private_key (certificates from the SSL Certificates Service are not emulated).",
        },
      ];
    }
    return [];
  },
  create(account, region, planned) {
    const record = slb.uploadServerCertificate(account, {
      RegionId: region,
      ServerCertificate: str(planned.server_certificate) ?? "",
      PrivateKey: str(planned.private_key) ?? "",
      ServerCertificateName: str(planned.name),
      ResourceGroupId: str(planned.resource_group_id),
    });
    return { id: record.ServerCertificateId, resource_group_id: record.ResourceGroupId };
  },
  read(account, region, prior) {
    const id = str(prior.id)!;
    const record = describe(account, "DescribeServerCertificates", { RegionId: region, ServerCertificateId: id }, () =>
      slb.findServerCertificate(account, region, id),
    );
    if (!record) return null;
    return { ...prior, name: record.ServerCertificateName || prior.name, resource_group_id: record.ResourceGroupId, tags: tagsRead(prior.tags, record.Tags) };
  },
  update(account, region, prior, planned) {
    const id = str(prior.id)!;
    const record = slb.findServerCertificate(account, region, id);
    if (!record) throw new SlbError("ServerCertificateId.NotFound", `The server certificate ${id} does not exist.`, 404);
    const name = str(planned.name);
    if (name !== undefined && name !== record.ServerCertificateName) {
      slb.call(account, "SetServerCertificateName", { RegionId: region, ServerCertificateId: id, ServerCertificateName: name }, () => {
        record.ServerCertificateName = name;
      });
    }
    slb.replaceTags(account, { RegionId: region, ResourceType: "certificate", ResourceId: id, target: record, tags: tagList(planned.tags) });
    return {};
  },
  delete(account, region, prior) {
    deleteIfPresent("ServerCertificateId.NotFound", () => slb.deleteServerCertificate(account, { RegionId: region, ServerCertificateId: str(prior.id)! }));
  },
};

// ---- alicloud_slb_load_balancer ----

const loadBalancer: ManagedResource = {
  forceNew: ["address", "address_ip_version", "address_type", "master_zone_id", "resource_group_id", "slave_zone_id", "vswitch_id"],
  aliases: [
    ["load_balancer_name", "name"],
    ["name", "load_balancer_name"],
    ["load_balancer_spec", "specification"],
    ["specification", "load_balancer_spec"],
  ],
  create(account, region, planned) {
    const addressType = str(planned.address_type) ?? "internet";
    const spec = str(planned.load_balancer_spec) ?? str(planned.specification) ?? "slb.s1.small";
    const name = str(planned.load_balancer_name) ?? str(planned.name) ?? `auto_named_slb`;
    const filled: CtyObject = {
      address:
        addressType === "internet" ? `47.${randomInt(1, 255)}.${randomInt(0, 255)}.${randomInt(1, 255)}` : `192.168.${randomInt(0, 255)}.${randomInt(1, 255)}`,
      address_type: addressType,
      instance_charge_type: "PayBySpec",
      internet: addressType === "internet",
      load_balancer_name: name,
      load_balancer_spec: spec,
      master_zone_id: `${region}-b`,
      slave_zone_id: `${region}-c`,
      modification_protection_status: "NonProtection",
      name,
      payment_type: "PayAsYouGo",
      resource_group_id: str(planned.resource_group_id) ?? account.defaultResourceGroupId,
      specification: spec,
      status: "active",
      tags: {},
    };
    const record = slb.createLoadBalancer(account, { RegionId: region, Attributes: { ...fillUnknowns(planned, filled) } });
    record.Attributes.id = record.LoadBalancerId;
    return { ...filled, id: record.LoadBalancerId };
  },
  read(account, region, prior) {
    const id = str(prior.id)!;
    const record = describe(account, "DescribeLoadBalancerAttribute", { RegionId: region, LoadBalancerId: id }, () =>
      slb.findLoadBalancer(account, region, id),
    );
    if (!record) return null;
    return { ...prior, ...(record.Attributes as CtyObject), timeouts: prior.timeouts ?? null };
  },
  update(account, region, prior, planned) {
    const name = str(planned.load_balancer_name) ?? str(planned.name) ?? null;
    const spec = str(planned.load_balancer_spec) ?? str(planned.specification) ?? null;
    const reported = { name, load_balancer_name: name, specification: spec, load_balancer_spec: spec };
    slb.modifyLoadBalancer(account, { RegionId: region, LoadBalancerId: str(prior.id)!, Attributes: { ...fillUnknowns(planned, reported) } });
    return reported;
  },
  delete(account, region, prior) {
    deleteIfPresent("InvalidLoadBalancerId.NotFound", () => slb.deleteLoadBalancer(account, { RegionId: region, LoadBalancerId: str(prior.id)! }));
  },
};

// ---- alicloud_slb_listener ----

/** Fields the provider has Removed: setting them is an error. */
const REMOVED_LISTENER_FIELDS = ["lb_port", "instance_port", "lb_protocol"];
const LISTENER_PROTOCOLS = ["http", "https", "tcp", "udp"];

function listenerRequest(region: string, state: CtyObject): slb.ListenerRequest {
  return {
    RegionId: region,
    LoadBalancerId: str(state.load_balancer_id)!,
    ListenerProtocol: str(state.protocol)!,
    ListenerPort: known<number>(state.frontend_port)!,
    ServerCertificateId: str(state.server_certificate_id) ?? str(state.ssl_certificate_id),
    CACertificateId: str(state.ca_certificate_id),
    Attributes: {},
  };
}

const listener: ManagedResource = {
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
  validate(config) {
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
  create(account, region, planned) {
    const request = listenerRequest(region, planned);
    const filled: CtyObject = {
      bandwidth: -1,
      health_check_connect_port: known<number>(planned.backend_port) ?? null,
      health_check_http_code: "http_2xx",
      health_check_method: "head",
      listener_forward: "off",
      proxy_protocol_v2_enabled: false,
      server_certificate_id: request.ServerCertificateId ?? null,
      ssl_certificate_id: request.ServerCertificateId ?? null,
    };
    const record = slb.createListener(account, request);
    record.Attributes = { ...fillUnknowns(planned, filled), id: record.ListenerId };
    return { ...filled, id: record.ListenerId };
  },
  read(account, region, prior) {
    const id = str(prior.id)!;
    const record = describe(
      account,
      `DescribeLoadBalancer${String(str(prior.protocol) ?? id.split(":")[1]).toUpperCase()}ListenerAttribute`,
      { RegionId: region, ListenerId: id },
      () => slb.findListener(account, region, id),
    );
    if (!record) return null;
    return {
      ...prior,
      ...(record.Attributes as CtyObject),
      ca_certificate_id: record.CACertificateId ?? null,
      server_certificate_id: record.ServerCertificateId ?? null,
      ssl_certificate_id: record.ServerCertificateId ?? null,
    };
  },
  update(account, region, _prior, planned) {
    const record = slb.setListener(account, listenerRequest(region, planned));
    const reported = { server_certificate_id: record.ServerCertificateId ?? null, ssl_certificate_id: record.ServerCertificateId ?? null };
    record.Attributes = { ...fillUnknowns(planned, reported) };
    return reported;
  },
  delete(account, region, prior) {
    deleteIfPresent("ListenerNotFound", () => slb.deleteListener(account, { RegionId: region, ListenerId: str(prior.id)! }));
  },
};

// ---- data source alicloud_slb_ca_certificates ----

function compileRegex(pattern: string): RE2JS {
  // Go's regexp (RE2) is what the provider compiles name_regex with.
  return RE2JS.compile(pattern);
}

const caCertificates: DataSource = {
  validate(config) {
    const pattern = str(config.name_regex);
    if (pattern === undefined) return [];
    try {
      compileRegex(pattern);
      return [];
    } catch (error) {
      return [{ attribute: "name_regex", summary: "Invalid name_regex", detail: `${pattern}: ${(error as Error).message}` }];
    }
  },
  read(account, region, config) {
    const ids = known<CtyValue[]>(config.ids);
    const found = slb.describeCaCertificates(account, {
      RegionId: region,
      CACertificateId: ids && ids.length > 0 ? ids.join(",") : undefined,
      ResourceGroupId: str(config.resource_group_id),
      Tag: tagList(config.tags),
    });
    const pattern = str(config.name_regex);
    const regex = pattern !== undefined ? compileRegex(pattern) : undefined;
    const matched = found.filter((c) => !regex || regex.matcher(c.CACertificateName).find());
    const certificates = matched.map((c) => ({
      id: c.CACertificateId,
      ca_certificate_id: c.CACertificateId,
      ca_certificate_name: c.CACertificateName,
      name: c.CACertificateName,
      common_name: c.CommonName,
      fingerprint: c.Fingerprint,
      expired_time: c.ExpireTime,
      expired_timestamp: c.ExpireTimeStamp,
      created_timestamp: c.CreateTimeStamp,
      resource_group_id: c.ResourceGroupId,
      tags: tagMap(c.Tags),
    }));
    const outputFile = str(config.output_file);
    if (outputFile) fs.writeFileSync(outputFile, JSON.stringify(certificates, null, 2));
    const matchedIds = matched.map((c) => c.CACertificateId);
    return {
      ...config,
      id: createHash("sha256").update(matchedIds.join(",")).digest("hex").slice(0, 16),
      ids: matchedIds,
      names: matched.map((c) => c.CACertificateName),
      certificates,
    };
  },
};

/** The planned state with every unknown replaced by what the cloud reported (null if nothing). */
export function fillUnknowns(planned: CtyObject, reported: CtyObject): CtyObject {
  const state: CtyObject = {};
  for (const [key, value] of Object.entries(planned)) state[key] = isUnknown(value) ? (reported[key] ?? null) : value;
  return state;
}

export const MANAGED_RESOURCES: Record<string, ManagedResource> = {
  alicloud_slb_ca_certificate: caCertificate,
  alicloud_slb_server_certificate: serverCertificate,
  alicloud_slb_load_balancer: loadBalancer,
  alicloud_slb_listener: listener,
};

export const DATA_SOURCES: Record<string, DataSource> = {
  alicloud_slb_ca_certificates: caCertificates,
};
