/**
 * The provider's retry helpers, as written at v1.257.0: which errors NeedRetry
 * takes, the waits incrementalWait and resource.Retry spend, and the Tea
 * client's own resends. Waits are observed through the sleep they call.
 */
import { LostResponseError, SlbError, emptyAccount } from "../../emulator/account";
import { DEFAULT_TIMEOUT_MS, incrementalWait, isExpectedError, needRetry, resourceRetry, waitForState } from "../../emulator/alicloud/retry";
import { LEGACY, SlbClient, TEA, TEA_AUTO_RETRY } from "../../emulator/alicloud/slb-client";
import * as waits from "../../emulator/alicloud/waits";
import { describeCaCertificates } from "../../emulator/api/ca-certificates";

let slept: number[];
beforeEach(() => {
  slept = [];
  jest.spyOn(waits, "sleep").mockImplementation(async (ms: number) => {
    slept.push(ms);
  });
});
afterEach(() => jest.restoreAllMocks());

describe("NeedRetry", () => {
  test.each([
    ["ServiceUnavailable (503)", new SlbError("ServiceUnavailable", "", 503), true, true],
    ["Throttling (400)", new SlbError("Throttling", "", 400), true, true],
    ["Throttling.User (400)", new SlbError("Throttling.User", "", 400), true, true],
    ["Rejected.Throttling", new SlbError("Rejected.Throttling", "", 400), true, true],
    ["InternalError (500): the Tea client's message starts 'code: 500'", new SlbError("InternalError", "", 500), true, false],
    ['a lost response (Post "https://…": timeout)', new LostResponseError("UploadCACertificate"), true, true],
    ["NoPermission (403)", new SlbError("NoPermission", "", 403), false, false],
    ["OperationBusy (400)", new SlbError("OperationBusy", "", 400), false, false],
    ["CertificateAndPrivateKeyIsRefered (400)", new SlbError("CertificateAndPrivateKeyIsRefered", "", 400), false, false],
  ])("%s: Tea client %s, alibaba-cloud-sdk-go %s", (_what, error, tea, legacy) => {
    expect([needRetry(error, "tea"), needRetry(error, "legacy")]).toEqual([tea, legacy]);
  });

  test("IsExpectedErrors matches the code, or a message that contains the expected text", () => {
    expect(isExpectedError(new SlbError("OperationBusy", "x"), ["SystemBusy", "OperationBusy"], "tea")).toBe(true);
    expect(
      isExpectedError(new SlbError("ListenerNotFound", "The specified resource does not exist."), ["The specified resource does not exist"], "legacy"),
    ).toBe(true);
    expect(isExpectedError(new LostResponseError("X"), ["ResponseLost"], "tea")).toBe(false);
  });
});

describe("waits", () => {
  test("incrementalWait(3s, 5s) waits 3 s, then 5 s every time: its waitTime starts from zero on each call", async () => {
    const wait = incrementalWait(3000, 5000);
    await wait();
    await wait();
    await wait();
    expect(slept).toEqual([3000, 5000, 5000]);
  });

  test("resource.Retry: the call site's wait, then the SDK's backoff (0.5 s, 1 s, 2 s …), until it succeeds", async () => {
    let failures = 3;
    const result = await resourceRetry({ retryable: (e) => needRetry(e, "tea"), wait: [3000, 5000], timeoutMs: 5 * 60_000 }, async () => {
      if (failures-- > 0) throw new SlbError("ServiceUnavailable", "", 503);
      return "done";
    });
    expect(result).toBe("done");
    expect(slept).toEqual([3000, 500, 5000, 1000, 5000, 2000]);
  });

  test("resource.Retry: a code the call site does not retry fails at once", async () => {
    await expect(
      resourceRetry({ retryable: (e) => needRetry(e, "tea"), wait: [3000, 3000], timeoutMs: DEFAULT_TIMEOUT_MS }, async () => {
        throw new SlbError("NoPermission", "no", 403);
      }),
    ).rejects.toThrow("no");
    expect(slept).toEqual([]);
  });

  test("resource.Retry: past the timeout, the last error", async () => {
    const start = Date.now();
    jest.spyOn(Date, "now").mockImplementation(() => start + slept.reduce((a, b) => a + b, 0));
    let attempts = 0;
    await expect(
      resourceRetry({ retryable: () => true, wait: [3000, 5000], timeoutMs: 20_000 }, async () => {
        throw new SlbError("OperationBusy", `busy ${++attempts}`);
      }),
    ).rejects.toThrow("busy 4");
    // Attempts at 0, 3.5, 9.5 and 16.5 s; the fourth one's wait ends past 20 s.
    expect(slept).toEqual([3000, 500, 5000, 1000, 5000, 2000, 5000]);
  });

  test("StateChangeConf (BuildStateConf, MinTimeout 3 s): the delay, then 3 s, 6 s, 10 s between refreshes", async () => {
    let refreshes = 0;
    await waitForState({ delayMs: 5000, timeoutMs: 5 * 60_000, refresh: async () => ++refreshes === 4 });
    expect(slept).toEqual([5000, 3000, 6000, 10_000]);
  });

  test("SLB_EMULATOR_WAIT_SCALE scales every wait; anything but a number in (0, 1] is refused, naming the variable", () => {
    expect(waits.waitScale({})).toBe(1);
    expect(waits.waitScale({ SLB_EMULATOR_WAIT_SCALE: "0.01" })).toBe(0.01);
    for (const bad of ["0", "2", "fast", "-1"]) {
      expect(() => waits.waitScale({ SLB_EMULATOR_WAIT_SCALE: bad })).toThrow(
        `SLB_EMULATOR_WAIT_SCALE ${JSON.stringify(bad)} is not a number above 0 and at most 1`,
      );
    }
    expect(waits.goDuration("1h30m")).toBe(90 * 60_000);
    expect(waits.goDuration("5 minutes")).toBeUndefined();
  });
});

describe("the Tea client's autoRetry", () => {
  const withFaults = async <T>(rules: string, run: () => Promise<T>): Promise<T> => {
    process.env.SLB_EMULATOR_FAIL = rules;
    try {
      return await run();
    } finally {
      delete process.env.SLB_EMULATOR_FAIL;
    }
  };

  test("resends at once after a 5xx or a lost response, up to 4 attempts; without autoRetry, and with alibaba-cloud-sdk-go, never", async () => {
    const account = emptyAccount();
    const client = new SlbClient("cn-hangzhou", (action) => action(account));
    const describe = (a: typeof account) => describeCaCertificates(a, { RegionId: "cn-hangzhou" });
    await withFaults("DescribeCACertificates:1:InternalError,DescribeCACertificates:2:lost,DescribeCACertificates:3", () =>
      client.request(TEA_AUTO_RETRY, describe),
    );
    expect(account.calls.map((c) => c.result)).toEqual(["InternalError", "Success", "ServiceUnavailable", "Success"]);
    await expect(withFaults("DescribeCACertificates:1", () => client.request(TEA, describe))).rejects.toThrow(SlbError);
    // Another rule (a rule counts per run, and this test is one run).
    await expect(withFaults("DescribeCACertificates:1:ServiceUnavailable", () => client.request(LEGACY, describe))).rejects.toThrow(SlbError);
    expect(slept).toEqual([]);
  });
});
