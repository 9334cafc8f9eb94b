import { TerraformStack, TerraformVariable, Testing } from "cdktf";
import { CaCertificate, CaCertificateValidator } from "../constructs";
import { thrown } from "./support/construct-findings";
import { fixture } from "./support/fixtures";
import { newStack, testApp } from "./support/stack";

const codes = (tags: Record<string, string> | undefined) => CaCertificateValidator.validateTags(tags).map((p) => p.code);
const many = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, "v"]));

describe("CaCertificateValidator.validateTags", () => {
  it("accepts no tags, 20 tags, an empty value, 64-character keys and 128-character values", () => {
    expect(codes(undefined)).toEqual([]);
    expect(codes(many(20))).toEqual([]);
    expect(codes({ owner: "" })).toEqual([]);
    expect(codes({ ["k".repeat(64)]: "v".repeat(128) })).toEqual([]);
  });

  it("refuses a 65-character key, naming TagResources' rule, which the provider's tagging meets (UploadCACertificate's 128 never applies)", () => {
    expect(CaCertificateValidator.validateTags({ ["k".repeat(65)]: "v" })).toEqual([
      {
        code: "InvalidParam.TagKey",
        message: `tag key "${"k".repeat(60)}..." is 65 characters long; TagResources, the call that carries tags, takes keys of 1 to 64 characters (UploadCACertificate's reference allows 128, but the provider uploads without tags).`,
      },
    ]);
  });

  it("refuses 21 tags with SizeLimitExceeded.Tag, naming both APIs", () => {
    expect(codes(many(21))).toEqual(["SizeLimitExceeded.Tag"]);
    expect(CaCertificateValidator.validateTags(many(21))[0].message).toBe(
      "21 tags given; UploadCACertificate and TagResources allow at most 20 on a resource.",
    );
  });

  it("counts characters, not UTF-16 units", () => {
    expect(codes({ owner: "🔒".repeat(128) })).toEqual([]);
    expect(codes({ owner: "🔒".repeat(129) })).toEqual(["InvalidParam.TagValue"]);
    expect(codes({ ["🔒".repeat(64)]: "v" })).toEqual([]);
    expect(codes({ ["🔒".repeat(65)]: "v" })).toEqual(["InvalidParam.TagKey"]);
  });

  it("refuses an empty key with MissingParam.TagKey", () => {
    expect(codes({ "": "v" })).toEqual(["MissingParam.TagKey"]);
    expect(CaCertificateValidator.validateTags({ "": "v" })[0].message).toBe("a tag key is empty; UploadCACertificate and TagResources refuse an empty key.");
  });

  it.each([
    ["65 characters", "k".repeat(65)],
    ["129 characters", "k".repeat(129)],
    ['the prefix "acs:"', "acs:owner"],
    ['the prefix "aliyun"', "aliyunOwner"],
    ['"http://"', "see-http://x"],
    ['"https://"', "https://x"],
  ])("refuses a key with %s with InvalidParam.TagKey", (_what, key) => {
    expect(codes({ [key]: "v" })).toEqual(["InvalidParam.TagKey"]);
  });

  it.each([
    ["129 characters", "v".repeat(129)],
    ['the prefix "acs:"', "acs:x"],
    ['the prefix "aliyun"', "aliyun-team"],
    ['"http://"', "http://example.com"],
    ['"https://"', "docs at https://example.com"],
  ])("refuses a value with %s with InvalidParam.TagValue", (_what, value) => {
    expect(codes({ owner: value })).toEqual(["InvalidParam.TagValue"]);
  });

  it("reports every bad tag, naming the value and the rule", () => {
    const problems = CaCertificateValidator.validateTags({ "acs:a": "x", b: "https://y" });
    expect(problems.map((p) => p.code)).toEqual(["InvalidParam.TagKey", "InvalidParam.TagValue"]);
    expect(problems[0].message).toBe(
      'tag key "acs:a" starts with the reserved prefix "acs:"; UploadCACertificate and TagResources refuse a key that starts with "acs:" or "aliyun" or contains "http://" or "https://".',
    );
    expect(problems[1].message).toBe(
      'the value of tag "b", "https://y", contains "https://"; UploadCACertificate and TagResources refuse a value that starts with "acs:" or "aliyun" or contains "http://" or "https://".',
    );
    expect(CaCertificateValidator.validateTags({ owner: "v".repeat(129) })[0].message).toBe(
      `the value of tag "owner", "${"v".repeat(60)}...", is 129 characters long; UploadCACertificate and TagResources take values of 0 to 128 characters.`,
    );
    // The length once, in characters: a 65-emoji key is 130 UTF-16 units, which the message does not show.
    expect(CaCertificateValidator.validateTags({ ["🔒".repeat(65)]: "v" })[0].message).toMatch(/^tag key "(🔒){30}\.\.\." is 65 characters long; /);
  });

  it("a CaCertificate with a 65-character key fails synth with InvalidParam.TagKey naming TagResources; with 64 it synthesizes", () => {
    const stack = () => {
      const s = newStack();
      return s;
    };
    const error = thrown(() => new CaCertificate(stack(), "ClientCa", { caCertificate: fixture("root-rsa2048.pem"), tags: { ["k".repeat(65)]: "v" } }));
    expect(error.problems.map((p) => p.code)).toEqual(["InvalidParam.TagKey"]);
    expect(error.message).toContain("TagResources, the call that carries tags, takes keys of 1 to 64 characters");
    const ok = stack();
    new CaCertificate(ok, "ClientCa", { caCertificate: fixture("root-rsa2048.pem"), tags: { ["k".repeat(64)]: "v" } });
    const resources = Object.values(JSON.parse(Testing.synth(ok, true)).resource.alicloud_slb_ca_certificate);
    expect(resources).toEqual([expect.objectContaining({ tags: { ["k".repeat(64)]: "v" } })]);
  });

  it("skips values only known at deploy time", () => {
    const stack = new TerraformStack(testApp(), "s");
    const owner = new TerraformVariable(stack, "owner", { type: "string" });
    expect(codes({ owner: owner.stringValue })).toEqual([]);
  });
});
