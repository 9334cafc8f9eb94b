import * as fs from "fs";
import * as path from "path";
import { OssState } from "../constructs";
import { AppConfigError } from "./app-config-error";

/** What the example app reads from its environment. */
export interface AppConfig {
  /** ALICLOUD_REGION, else ALIBABA_CLOUD_REGION: the variables the alicloud provider itself reads. */
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

// Shapes only: a well-formed region this app does not know (Alibaba Cloud adds regions) gets the construct's warning.
const REGION_ID = /^[a-z]{2,4}(-[a-z0-9]+){1,4}$/;
const REGION_RULE = "a region ID is lowercase words and digits joined by hyphens, such as cn-hangzhou or ap-southeast-1";
// OSS bucket naming rules.
const OSS_BUCKET = /^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/;
const OSS_BUCKET_RULE = "an OSS bucket name is 3 to 63 characters: lowercase letters, digits and hyphens, starting and ending with a letter or digit";
const PREFIX_MAX = 900;
const PREFIX_RULE = `a prefix is path segments joined by "/" (at most ${PREFIX_MAX} characters), with no leading or trailing "/", no empty, "." or ".." segment, no backslash and no control character`;
// TableStore table names.
const TABLESTORE_TABLE = /^[A-Za-z_][A-Za-z0-9_]{0,254}$/;
// The provider's two names for the region (alicloud/provider.go at v1.257.0); a pipeline may set either.
const REGION_VARIABLES = ["ALICLOUD_REGION", "ALIBABA_CLOUD_REGION"] as const;
const FILE_VARIABLES = ["CA_CERTIFICATE_FILE", "SERVER_CERTIFICATE_FILE", "CA_POLICY_FILE"] as const;
const STATE_SETTINGS = ["STATE_OSS_REGION", "STATE_OSS_PREFIX", "STATE_TABLESTORE_ENDPOINT", "STATE_TABLESTORE_TABLE"] as const;

/** A value as a message shows it: quoted and escaped, so that it stays on one line; long values cut. */
function shown(value: string): string {
  return value.length > 300 ? `${JSON.stringify(value.slice(0, 300))}... (${value.length} characters)` : JSON.stringify(value);
}

function isSanePrefix(prefix: string): boolean {
  return (
    prefix.length <= PREFIX_MAX &&
    // eslint-disable-next-line no-control-regex -- control characters are what this refuses
    !/[\u0000-\u001f\u007f\\]/.test(prefix) &&
    prefix.split("/").every((segment) => segment !== "" && segment !== "." && segment !== "..")
  );
}

function isHttpsUrl(text: string): boolean {
  try {
    return new URL(text).protocol === "https:";
  } catch {
    return false;
  }
}

/** Every mistake in the environment, one line each, naming the variable. Empty values count as unset. */
export function environmentProblems(env: NodeJS.ProcessEnv): string[] {
  const problems: string[] = [];
  const value = (name: string) => env[name] || undefined;
  const refuse = (name: string, rule: string) => problems.push(`${name} is ${shown(value(name) ?? "")}: ${rule}.`);
  for (const name of REGION_VARIABLES) {
    const region = value(name);
    if (region !== undefined && !REGION_ID.test(region)) refuse(name, REGION_RULE);
  }
  const [alicloud, alibabaCloud] = REGION_VARIABLES.map(value);
  if (alicloud !== undefined && alibabaCloud !== undefined && alicloud !== alibabaCloud && REGION_ID.test(alicloud) && REGION_ID.test(alibabaCloud)) {
    problems.push(
      `ALICLOUD_REGION is ${shown(alicloud)} but ALIBABA_CLOUD_REGION is ${shown(alibabaCloud)}: both name the region; unset one, or set both to the same region.`,
    );
  }
  for (const name of FILE_VARIABLES) {
    const file = value(name);
    if (file !== undefined && (/[\r\n]/.test(file) || file.includes("-----") || file.length > 1024)) {
      // PEM text where a path belongs: never repeated, it may hold a key.
      problems.push(`${name} holds ${file.length} characters of text, not a file path (PEM text?): save it to a file and give that file's path.`);
    } else if (file !== undefined && !fs.existsSync(file)) {
      const where = path.isAbsolute(file) ? "" : ` (relative to the working directory, ${JSON.stringify(process.cwd())})`;
      refuse(name, `no such file${where}; point it at an existing file, or unset it for the example`);
    }
  }
  // Each state setting's shape is checked with or without a bucket: a user fixes both mistakes in one round.
  const bucket = value("STATE_OSS_BUCKET");
  if (bucket !== undefined && !OSS_BUCKET.test(bucket)) refuse("STATE_OSS_BUCKET", OSS_BUCKET_RULE);
  const ossRegion = value("STATE_OSS_REGION");
  if (ossRegion !== undefined && !REGION_ID.test(ossRegion)) refuse("STATE_OSS_REGION", REGION_RULE);
  const prefix = value("STATE_OSS_PREFIX");
  if (prefix !== undefined && !isSanePrefix(prefix)) refuse("STATE_OSS_PREFIX", PREFIX_RULE);
  const endpoint = value("STATE_TABLESTORE_ENDPOINT");
  const table = value("STATE_TABLESTORE_TABLE");
  if (endpoint !== undefined && !isHttpsUrl(endpoint))
    refuse("STATE_TABLESTORE_ENDPOINT", "not an https:// URL, such as https://my-instance.cn-hangzhou.ots.aliyuncs.com");
  if (table !== undefined && !TABLESTORE_TABLE.test(table))
    refuse("STATE_TABLESTORE_TABLE", "a TableStore table name is letters, digits and underscores, not starting with a digit");
  if (bucket === undefined) {
    for (const name of STATE_SETTINGS) {
      if (value(name) !== undefined)
        refuse(name, "set without STATE_OSS_BUCKET, so it would be ignored and state would stay local; set STATE_OSS_BUCKET too, or unset it");
    }
    return problems;
  }
  if ((endpoint === undefined) !== (table === undefined)) {
    const [set, missing] =
      endpoint === undefined ? ["STATE_TABLESTORE_TABLE", "STATE_TABLESTORE_ENDPOINT"] : ["STATE_TABLESTORE_ENDPOINT", "STATE_TABLESTORE_TABLE"];
    refuse(set, `set without ${missing}; state locking needs both`);
  }
  return problems;
}

/**
 * Reads the app's configuration; defaults make the app synthesize out of the box.
 * @throws AppConfigError listing every mistake in the environment, each naming its variable
 */
export function readConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const problems = environmentProblems(env);
  if (problems.length > 0) throw new AppConfigError(problems);
  const region = env.ALICLOUD_REGION || env.ALIBABA_CLOUD_REGION || "cn-hangzhou";
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
          prefix: env.STATE_OSS_PREFIX || OssState.DEFAULT_PREFIX,
          tablestoreEndpoint: env.STATE_TABLESTORE_ENDPOINT || undefined,
          tablestoreTable: env.STATE_TABLESTORE_TABLE || undefined,
        }
      : undefined,
  };
}
