import { CaCertificateValidator } from "../constructs";

const nameCodes = (name: string) => CaCertificateValidator.validateName(name).map((p) => p.code);

describe("CaCertificateValidator.validateName", () => {
  it.each(["a", "client-ca", "Client.CA_2026", "客户端证书", "证书-ca.1", "x".repeat(80)])("accepts %s", (name) => {
    expect(nameCodes(name)).toEqual([]);
  });

  it.each([
    ["empty", ""],
    ["81 characters", "x".repeat(81)],
    ["starting with a digit", "1ca"],
    ["starting with a dash", "-ca"],
    ["a space", "client ca"],
    ["a slash", "client/ca"],
    ["a non-English letter first", "Ωca"],
  ])("refuses a name %s with InvalidParam.CACertificateName", (_what, name) => {
    expect(nameCodes(name)).toEqual(["InvalidParam.CACertificateName"]);
  });

  it("says what is wrong and what is allowed", () => {
    expect(CaCertificateValidator.validateName("1ca")[0].message).toBe(
      'name "1ca" does not start with an English letter or a Chinese character; SetCACertificateName, which renames the certificate on update, takes 1 to 80 characters, starting with an English letter or a Chinese character, then English letters, Chinese characters, digits, ".", "_" or "-" (UploadCACertificate states no rule).',
    );
  });
});

describe("CaCertificateValidator.validateResourceGroupId", () => {
  it("accepts rg- followed by lowercase letters and digits", () => {
    expect(CaCertificateValidator.validateResourceGroupId("rg-acfmxazb4ph6aiy")).toEqual([]);
    expect(CaCertificateValidator.validateResourceGroupId(undefined)).toEqual([]);
  });

  it.each(["acfmxazb4ph6aiy", "rg-", "RG-abc", "rg-ABC", "rg_abc", "rg-abc-def"])("refuses %s with InvalidParam.ResourceGroupId", (id) => {
    expect(CaCertificateValidator.validateResourceGroupId(id).map((p) => p.code)).toEqual(["InvalidParam.ResourceGroupId"]);
  });

  it("says where the form comes from, and which call carries the ID", () => {
    expect(CaCertificateValidator.validateResourceGroupId("default")[0].message).toBe(
      'resource group ID "default" is not of the form "rg-" followed by lowercase letters and digits (for example "rg-acfmxazb4ph6aiy"), the form of Resource Manager\'s IDs; UploadCACertificate, which carries it, states none and refuses at deploy an ID the account does not have.',
    );
  });
});
