import { CaCertificateValidator } from "../constructs";
import { caCertificateNameProblem } from "../emulator/name-rules";

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

  const RULE =
    'SetCACertificateName, which renames the certificate on update, takes 1 to 80 characters, starting with an English letter or a Chinese character, then English letters, Chinese characters, digits, ".", "_" or "-" (UploadCACertificate states no rule). ' +
    'A Chinese character is one of U+4E00 to U+9FA5: the reference says "Chinese" with no range, and this, the narrowest reading, is the one the local cloud applies.';

  it("says what is wrong and what is allowed", () => {
    expect(CaCertificateValidator.validateName("1ca")[0].message).toBe(
      `name "1ca" starts with "1" (U+0031), not an English letter or a Chinese character; ${RULE}`,
    );
    expect(CaCertificateValidator.validateName("ca ok")[0].message).toBe(`name "ca ok" holds " " (U+0020), which is not allowed; ${RULE}`);
    expect(CaCertificateValidator.validateName("x".repeat(81))[0].message).toBe(`name "${"x".repeat(60)}..." is 81 characters long; ${RULE}`);
  });

  describe("Chinese characters are U+4E00 to U+9FA5, exactly", () => {
    it.each([
      ["U+4E00 (the first)", "\u4e00"],
      ["U+9FA5 (the last)", "\u9fa5"],
    ])("accepts %s first and later", (_what, c) => {
      expect(nameCodes(`${c}ca`)).toEqual([]);
      expect(nameCodes(`ca${c}`)).toEqual([]);
    });

    it.each([
      ["U+4DFF (just below)", "\u4dff", "4DFF"],
      ["U+9FA6 (just above)", "\u9fa6", "9FA6"],
      ["U+3400 (CJK Extension A)", "\u3400", "3400"],
      ["U+20000 (CJK Extension B, outside the BMP)", "\u{20000}", "20000"],
    ])("refuses %s first and later, naming it", (_what, c, code) => {
      expect(CaCertificateValidator.validateName(`${c}ca`)[0].message).toBe(
        `name ${JSON.stringify(`${c}ca`)} starts with ${JSON.stringify(c)} (U+${code}), not an English letter or a Chinese character; ${RULE}`,
      );
      expect(CaCertificateValidator.validateName(`ca${c}`)[0].message).toBe(
        `name ${JSON.stringify(`ca${c}`)} holds ${JSON.stringify(c)} (U+${code}), which is not allowed; ${RULE}`,
      );
    });

    it("agrees with the local cloud's rule at each boundary (emulator/name-rules.ts)", () => {
      for (const c of ["\u4dff", "\u4e00", "\u9fa5", "\u9fa6"]) {
        for (const name of [`${c}ca`, `ca${c}`]) {
          expect(nameCodes(name).length === 0).toBe(caCertificateNameProblem(name) === undefined);
        }
      }
    });
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
