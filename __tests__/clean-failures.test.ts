/**
 * What a user sees when synth fails: each problem once, with code and construct
 * path, no stack frames and no object dumps; a bug keeps its stack.
 */
import { CaCertificatePolicyError, CaCertificateSynthError, CaCertificateUserError, CaCertificateValidationError } from "../constructs";
import { formatFailure } from "../constructs/synth/user-error-printer";
import { isCaCertificateUserError, markAsUserError } from "../constructs/errors";
const STACK_FRAME = /^\s+at /m;

describe("user errors and bugs", () => {
  it("the library's input errors are user errors; a plain Error is not", () => {
    expect(isCaCertificateUserError(new CaCertificateValidationError([{ code: "A.B", message: "m" }], "s/c"))).toBe(true);
    expect(isCaCertificateUserError(new CaCertificatePolicyError("p.json", ["x"]))).toBe(true);
    expect(isCaCertificateUserError(new CaCertificateSynthError([{ path: "s/c", message: "A.B: m" }], "/out"))).toBe(true);
    expect(isCaCertificateUserError(new Error("bug"))).toBe(false);
    expect(isCaCertificateUserError("a string")).toBe(false);
  });

  it("a class that cannot extend the base can be branded", () => {
    class ConfigError extends TypeError {}
    expect(isCaCertificateUserError(new ConfigError("x"))).toBe(false);
    markAsUserError(ConfigError);
    expect(isCaCertificateUserError(new ConfigError("x"))).toBe(true);
  });

  it("a user error prints as its message; a bug with its stack", () => {
    expect(formatFailure(new CaCertificateUserError("[s/c] A.B: fix it"))).toBe("[s/c] A.B: fix it");
    expect(formatFailure(new Error("boom"))).toMatch(STACK_FRAME);
  });
});
