/**
 * What the emulated account holds, and call(), the one place where an API
 * action is run and recorded. The actions themselves (after Alibaba Cloud's
 * API reference for SLB (CLB) 2014-05-15) are in api/, one file per kind of
 * object; account-file.ts does the I/O.
 *
 * Written from the API documentation; it does not share code with the
 * construct it is used to check.
 */
import { randomBytes, randomInt } from "crypto";
import { faultFor, faultMessage, faultRules as parseFaultRules, FaultRule } from "./faults";
import { LostResponseError, SlbError, newRequestId } from "./slb-error";

export { LostResponseError, SlbError } from "./slb-error";

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
  /** SLB_EMULATOR_LAG visibility: DescribeCACertificates shows it from this time (ms) on. */
  readonly VisibleAt?: number;
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
  /** The instance's attributes, by their Terraform names (set by CreateLoadBalancer and the Set…/Modify… actions). */
  Attributes: Record<string, unknown>;
  /** Tags (TagResources with ResourceType instance); absent in accounts written before tags were emulated. */
  Tags?: Tag[];
  /** CreateLoadBalancer's ClientToken: a repeated request with it answers with this instance. */
  readonly ClientToken?: string;
}

export interface ListenerRecord {
  /** `<LoadBalancerId>:<protocol>:<port>`, the provider's ID of a listener. */
  readonly ListenerId: string;
  readonly LoadBalancerId: string;
  readonly ListenerProtocol: string;
  readonly ListenerPort: number;
  readonly RegionId: string;
  ServerCertificateId?: string;
  /** HTTPS only: the HTTP, TCP and UDP listener actions have no CACertificateId parameter. */
  CACertificateId?: string;
  /** "stopped" after Create…Listener, "running" after StartLoadBalancerListener (absent in older accounts: running). */
  Status?: string;
  /** Its settings by API parameter name (Scheduler, HealthCheck, TLSCipherPolicy …), as Describe<P>ListenerAttribute answers them. */
  Attributes: Record<string, unknown>;
}

/** A resource group the account knows (Resource Manager's CreateResourceGroup); the default one is implied. */
export interface ResourceGroupRecord {
  readonly ResourceGroupId: string;
  readonly Name: string;
}

/** SLB_EMULATOR_LAG release: a CA certificate a listener let go of still counts as used until `Until` (ms). */
export interface CaRelease {
  readonly CACertificateId: string;
  readonly ListenerId: string;
  readonly Until: number;
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
  /** The SLB_EMULATOR_FAIL outcome injected into this call: an error code, or "lost" (it succeeded; the caller got an error). */
  readonly injected?: string;
}

export interface Account {
  readonly accountId: string;
  readonly defaultResourceGroupId: string;
  caCertificates: CaCertificateRecord[];
  serverCertificates: ServerCertificateRecord[];
  loadBalancers: LoadBalancerRecord[];
  listeners: ListenerRecord[];
  calls: CallRecord[];
  /** Calls seen per SLB_EMULATOR_FAIL rule and run (see faults.ts), so the n-th call of a run fails across provider processes. */
  faults: Record<string, number>;
  /** Resource groups made in the account besides the default one; absent in older accounts. */
  resourceGroups?: ResourceGroupRecord[];
  /** Pending SLB_EMULATOR_LAG releases; absent when none were ever made. */
  caReleases?: CaRelease[];
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
    resourceGroups: [],
    caReleases: [],
  };
}

const ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
export function randomChars(n: number): string {
  return Array.from(randomBytes(n), (b) => ALPHABET[b % ALPHABET.length]).join("");
}

export function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** The listener protocols whose Create…Listener, Set…ListenerAttribute and Describe…ListenerAttribute actions the emulator serves. */
export const LISTENER_ACTION_PROTOCOLS = ["HTTP", "HTTPS", "TCP", "UDP"];

/** The Set… and Modify… actions the provider's load balancer Update sends, one per attribute group. */
export const LOAD_BALANCER_UPDATE_ACTIONS = [
  "SetLoadBalancerStatus",
  "SetLoadBalancerDeleteProtection",
  "SetLoadBalancerName",
  "ModifyLoadBalancerInstanceChargeType",
  "ModifyLoadBalancerInstanceSpec",
  "SetLoadBalancerModificationProtection",
  "ModifyLoadBalancerInternetSpec",
  "ModifyLoadBalancerPayType",
];

/** Every action name the emulator serves, so SLB_EMULATOR_FAIL can refuse a misspelt one. */
export const FAULT_ACTIONS: readonly string[] = [
  "UploadCACertificate",
  "DescribeCACertificates",
  "SetCACertificateName",
  "DeleteCACertificate",
  "TagResources",
  "UntagResources",
  "ListTagResources",
  "UploadServerCertificate",
  "DescribeServerCertificates",
  "SetServerCertificateName",
  "DeleteServerCertificate",
  "CreateLoadBalancer",
  "DescribeLoadBalancerAttribute",
  ...LOAD_BALANCER_UPDATE_ACTIONS,
  "DeleteLoadBalancer",
  ...LISTENER_ACTION_PROTOCOLS.map((p) => `CreateLoadBalancer${p}Listener`),
  ...LISTENER_ACTION_PROTOCOLS.map((p) => `SetLoadBalancer${p}ListenerAttribute`),
  ...LISTENER_ACTION_PROTOCOLS.map((p) => `DescribeLoadBalancer${p}ListenerAttribute`),
  "StartLoadBalancerListener",
  "DeleteLoadBalancerListener",
  "CreateResourceGroup",
];

/** The rules of SLB_EMULATOR_FAIL (faults.ts) over the actions the emulator serves. */
export function faultRules(env: NodeJS.ProcessEnv = process.env): FaultRule[] {
  return parseFaultRules(FAULT_ACTIONS, env);
}

/**
 * Runs one API action: honours SLB_EMULATOR_FAIL, records the call with its
 * outcome, and rethrows SLB's error. A `lost` fault runs the action, records
 * its success, then throws LostResponseError: the caller never sees the result.
 */
export function call<T>(account: Account, action: string, params: Record<string, unknown>, run: () => T, env: NodeJS.ProcessEnv = process.env): T {
  const id = newRequestId();
  const record = (result: string, injected?: string) =>
    account.calls.push({
      seq: account.calls.length + 1,
      time: new Date().toISOString(),
      action,
      params,
      result,
      requestId: id,
      ...(injected ? { injected } : {}),
    });
  let fault: FaultRule | undefined;
  try {
    fault = faultFor(account.faults, action, faultRules(env));
    if (fault?.outcome.kind === "error") throw new SlbError(fault.outcome.code, faultMessage(fault.outcome.code), fault.outcome.httpStatus, id);
    const value = run();
    if (fault?.outcome.kind === "lost") {
      record("Success", "lost");
      throw new LostResponseError(action);
    }
    record("Success");
    return value;
  } catch (error) {
    if (error instanceof SlbError && !(error instanceof LostResponseError)) {
      error.action ||= action;
      record(error.code, fault?.outcome.kind === "error" ? fault.outcome.code : undefined);
    }
    throw error;
  }
}
