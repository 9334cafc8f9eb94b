import * as path from "path";

/** What the example app reads from its environment. */
export interface AppConfig {
  /** ALICLOUD_REGION, the variable the alicloud provider itself reads. */
  readonly region: string;
  /** CA_CERTIFICATE_FILE: the CA that signs your clients' certificates. */
  readonly caCertificateFile: string;
  /** SERVER_CERTIFICATE_FILE: the HTTPS listener's certificate (public part only). */
  readonly serverCertificateFile: string;
  /** CA_POLICY_FILE: the organisation's CaCertificatePolicy, as JSON. */
  readonly policyFile: string;
  /** Set when STATE_OSS_BUCKET is: every stack keeps its state in OSS. */
  readonly ossState?: OssStateConfig;
}

/** Remote state in OSS, with optional TableStore locking. */
export interface OssStateConfig {
  /** STATE_OSS_BUCKET */
  readonly bucket: string;
  /** STATE_OSS_REGION; defaults to the app's region. */
  readonly region: string;
  /** STATE_OSS_PREFIX; each stack's state lives under `<prefix>/<stack>`. */
  readonly prefix: string;
  /** STATE_TABLESTORE_ENDPOINT, for state locking. */
  readonly tablestoreEndpoint?: string;
  /** STATE_TABLESTORE_TABLE (primary key `LockID`, string). */
  readonly tablestoreTable?: string;
}

const CERTS = path.join(__dirname, "..", "examples", "certs");

/** Reads the app's configuration; defaults make the app synthesize out of the box. */
export function readConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const region = env.ALICLOUD_REGION || "cn-hangzhou";
  const bucket = env.STATE_OSS_BUCKET;
  return {
    region,
    caCertificateFile: env.CA_CERTIFICATE_FILE || path.join(CERTS, "sample-root-ca.pem"),
    serverCertificateFile: env.SERVER_CERTIFICATE_FILE || path.join(CERTS, "server.pem"),
    policyFile: env.CA_POLICY_FILE || path.join(__dirname, "..", "policy", "example-policy.json"),
    ossState: bucket
      ? {
          bucket,
          region: env.STATE_OSS_REGION || region,
          prefix: env.STATE_OSS_PREFIX || "cdktf/slb-ca",
          tablestoreEndpoint: env.STATE_TABLESTORE_ENDPOINT || undefined,
          tablestoreTable: env.STATE_TABLESTORE_TABLE || undefined,
        }
      : undefined,
  };
}
