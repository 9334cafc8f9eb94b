import { RULES, RuleCode, ruleMessage } from "../constructs/rules";

describe("rule codes are a typed union derived from RULES", () => {
  it("a known code type-checks and formats as an annotation", () => {
    const code: RuleCode = "CACertificate.NoClientAuth";
    expect(ruleMessage(code, "message")).toBe("CACertificate.NoClientAuth: message");
  });

  it("a mistyped code does not compile", () => {
    // @ts-expect-error: "CACertificate.NotCa" is not a rule code (it is NotCA); tsc fails if this line ever compiles.
    const mistyped: RuleCode = "CACertificate.NotCa";
    expect(RULES.map((rule) => rule.code)).not.toContain(mistyped);
  });

  it("codes are unique", () => {
    const codes = RULES.map((rule) => rule.code);
    expect(new Set(codes).size).toBe(codes.length);
  });
});
