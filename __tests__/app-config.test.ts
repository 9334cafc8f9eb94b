/** The example app's environment is checked at start: every mistake at once, each naming its variable. */
import * as fs from "fs";
import * as path from "path";
import { AppConfigError } from "../app/app-config-error";
import { readConfig } from "../app/config";

const POLICY = path.join(__dirname, "..", "policy", "example-policy.json");

function mistakes(env: NodeJS.ProcessEnv): readonly string[] {
  try {
    readConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(AppConfigError);
    return (error as AppConfigError).problems;
  }
  return [];
}

const REGION_RULE = "a region ID is lowercase words and digits joined by hyphens, such as cn-hangzhou or ap-southeast-1.";
const BUCKET_RULE = "an OSS bucket name is 3 to 63 characters: lowercase letters, digits and hyphens, starting and ending with a letter or digit.";

describe("readConfig", () => {
  it("defaults make the example work with an empty environment; empty values count as unset", () => {
    expect(readConfig({}).region).toBe("cn-hangzhou");
    expect(readConfig({ ALICLOUD_REGION: "", STATE_OSS_BUCKET: "" })).toEqual(readConfig({}));
  });

  it("accepts a well-formed region it does not know (the construct warns about those)", () => {
    for (const region of ["cn-hangzhou", "ap-southeast-1", "eu-central-1", "rus-west-1", "cn-shanghai-finance-1", "xx-newplace-9"]) {
      expect(mistakes({ ALICLOUD_REGION: region })).toEqual([]);
    }
  });

  it.each(["Hangzhou", "cn_hangzhou", " cn-hangzhou", "cn-hangzhou\n", "cn", "cn-", "https://cn-hangzhou"])("refuses ALICLOUD_REGION %j", (region) => {
    expect(mistakes({ ALICLOUD_REGION: region })).toEqual([`ALICLOUD_REGION is ${JSON.stringify(region)}: ${REGION_RULE}`]);
  });

  it("falls back to ALIBABA_CLOUD_REGION, the provider's other name for the region, with the same rule", () => {
    expect(readConfig({ ALIBABA_CLOUD_REGION: "ap-southeast-1" }).region).toBe("ap-southeast-1");
    expect(readConfig({ ALIBABA_CLOUD_REGION: "ap-southeast-1", STATE_OSS_BUCKET: "my-state-1" }).ossState?.region).toBe("ap-southeast-1");
    expect(readConfig({ ALICLOUD_REGION: "", ALIBABA_CLOUD_REGION: "cn-beijing" }).region).toBe("cn-beijing");
    expect(readConfig({ ALICLOUD_REGION: "cn-beijing", ALIBABA_CLOUD_REGION: "cn-beijing" }).region).toBe("cn-beijing");
    expect(mistakes({ ALIBABA_CLOUD_REGION: "Hangzhou" })).toEqual([`ALIBABA_CLOUD_REGION is "Hangzhou": ${REGION_RULE}`]);
  });

  it("refuses ALICLOUD_REGION and ALIBABA_CLOUD_REGION that differ, in one line", () => {
    expect(mistakes({ ALICLOUD_REGION: "cn-beijing", ALIBABA_CLOUD_REGION: "cn-shanghai" })).toEqual([
      'ALICLOUD_REGION is "cn-beijing" but ALIBABA_CLOUD_REGION is "cn-shanghai": both name the region; unset one, or set both to the same region.',
    ]);
  });

  it.each(["http://locks.cn-shanghai.ots.aliyuncs.com", "ftp://locks.example", "HTTP://x.example"])(
    "refuses STATE_TABLESTORE_ENDPOINT %j: https only",
    (endpoint) => {
      expect(mistakes({ STATE_OSS_BUCKET: "my-state-1", STATE_TABLESTORE_ENDPOINT: endpoint, STATE_TABLESTORE_TABLE: "locks" })).toEqual([
        `STATE_TABLESTORE_ENDPOINT is ${JSON.stringify(endpoint)}: not an https:// URL, such as https://my-instance.cn-hangzhou.ots.aliyuncs.com.`,
      ]);
    },
  );

  it("accepts OSS state settings that follow the rules", () => {
    const env = {
      STATE_OSS_BUCKET: "my-state-1",
      STATE_OSS_REGION: "cn-shanghai",
      STATE_OSS_PREFIX: "teams/edge",
      STATE_TABLESTORE_ENDPOINT: "https://locks.cn-shanghai.ots.aliyuncs.com",
      STATE_TABLESTORE_TABLE: "terraform_locks",
    };
    expect(readConfig(env).ossState).toEqual({
      bucket: "my-state-1",
      region: "cn-shanghai",
      prefix: "teams/edge",
      tablestoreEndpoint: "https://locks.cn-shanghai.ots.aliyuncs.com",
      tablestoreTable: "terraform_locks",
    });
  });

  it.each(["ab", "a".repeat(64), "My-Bucket", "my_bucket", "-bucket", "bucket-", "my.bucket"])("refuses STATE_OSS_BUCKET %j", (bucket) => {
    expect(mistakes({ STATE_OSS_BUCKET: bucket })).toEqual([`STATE_OSS_BUCKET is ${JSON.stringify(bucket)}: ${BUCKET_RULE}`]);
  });

  it("accepts bucket names at the length limits", () => {
    expect(mistakes({ STATE_OSS_BUCKET: "abc" })).toEqual([]);
    expect(mistakes({ STATE_OSS_BUCKET: "a".repeat(63) })).toEqual([]);
  });

  it.each(["/state", "state/", "a//b", "a/../b", "./a", "a\\b", "a\tb", "x".repeat(901)])("refuses STATE_OSS_PREFIX %j", (prefix) => {
    expect(mistakes({ STATE_OSS_BUCKET: "state", STATE_OSS_PREFIX: prefix })).toEqual([
      expect.stringMatching(/^STATE_OSS_PREFIX is ".*: a prefix is path segments joined by "\/"/),
    ]);
  });

  it("reports every mistake at once, each naming its variable", () => {
    const problems = mistakes({
      ALICLOUD_REGION: "Hangzhou",
      CA_CERTIFICATE_FILE: "/nonexistent/ca.pem",
      SERVER_CERTIFICATE_FILE: "/nonexistent/server.pem",
      CA_POLICY_FILE: "/nonexistent/policy.json",
      STATE_OSS_BUCKET: "My_Bucket",
      STATE_OSS_REGION: "oss cn-hangzhou",
      STATE_OSS_PREFIX: "/state/",
      STATE_TABLESTORE_ENDPOINT: "locks.example",
    });
    expect(problems.map((p) => p.split(" ")[0])).toEqual([
      "ALICLOUD_REGION",
      "CA_CERTIFICATE_FILE",
      "SERVER_CERTIFICATE_FILE",
      "CA_POLICY_FILE",
      "STATE_OSS_BUCKET",
      "STATE_OSS_REGION",
      "STATE_OSS_PREFIX",
      "STATE_TABLESTORE_ENDPOINT",
      "STATE_TABLESTORE_ENDPOINT",
    ]);
    expect(problems).toContain('CA_CERTIFICATE_FILE is "/nonexistent/ca.pem": no such file; point it at an existing file, or unset it for the example.');
    expect(problems).toContain('STATE_TABLESTORE_ENDPOINT is "locks.example": not an https:// URL, such as https://my-instance.cn-hangzhou.ots.aliyuncs.com.');
    expect(problems).toContain('STATE_TABLESTORE_ENDPOINT is "locks.example": set without STATE_TABLESTORE_TABLE; state locking needs both.');
    for (const problem of problems) expect(problem).not.toContain("\n");
  });

  it("names a relative file path's working directory", () => {
    expect(mistakes({ CA_POLICY_FILE: "policy/missing.json" })).toEqual([
      `CA_POLICY_FILE is "policy/missing.json": no such file (relative to the working directory, ${JSON.stringify(process.cwd())}); point it at an existing file, or unset it for the example.`,
    ]);
    expect(mistakes({ CA_POLICY_FILE: POLICY })).toEqual([]);
  });

  it("never repeats PEM text handed over where a file path belongs: it may be a key", () => {
    const key = fs.readFileSync(path.join(__dirname, "..", "examples", "certs", "server.key"), "utf8");
    expect(mistakes({ SERVER_CERTIFICATE_FILE: key, CA_CERTIFICATE_FILE: key.replace(/\n/g, " ") })).toEqual([
      `CA_CERTIFICATE_FILE holds ${key.length} characters of text, not a file path (PEM text?): save it to a file and give that file's path.`,
      `SERVER_CERTIFICATE_FILE holds ${key.length} characters of text, not a file path (PEM text?): save it to a file and give that file's path.`,
    ]);
  });

  it("refuses state settings without STATE_OSS_BUCKET: they would be ignored and state would stay local", () => {
    expect(mistakes({ STATE_OSS_REGION: "cn-hangzhou", STATE_TABLESTORE_TABLE: "locks" })).toEqual([
      'STATE_OSS_REGION is "cn-hangzhou": set without STATE_OSS_BUCKET, so it would be ignored and state would stay local; set STATE_OSS_BUCKET too, or unset it.',
      'STATE_TABLESTORE_TABLE is "locks": set without STATE_OSS_BUCKET, so it would be ignored and state would stay local; set STATE_OSS_BUCKET too, or unset it.',
    ]);
  });

  it("reports a bad shape as well as the missing bucket: STATE_OSS_PREFIX=a//b alone", () => {
    expect(mistakes({ STATE_OSS_PREFIX: "a//b" })).toEqual([
      expect.stringMatching(/^STATE_OSS_PREFIX is "a\/\/b": a prefix is path segments joined by "\/"/),
      'STATE_OSS_PREFIX is "a//b": set without STATE_OSS_BUCKET, so it would be ignored and state would stay local; set STATE_OSS_BUCKET too, or unset it.',
    ]);
  });

  it("shows a hostile value quoted and escaped, on one line", () => {
    expect(mistakes({ ALICLOUD_REGION: "cn\u001b[2J\r\nhangzhou" })).toEqual([`ALICLOUD_REGION is "cn\\u001b[2J\\r\\nhangzhou": ${REGION_RULE}`]);
  });
});
