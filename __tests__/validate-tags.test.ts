import { TerraformStack, TerraformVariable, Testing } from "cdktf";
import { CaCertificateValidator } from "../constructs";

const codes = (tags: Record<string, string> | undefined) => CaCertificateValidator.validateTags(tags).map((p) => p.code);
const many = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, "v"]));

describe("CaCertificateValidator.validateTags", () => {
  it("accepts no tags, 20 tags, an empty value and 128-character keys and values", () => {
    expect(codes(undefined)).toEqual([]);
    expect(codes(many(20))).toEqual([]);
    expect(codes({ owner: "" })).toEqual([]);
    expect(codes({ ["k".repeat(128)]: "v".repeat(128) })).toEqual([]);
  });

  it("refuses 21 tags with SizeLimitExceeded.Tag", () => {
    expect(codes(many(21))).toEqual(["SizeLimitExceeded.Tag"]);
    expect(CaCertificateValidator.validateTags(many(21))[0].message).toBe("21 tags given; a resource holds at most 20.");
  });

  it("counts characters, not UTF-16 units", () => {
    expect(codes({ owner: "🔒".repeat(128) })).toEqual([]);
    expect(codes({ owner: "🔒".repeat(129) })).toEqual(["InvalidParam.TagValue"]);
  });

  it("refuses an empty key with MissingParam.TagKey", () => {
    expect(codes({ "": "v" })).toEqual(["MissingParam.TagKey"]);
  });

  it.each([
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
      'tag key "acs:a" starts with the reserved prefix "acs:"; a key has 1 to 128 characters, does not start with "acs:" or "aliyun", and contains no "http://" or "https://".',
    );
    expect(problems[1].message).toContain('"https://y"');
  });

  it("skips values only known at deploy time", () => {
    const stack = new TerraformStack(Testing.app(), "s");
    const owner = new TerraformVariable(stack, "owner", { type: "string" });
    expect(codes({ owner: owner.stringValue })).toEqual([]);
  });
});
