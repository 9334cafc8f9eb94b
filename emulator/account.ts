/**
 * What the emulated account holds, and the SLB API actions on it, after
 * Alibaba Cloud's API reference for SLB (CLB) 2014-05-15: UploadCACertificate,
 * DescribeCACertificates, SetCACertificateName, DeleteCACertificate,
 * UploadServerCertificate, DeleteServerCertificate, CreateLoadBalancer,
 * DeleteLoadBalancer, the listener actions, TagResources and UntagResources.
 *
 * Pure functions on an Account object: account-file.ts does the I/O.
 * Written from the API documentation; it does not share code with the
 * construct it is used to check.
 */
import { X509Certificate, createPrivateKey, randomBytes, randomInt } from "crypto";
import { EmulatorConfigError } from "./config-error";

export interface Tag {
  readonly Key: string;
  readonly Value: string;
}

/** A CA certificate as DescribeCACertificates reports it, plus the PEM. */
export interface CaCertificateRecord {
  readonly CACertificateId: string;
  CACertificateName: string;
  readonly Fingerprint: string;
  readonly CommonName: string;
  readonly ExpireTime: string;
  readonly ExpireTimeStamp: number;
  readonly CreateTime: string;
  readonly CreateTimeStamp: number;
  readonly ResourceGroupId: string;
  readonly RegionId: string;
  Tags: Tag[];
  readonly CACertificate: string;
}

export interface ServerCertificateRecord {
  readonly ServerCertificateId: string;
  ServerCertificateName: string;
  readonly Fingerprint: string;
  readonly CommonName: string;
  readonly ExpireTime: string;
  readonly ResourceGroupId: string;
  readonly RegionId: string;
  Tags: Tag[];
}

export interface LoadBalancerRecord {
  readonly LoadBalancerId: string;
  readonly RegionId: string;
  /** The Terraform attributes as last applied (the emulator keeps them as given). */
  Attributes: Record<string, unknown>;
}

export interface ListenerRecord {
  /** `<LoadBalancerId>:<protocol>:<port>`, the provider's ID of a listener. */
  readonly ListenerId: string;
  readonly LoadBalancerId: string;
  readonly ListenerProtocol: string;
  readonly ListenerPort: number;
  readonly RegionId: string;
  ServerCertificateId?: string;
  CACertificateId?: string;
  Attributes: Record<string, unknown>;
}

/** One API call the account served, in order. Parameters never include PEM bodies or keys. */
export interface CallRecord {
  readonly seq: number;
  readonly time: string;
  readonly action: string;
  readonly params: Record<string, unknown>;
  /** "Success" or the error code. */
  readonly result: string;
  readonly requestId: string;
}

export interface Account {
  readonly accountId: string;
  readonly defaultResourceGroupId: string;
  caCertificates: CaCertificateRecord[];
  serverCertificates: ServerCertificateRecord[];
  loadBalancers: LoadBalancerRecord[];
  listeners: ListenerRecord[];
  calls: CallRecord[];
  /** Calls seen per SLB_EMULATOR_FAIL rule, so the n-th call fails once across processes. */
  faults: Record<string, number>;
}

export function emptyAccount(): Account {
  return {
    accountId: String(randomInt(1_000_000_000, 9_999_999_999)) + String(randomInt(100_000, 999_999)),
    defaultResourceGroupId: `rg-acfm${randomChars(11)}`,
    caCertificates: [],
    serverCertificates: [],
    loadBalancers: [],
    listeners: [],
    calls: [],
    faults: {},
  };
}

/** An error as SLB answers it: a code, a message and an HTTP status. */
export class SlbError extends Error {
  /** The API action that failed; set when the call is recorded. */
  public action = "";
  constructor(
    public readonly code: string,
    message: string,
    public readonly httpStatus: number = 400,
    public readonly requestId: string = newRequestId(),
  ) {
    super(message);
  }
}

const ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
function randomChars(n: number): string {
  return Array.from(randomBytes(n), (b) => ALPHABET[b % ALPHABET.length]).join("");
}

function newRequestId(): string {
  const hex = randomBytes(16).toString("hex").toUpperCase();
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Server certificate IDs: `<account>_<ms in hex>_<int>_<int>` (the emulator's first form; no document cited for it). */
function certificateId(account: Account): string {
  return `${account.accountId}_${Date.now().toString(16)}_${randomInt(0, 2 ** 31 - 1)}_${randomInt(0, 2 ** 31 - 1)}`;
}

/**
 * CA certificate IDs as Alibaba's API reference shows them: `139a00604ad-cn-east-hangzhou-01`
 * (UploadCACertificate, help doc 34935: `139a0******`; DescribeCACertificates, help doc 34938:
 * `139a00604bd-cn-east-hangzhou-02`): 11 hex digits, `-`, the region, `-`, two digits. The
 * emulator takes the 11 digits from the clock in ms (hex) and the last two at random; unique
 * within the account.
 */
function caCertificateId(account: Account, regionId: string): string {
  for (;;) {
    const id = `${Date.now().toString(16).padStart(11, "0").slice(-11)}-${regionId}-${String(randomInt(1, 100)).padStart(2, "0")}`;
    if (!account.caCertificates.some((c) => c.CACertificateId === id)) return id;
  }
}

function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
}

/**
 * Runs one API action: honours SLB_EMULATOR_FAIL, records the call with its
 * outcome, and rethrows SLB's error.
 */
export function call<T>(account: Account, action: string, params: Record<string, unknown>, run: () => T, env: NodeJS.ProcessEnv = process.env): T {
  const id = newRequestId();
  const record = (result: string) =>
    account.calls.push({ seq: account.calls.length + 1, time: new Date().toISOString(), action, params, result, requestId: id });
  try {
    injectFault(account, action, env);
    const value = run();
    record("Success");
    return value;
  } catch (error) {
    if (error instanceof SlbError) {
      error.action ||= action;
      record(error.code);
    }
    throw error;
  }
}

/** The listener protocols whose Create…Listener and SetLoadBalancer…ListenerAttribute actions the emulator serves. */
const LISTENER_ACTION_PROTOCOLS = ["HTTP", "HTTPS", "TCP", "UDP"];

/** Every action name the emulator serves, so SLB_EMULATOR_FAIL can refuse a misspelt one. */
export const FAULT_ACTIONS: readonly string[] = [
  "UploadCACertificate",
  "DescribeCACertificates",
  "SetCACertificateName",
  "DeleteCACertificate",
  "TagResources",
  "UntagResources",
  "UploadServerCertificate",
  "DescribeServerCertificates",
  "SetServerCertificateName",
  "DeleteServerCertificate",
  "CreateLoadBalancer",
  "DescribeLoadBalancerAttribute",
  "ModifyLoadBalancerAttributes",
  "DeleteLoadBalancer",
  ...LISTENER_ACTION_PROTOCOLS.map((p) => `CreateLoadBalancer${p}Listener`),
  ...LISTENER_ACTION_PROTOCOLS.map((p) => `SetLoadBalancer${p}ListenerAttribute`),
  ...LISTENER_ACTION_PROTOCOLS.map((p) => `DescribeLoadBalancer${p}ListenerAttribute`),
  "DeleteLoadBalancerListener",
];

/** One SLB_EMULATOR_FAIL rule: the n-th call of `action` fails. `key` counts its calls in the account. */
export interface FaultRule {
  readonly action: string;
  readonly nth: number;
  readonly key: string;
}

/**
 * The rules of SLB_EMULATOR_FAIL=<Action>:<n>[,<Action>:<n>...]; throws one
 * EmulatorConfigError naming the variable, every bad rule and the allowed
 * actions, so a fault drill never passes without injecting anything.
 */
export function faultRules(env: NodeJS.ProcessEnv = process.env): FaultRule[] {
  const rules: FaultRule[] = [];
  const problems: string[] = [];
  for (const rule of (env.SLB_EMULATOR_FAIL ?? "")
    .split(",")
    .map((r) => r.trim())
    .filter(Boolean)) {
    const match = /^([A-Za-z]+):([1-9]\d*)$/.exec(rule);
    if (!match) problems.push(`${JSON.stringify(rule)} is not <Action>:<n> (n a whole number from 1)`);
    else if (!FAULT_ACTIONS.includes(match[1])) problems.push(`${JSON.stringify(match[1])} is not an action the emulator serves`);
    else rules.push({ action: match[1], nth: Number(match[2]), key: rule });
  }
  if (problems.length > 0) {
    throw new EmulatorConfigError(
      `SLB_EMULATOR_FAIL: ${problems.join("; ")}. Give <Action>:<n>[,<Action>:<n>...] with actions among ${FAULT_ACTIONS.join(", ")}.`,
    );
  }
  return rules;
}

/**
 * SLB_EMULATOR_FAIL: the n-th call of that action made while the rule is set
 * fails as SLB fails when a backend is unavailable.
 * The count lives in the account, so it spans provider processes.
 */
function injectFault(account: Account, action: string, env: NodeJS.ProcessEnv): void {
  for (const rule of faultRules(env)) {
    if (rule.action !== action) continue;
    const seen = (account.faults[rule.key] = (account.faults[rule.key] ?? 0) + 1);
    if (seen === rule.nth) {
      throw new SlbError("ServiceUnavailable", "The request has failed due to a temporary failure of the server.", 503);
    }
  }
}

// ---- Tags (UploadCACertificate's Tag.N.Key / Tag.N.Value rules) ----

function checkTags(tags: Tag[]): void {
  if (tags.length > 20) throw new SlbError("SizeLimitExceeded.Tag", `A resource holds at most 20 tags; got ${tags.length}.`);
  for (const { Key, Value } of tags) {
    if (Key === undefined || Key === "") throw new SlbError("MissingParam.TagKey", "The tag key must not be empty.");
    if (Key.length > 128 || /^(acs:|aliyun)/.test(Key) || /https?:\/\//.test(Key)) {
      throw new SlbError("InvalidParam.TagKey", `The tag key ${JSON.stringify(Key)} is invalid.`);
    }
    if (Value.length > 128 || /^(acs:|aliyun)/.test(Value) || /https?:\/\//.test(Value)) {
      throw new SlbError("InvalidParam.TagValue", `The tag value ${JSON.stringify(Value)} of key ${JSON.stringify(Key)} is invalid.`);
    }
  }
}

function hasTags(own: Tag[], wanted: Tag[] | undefined): boolean {
  return (wanted ?? []).every((w) => own.some((t) => t.Key === w.Key && t.Value === w.Value));
}

// ---- Certificates ----

const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----[\s\S]*?-----END \1-----/g;

interface ParsedCertificate {
  readonly fingerprint: string;
  readonly commonName: string;
  readonly expireTimeStamp: number;
  readonly x509: X509Certificate;
}

/** What PEM blocks were found, by kind: "a PRIVATE KEY block, no CERTIFICATE", "2 CERTIFICATE blocks", "no PEM block". */
function blockSummary(blocks: readonly string[]): string {
  if (blocks.length === 0) return "no PEM block";
  const counts = new Map<string, number>();
  for (const block of blocks) {
    const label = /^-----BEGIN ([A-Z0-9 ]+)-----/.exec(block)![1];
    counts.set(label, (counts.get(label) ?? 0) + 1);
  }
  const kinds = [...counts].map(([label, n]) => `${n === 1 ? "a" : n} ${label} block${n === 1 ? "" : "s"}`);
  return `${kinds.join(", ")}${counts.has("CERTIFICATE") ? "" : ", no CERTIFICATE"}`;
}

/** Exactly one PEM certificate, RSA with a key length SLB accepts; else SLB's refusal. */
function parseOneCertificate(pem: string): ParsedCertificate {
  const blocks = typeof pem === "string" ? (pem.match(PEM_BLOCK) ?? []) : [];
  if (blocks.length !== 1 || !blocks[0].startsWith("-----BEGIN CERTIFICATE-----") || pem.trim() !== blocks[0]) {
    const otherText = blocks.length === 1 && pem.trim() !== blocks[0] ? " with other text" : "";
    throw new SlbError(
      "CertificateFormatInvalid",
      `Upload exactly one PEM certificate (one CERTIFICATE block, nothing else); got ${blockSummary(blocks)}${otherText}.`,
    );
  }
  let x509: X509Certificate;
  try {
    x509 = new X509Certificate(blocks[0]);
  } catch {
    throw new SlbError("CertificateFormatInvalid", "The certificate cannot be parsed.");
  }
  const key = x509.publicKey;
  if (key.asymmetricKeyType !== "rsa") throw new SlbError("EccCertificateNotSupport", "Only RSA certificates are supported.");
  const bits = key.asymmetricKeyDetails?.modulusLength;
  if (![1024, 2048, 4096].includes(bits ?? 0)) {
    throw new SlbError("OperationDenied.IllegalKeyLength", `RSA keys of 1024, 2048 or 4096 bits are supported; got ${bits}.`);
  }
  // The last CN of the subject, as Go's crypto/x509 reports it (pkix.Name.FillFromRDNSequence
  // overwrites CommonName at each CN, so the last wins) and as the construct does. Which one SLB
  // reports is not documented.
  const cn = x509.subject
    .split("\n")
    .filter((line) => line.startsWith("CN="))
    .pop();
  return {
    // SHA-1 over the DER, as lowercase hex pairs joined by colons (as SLB reports it).
    fingerprint: x509.fingerprint.toLowerCase(),
    commonName: cn ? cn.slice(3) : "",
    expireTimeStamp: Date.parse(x509.validTo),
    x509,
  };
}

export interface UploadCaCertificateRequest {
  readonly RegionId: string;
  readonly CACertificate: string;
  readonly CACertificateName?: string;
  readonly ResourceGroupId?: string;
  readonly Tag?: Tag[];
}

export function uploadCaCertificate(account: Account, req: UploadCaCertificateRequest): CaCertificateRecord {
  const { CACertificate, ...shown } = req;
  return call(account, "UploadCACertificate", shown, () => {
    const parsed = parseOneCertificate(CACertificate);
    checkTags(req.Tag ?? []);
    const now = Date.now();
    const record: CaCertificateRecord = {
      CACertificateId: caCertificateId(account, req.RegionId),
      CACertificateName: req.CACertificateName ?? "",
      Fingerprint: parsed.fingerprint,
      CommonName: parsed.commonName,
      ExpireTime: isoSeconds(parsed.expireTimeStamp),
      ExpireTimeStamp: parsed.expireTimeStamp,
      CreateTime: isoSeconds(now),
      CreateTimeStamp: now,
      ResourceGroupId: req.ResourceGroupId || account.defaultResourceGroupId,
      RegionId: req.RegionId,
      Tags: [...(req.Tag ?? [])],
      CACertificate: CACertificate,
    };
    account.caCertificates.push(record);
    return record;
  });
}

export interface DescribeCaCertificatesRequest {
  readonly RegionId: string;
  readonly CACertificateId?: string;
  readonly ResourceGroupId?: string;
  readonly Tag?: Tag[];
}

export function describeCaCertificates(account: Account, req: DescribeCaCertificatesRequest): CaCertificateRecord[] {
  return call(account, "DescribeCACertificates", { ...req }, () => {
    // CACertificateId may list several IDs, comma-separated.
    const ids = req.CACertificateId ? req.CACertificateId.split(",") : undefined;
    return account.caCertificates.filter(
      (c) =>
        c.RegionId === req.RegionId &&
        (!ids || ids.includes(c.CACertificateId)) &&
        (!req.ResourceGroupId || c.ResourceGroupId === req.ResourceGroupId) &&
        hasTags(c.Tags, req.Tag),
    );
  });
}

function findCaCertificate(account: Account, regionId: string, id: string): CaCertificateRecord {
  const found = account.caCertificates.find((c) => c.CACertificateId === id && c.RegionId === regionId);
  if (!found) throw new SlbError("CACertificateId.NotFound", `The CA certificate ${id} does not exist in ${regionId}.`, 404);
  return found;
}

export function setCaCertificateName(account: Account, req: { RegionId: string; CACertificateId: string; CACertificateName: string }): void {
  call(account, "SetCACertificateName", { ...req }, () => {
    if (!/^[a-zA-Z\u4e00-\u9fa5][\w.\-\u4e00-\u9fa5]{0,79}$/.test(req.CACertificateName)) {
      throw new SlbError(
        "InvalidParameter",
        `The CACertificateName ${JSON.stringify(req.CACertificateName)} is invalid: 1 to 80 characters, starting with a letter or Chinese character; digits, ".", "_" and "-" allowed.`,
      );
    }
    findCaCertificate(account, req.RegionId, req.CACertificateId).CACertificateName = req.CACertificateName;
  });
}

export function deleteCaCertificate(account: Account, req: { RegionId: string; CACertificateId: string }): void {
  call(account, "DeleteCACertificate", { ...req }, () => {
    findCaCertificate(account, req.RegionId, req.CACertificateId);
    const users = account.listeners.filter((l) => l.CACertificateId === req.CACertificateId);
    if (users.length > 0) {
      throw new SlbError(
        "CertificateAndPrivateKeyIsRefered",
        `The CA certificate ${req.CACertificateId} is used by listener(s) ${users.map((l) => l.ListenerId).join(", ")}.`,
      );
    }
    account.caCertificates = account.caCertificates.filter((c) => c.CACertificateId !== req.CACertificateId);
  });
}

/** TagResources / UntagResources on one certificate: makes its tags exactly `tags`. */
export function replaceTags(
  account: Account,
  req: { RegionId: string; ResourceType: "certificate" | "instance"; ResourceId: string; target: { Tags: Tag[] }; tags: Tag[] },
): void {
  const removed = req.target.Tags.filter((t) => !req.tags.some((n) => n.Key === t.Key));
  const added = req.tags.filter((n) => !req.target.Tags.some((t) => t.Key === n.Key && t.Value === n.Value));
  if (removed.length > 0) {
    call(
      account,
      "UntagResources",
      { RegionId: req.RegionId, ResourceType: req.ResourceType, ResourceId: [req.ResourceId], TagKey: removed.map((t) => t.Key) },
      () => {
        req.target.Tags = req.target.Tags.filter((t) => !removed.includes(t));
      },
    );
  }
  if (added.length > 0) {
    call(account, "TagResources", { RegionId: req.RegionId, ResourceType: req.ResourceType, ResourceId: [req.ResourceId], Tag: added }, () => {
      const next = [...req.target.Tags.filter((t) => !added.some((a) => a.Key === t.Key)), ...added];
      checkTags(next);
      req.target.Tags = next;
    });
  }
}

export interface UploadServerCertificateRequest {
  readonly RegionId: string;
  readonly ServerCertificate: string;
  readonly PrivateKey: string;
  readonly ServerCertificateName?: string;
  readonly ResourceGroupId?: string;
}

export function uploadServerCertificate(account: Account, req: UploadServerCertificateRequest): ServerCertificateRecord {
  const { ServerCertificate, PrivateKey, ...shown } = req;
  return call(account, "UploadServerCertificate", shown, () => {
    // A chain is allowed here: the server certificate first, then its issuers.
    const first = (ServerCertificate ?? "").match(PEM_BLOCK)?.[0];
    if (!first) throw new SlbError("CertificateFormatInvalid", "The server certificate is not PEM.");
    const parsed = parseOneCertificate(first);
    let matches = false;
    try {
      matches = parsed.x509.checkPrivateKey(createPrivateKey(PrivateKey));
    } catch {
      throw new SlbError("PrivateKeyFormatInvalid", "The private key cannot be parsed.");
    }
    if (!matches) throw new SlbError("CertificateAndPrivateKeyIsNotMatch", "The private key does not match the certificate.");
    const record: ServerCertificateRecord = {
      ServerCertificateId: certificateId(account),
      ServerCertificateName: req.ServerCertificateName ?? "",
      Fingerprint: parsed.fingerprint,
      CommonName: parsed.commonName,
      ExpireTime: isoSeconds(parsed.expireTimeStamp),
      ResourceGroupId: req.ResourceGroupId || account.defaultResourceGroupId,
      RegionId: req.RegionId,
      Tags: [],
    };
    account.serverCertificates.push(record);
    return record;
  });
}

export function findServerCertificate(account: Account, regionId: string, id: string): ServerCertificateRecord | undefined {
  return account.serverCertificates.find((c) => c.ServerCertificateId === id && c.RegionId === regionId);
}

export function deleteServerCertificate(account: Account, req: { RegionId: string; ServerCertificateId: string }): void {
  call(account, "DeleteServerCertificate", { ...req }, () => {
    if (!findServerCertificate(account, req.RegionId, req.ServerCertificateId)) {
      throw new SlbError("ServerCertificateId.NotFound", `The server certificate ${req.ServerCertificateId} does not exist.`, 404);
    }
    const users = account.listeners.filter((l) => l.ServerCertificateId === req.ServerCertificateId);
    if (users.length > 0) {
      throw new SlbError(
        "CertificateAndPrivateKeyIsRefered",
        `The server certificate ${req.ServerCertificateId} is used by listener(s) ${users.map((l) => l.ListenerId).join(", ")}.`,
      );
    }
    account.serverCertificates = account.serverCertificates.filter((c) => c.ServerCertificateId !== req.ServerCertificateId);
  });
}

// ---- Load balancers and listeners ----

export function createLoadBalancer(account: Account, req: { RegionId: string; Attributes: Record<string, unknown> }): LoadBalancerRecord {
  return call(account, "CreateLoadBalancer", { RegionId: req.RegionId, LoadBalancerName: req.Attributes.load_balancer_name }, () => {
    const record: LoadBalancerRecord = { LoadBalancerId: `lb-${randomChars(23)}`, RegionId: req.RegionId, Attributes: req.Attributes };
    account.loadBalancers.push(record);
    return record;
  });
}

export function findLoadBalancer(account: Account, regionId: string, id: string): LoadBalancerRecord | undefined {
  return account.loadBalancers.find((l) => l.LoadBalancerId === id && l.RegionId === regionId);
}

export function deleteLoadBalancer(account: Account, req: { RegionId: string; LoadBalancerId: string }): void {
  call(account, "DeleteLoadBalancer", { ...req }, () => {
    const lb = findLoadBalancer(account, req.RegionId, req.LoadBalancerId);
    if (!lb) throw new SlbError("InvalidLoadBalancerId.NotFound", `The load balancer ${req.LoadBalancerId} does not exist.`, 404);
    if (lb.Attributes.delete_protection === "on") {
      throw new SlbError("OperationFailed.DeleteProtection", `The load balancer ${req.LoadBalancerId} has deletion protection on.`);
    }
    // Deleting a load balancer deletes its listeners.
    account.listeners = account.listeners.filter((l) => l.LoadBalancerId !== req.LoadBalancerId);
    account.loadBalancers = account.loadBalancers.filter((l) => l !== lb);
  });
}

/** Any in-place change of a load balancer's attributes (SLB spreads these over several Set and Modify actions; one action here). */
export function modifyLoadBalancer(account: Account, req: { RegionId: string; LoadBalancerId: string; Attributes: Record<string, unknown> }): void {
  call(account, "ModifyLoadBalancerAttributes", { RegionId: req.RegionId, LoadBalancerId: req.LoadBalancerId }, () => {
    const lb = findLoadBalancer(account, req.RegionId, req.LoadBalancerId);
    if (!lb) throw new SlbError("InvalidLoadBalancerId.NotFound", `The load balancer ${req.LoadBalancerId} does not exist.`, 404);
    lb.Attributes = req.Attributes;
  });
}

function protocolAction(verb: "CreateLoadBalancer" | "SetLoadBalancer", protocol: string): string {
  return `${verb}${protocol.toUpperCase()}Listener${verb === "SetLoadBalancer" ? "Attribute" : ""}`;
}

export interface ListenerRequest {
  readonly RegionId: string;
  readonly LoadBalancerId: string;
  readonly ListenerProtocol: string;
  readonly ListenerPort: number;
  readonly ServerCertificateId?: string;
  readonly CACertificateId?: string;
  readonly Attributes: Record<string, unknown>;
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
  }
  if (req.CACertificateId) findCaCertificate(account, req.RegionId, req.CACertificateId);
}

function listenerParams(req: ListenerRequest): Record<string, unknown> {
  const { Attributes: _attributes, ...shown } = req;
  return shown;
}

export function createListener(account: Account, req: ListenerRequest): ListenerRecord {
  return call(account, protocolAction("CreateLoadBalancer", req.ListenerProtocol), listenerParams(req), () => {
    checkListenerReferences(account, req);
    if (account.listeners.some((l) => l.LoadBalancerId === req.LoadBalancerId && l.ListenerPort === req.ListenerPort)) {
      throw new SlbError("ListenerAlreadyExists", `The load balancer ${req.LoadBalancerId} has a listener on port ${req.ListenerPort} already.`);
    }
    const record: ListenerRecord = {
      ListenerId: `${req.LoadBalancerId}:${req.ListenerProtocol}:${req.ListenerPort}`,
      LoadBalancerId: req.LoadBalancerId,
      ListenerProtocol: req.ListenerProtocol,
      ListenerPort: req.ListenerPort,
      RegionId: req.RegionId,
      ServerCertificateId: req.ServerCertificateId,
      CACertificateId: req.CACertificateId,
      Attributes: req.Attributes,
    };
    account.listeners.push(record);
    return record;
  });
}

export function findListener(account: Account, regionId: string, id: string): ListenerRecord | undefined {
  return account.listeners.find((l) => l.ListenerId === id && l.RegionId === regionId);
}

export function setListener(account: Account, req: ListenerRequest): ListenerRecord {
  return call(account, protocolAction("SetLoadBalancer", req.ListenerProtocol), listenerParams(req), () => {
    const id = `${req.LoadBalancerId}:${req.ListenerProtocol}:${req.ListenerPort}`;
    const listener = findListener(account, req.RegionId, id);
    if (!listener) throw new SlbError("ListenerNotFound", `The listener ${id} does not exist.`, 404);
    checkListenerReferences(account, req);
    listener.ServerCertificateId = req.ServerCertificateId;
    listener.CACertificateId = req.CACertificateId;
    listener.Attributes = req.Attributes;
    return listener;
  });
}

export function deleteListener(account: Account, req: { RegionId: string; ListenerId: string }): void {
  const listener = findListener(account, req.RegionId, req.ListenerId);
  const [lbId, , port] = req.ListenerId.split(":");
  call(account, "DeleteLoadBalancerListener", { RegionId: req.RegionId, LoadBalancerId: lbId, ListenerPort: Number(port) }, () => {
    if (!listener) throw new SlbError("ListenerNotFound", `The listener ${req.ListenerId} does not exist.`, 404);
    account.listeners = account.listeners.filter((l) => l !== listener);
  });
}
