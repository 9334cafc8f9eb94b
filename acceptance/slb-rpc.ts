/**
 * A minimal client of SLB's RPC API (2014-05-15) for the sweeper: signature
 * method HMAC-SHA1, version 1.0, as Alibaba Cloud's "request signatures" page
 * describes it (its worked example is the unit test). Credentials are the
 * provider's own variables.
 */
import { createHmac, randomUUID } from "crypto";

export interface Credentials {
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
  readonly securityToken?: string;
  readonly region: string;
  /** SLB's endpoint host; default slb.aliyuncs.com. */
  readonly endpoint: string;
}

/** The provider's credential variables (both spellings it reads); undefined when none are set. */
export function credentialsFromEnv(env: NodeJS.ProcessEnv = process.env): Credentials | undefined {
  const accessKeyId = env.ALICLOUD_ACCESS_KEY || env.ALIBABA_CLOUD_ACCESS_KEY_ID;
  const accessKeySecret = env.ALICLOUD_SECRET_KEY || env.ALIBABA_CLOUD_ACCESS_KEY_SECRET;
  if (!accessKeyId || !accessKeySecret) return undefined;
  return {
    accessKeyId,
    accessKeySecret,
    securityToken: env.ALICLOUD_SECURITY_TOKEN || env.ALIBABA_CLOUD_SECURITY_TOKEN || undefined,
    region: env.ALICLOUD_REGION || "cn-hangzhou",
    endpoint: env.ALICLOUD_SLB_ENDPOINT || "slb.aliyuncs.com",
  };
}

/** RFC 3986 encoding as the signature wants it: encodeURIComponent, plus ! ' ( ) * encoded. */
export function percentEncode(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** The Signature parameter of a request with `params` (every parameter but Signature). */
export function signRpc(method: string, params: Readonly<Record<string, string>>, accessKeySecret: string): string {
  const canonical = Object.keys(params)
    .sort()
    .map((k) => `${percentEncode(k)}=${percentEncode(params[k])}`)
    .join("&");
  const stringToSign = `${method}&${percentEncode("/")}&${percentEncode(canonical)}`;
  return createHmac("sha1", `${accessKeySecret}&`).update(stringToSign).digest("base64");
}

/** SLB's refusal: its code and message. */
export class SlbApiError extends Error {
  constructor(
    public readonly code: string,
    message: string,
  ) {
    super(`${code}: ${message}`);
  }
}

/** Calls one SLB action; the answer's JSON, or SlbApiError. */
export async function callSlb(credentials: Credentials, action: string, params: Record<string, string>): Promise<Record<string, unknown>> {
  const all: Record<string, string> = {
    Action: action,
    Format: "JSON",
    Version: "2014-05-15",
    AccessKeyId: credentials.accessKeyId,
    SignatureMethod: "HMAC-SHA1",
    SignatureVersion: "1.0",
    SignatureNonce: randomUUID(),
    Timestamp: new Date().toISOString().replace(/\.\d{3}Z$/, "Z"),
    RegionId: credentials.region,
    ...(credentials.securityToken ? { SecurityToken: credentials.securityToken } : {}),
    ...params,
  };
  const signature = signRpc("GET", all, credentials.accessKeySecret);
  const query = Object.entries({ ...all, Signature: signature })
    .map(([k, v]) => `${percentEncode(k)}=${percentEncode(v)}`)
    .join("&");
  const response = await fetch(`https://${credentials.endpoint}/?${query}`);
  const body = (await response.json()) as Record<string, unknown>;
  if (!response.ok) throw new SlbApiError(String(body.Code ?? response.status), String(body.Message ?? response.statusText));
  return body;
}
