/**
 * SLB_EMULATOR_FAIL: a rule names the action, the call and the outcome (an
 * error code, or a lost response); it counts per run, so the same rule fires
 * again on the next run.
 */
import { FAULT_ACTIONS, LostResponseError, SlbError, call, emptyAccount, faultRules } from "../../emulator/account";
import { describeCaCertificates, uploadCaCertificate } from "../../emulator/api/ca-certificates";
import { example } from "../support/fixtures";

const REGION = "cn-hangzhou";

function withRules<T>(rules: string, run: () => T): T {
  const saved = process.env.SLB_EMULATOR_FAIL;
  process.env.SLB_EMULATOR_FAIL = rules;
  try {
    return run();
  } finally {
    if (saved === undefined) delete process.env.SLB_EMULATOR_FAIL;
    else process.env.SLB_EMULATOR_FAIL = saved;
  }
}

describe("rules", () => {
  test("name the outcome: ServiceUnavailable (503) by default, any SLB code (its HTTP status), or a lost response", () => {
    expect(
      faultRules({ SLB_EMULATOR_FAIL: "UploadCACertificate:1, TagResources:2:Throttling,DeleteCACertificate:1:InternalError,UploadCACertificate:3:lost" }),
    ).toEqual([
      { action: "UploadCACertificate", nth: 1, outcome: { kind: "error", code: "ServiceUnavailable", httpStatus: 503 }, text: "UploadCACertificate:1" },
      { action: "TagResources", nth: 2, outcome: { kind: "error", code: "Throttling", httpStatus: 400 }, text: "TagResources:2:Throttling" },
      {
        action: "DeleteCACertificate",
        nth: 1,
        outcome: { kind: "error", code: "InternalError", httpStatus: 500 },
        text: "DeleteCACertificate:1:InternalError",
      },
      { action: "UploadCACertificate", nth: 3, outcome: { kind: "lost" }, text: "UploadCACertificate:3:lost" },
    ]);
  });

  test.each([
    ["a lower-case code", "TagResources:1:throttling", '"TagResources:1:throttling" is not <Action>:<n>[:<ErrorCode>|:lost] (n a whole number from 1)'],
    ["an empty outcome", "TagResources:1:", '"TagResources:1:" is not <Action>:<n>[:<ErrorCode>|:lost] (n a whole number from 1)'],
    ["an unknown action", "TagResource:1", '"TagResource" is not an action the emulator serves'],
  ])("refuse %s, naming it and what is allowed", (_what, rule, problem) => {
    expect(() => faultRules({ SLB_EMULATOR_FAIL: rule })).toThrow(
      `SLB_EMULATOR_FAIL: ${problem}. Give <Action>:<n>[:<ErrorCode>|:lost][,...] with actions among ${FAULT_ACTIONS.join(", ")}.`,
    );
  });
});

describe("call()", () => {
  test("an injected code fails the n-th call with that code and status; the call log names what was injected", () => {
    const account = emptyAccount();
    const outcome = () => {
      try {
        describeCaCertificates(account, { RegionId: REGION });
        return "Success";
      } catch (error) {
        return `${(error as SlbError).code}/${(error as SlbError).httpStatus}`;
      }
    };
    withRules("DescribeCACertificates:2:Throttling", () => expect([outcome(), outcome(), outcome()]).toEqual(["Success", "Throttling/400", "Success"]));
    expect(account.calls.map((c) => [c.action, c.result, c.injected ?? null])).toEqual([
      ["DescribeCACertificates", "Success", null],
      ["DescribeCACertificates", "Throttling", "Throttling"],
      ["DescribeCACertificates", "Success", null],
    ]);
  });

  test("a lost response: the action takes effect, the log says it succeeded, and the caller gets a timeout, not the result", () => {
    const account = emptyAccount();
    let caught: unknown;
    withRules("UploadCACertificate:1:lost", () => {
      try {
        uploadCaCertificate(account, { RegionId: REGION, CACertificate: example("sample-root-ca.pem") });
      } catch (error) {
        caught = error;
      }
    });
    expect(caught).toBeInstanceOf(LostResponseError);
    expect((caught as Error).message).toMatch(/^Post "https:\/\/slb\.aliyuncs\.com\/\?Action=UploadCACertificate": context deadline exceeded/);
    expect(account.caCertificates).toHaveLength(1);
    expect(account.calls.map((c) => [c.action, c.result, c.injected])).toEqual([["UploadCACertificate", "Success", "lost"]]);
  });

  test("an action's own refusal is recorded without an injection mark", () => {
    const account = emptyAccount();
    expect(() =>
      call(account, "DeleteCACertificate", {}, () => {
        throw new SlbError("CACertificateId.NotFound", "gone", 404);
      }),
    ).toThrow("gone");
    expect(account.calls[0]).not.toHaveProperty("injected");
  });
});
