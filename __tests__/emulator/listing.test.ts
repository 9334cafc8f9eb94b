/**
 * Listings print what callers of the API wrote (names, tags, IDs): a value
 * holding a newline, a carriage return or an ANSI escape must show escaped,
 * so it can neither forge a line of the listing nor recolour the terminal.
 */
import { emptyAccount, Account } from "../../emulator/account";
import { callLines, callsJson, listingJson, listingLines } from "../../emulator/listing";
import { printable, printableJson, quoted } from "../../emulator/printable";

/** An account with one CA certificate whose name and tag try to forge a second line. */
function hostileAccount(): Account {
  const account = emptyAccount();
  account.caCertificates.push({
    CACertificateId: "18c2f0a1b2c-cn-hangzhou-07",
    CACertificateName: "ok\n  18c2f0a1b2d-cn-hangzhou-08  cn-hangzhou  forged\u001b[31m\u009b2J\u202e",
    Fingerprint: "aa:bb",
    CommonName: "CN\rover",
    ExpireTime: "2036-01-01T00:00:00Z",
    ExpireTimeStamp: 2082758400000,
    CreateTime: "2026-01-01T00:00:00Z",
    CreateTimeStamp: 1767225600000,
    ResourceGroupId: "rg-1",
    RegionId: "cn-hangzhou",
    Tags: [{ Key: "team\u0007", Value: "a\\b\u2028c" }],
    CACertificate: "PEM",
  });
  account.calls.push({
    seq: 1,
    time: "2026-01-01T00:00:00.000Z",
    action: "SetCACertificateName",
    params: { CACertificateName: "x\u001b]0;title\u0007\u0085" },
    result: "Success",
    requestId: "R",
  });
  return account;
}

/** No control character (C0 but the newlines we join with, DEL, C1), no line or paragraph separator, no bidi override. */
// eslint-disable-next-line no-control-regex -- control characters are what these tests look for
const UNSAFE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

describe("printable", () => {
  test.each([
    ["a\nb", "a\\nb"],
    ["a\r\tb", "a\\r\\tb"],
    ["\u001b[31mred", "\\x1b[31mred"],
    ["\u009b2J", "\\x9b2J"],
    ["\u007f", "\\x7f"],
    ["abc\u202edcba", "abc\\u202edcba"],
    ["line\u2028sep", "line\\u2028sep"],
    ["back\\slash", "back\\\\slash"],
    ["证书-ca_1.2", "证书-ca_1.2"],
  ])("%j prints as %s", (text, shown) => {
    expect(printable(text)).toBe(shown);
  });

  test("quoted and printableJson stay JSON that reads back to the same text", () => {
    const text = 'a\u001b\u0085\u2028\u202e"\\';
    expect(quoted(text)).toBe('"a\\u001b\\u0085\\u2028\\u202e\\"\\\\"');
    expect(JSON.parse(quoted(text))).toBe(text);
    expect(JSON.parse(printableJson({ text }))).toEqual({ text });
    expect(printableJson({ text })).not.toMatch(UNSAFE);
  });
});

describe("listings", () => {
  test("a name that tries to forge a line stays on its own line, escaped", () => {
    const account = hostileAccount();
    const lines = listingLines(account, "/tmp/account.json");
    expect(lines).toEqual([
      "Account /tmp/account.json",
      `Resource groups: ${account.defaultResourceGroupId} (default)`,
      "CA certificates (1):",
      "  18c2f0a1b2c-cn-hangzhou-07  cn-hangzhou  ok\\n  18c2f0a1b2d-cn-hangzhou-08  cn-hangzhou  forged\\x1b[31m\\x9b2J\\u202e  CN=CN\\rover  aa:bb  expires 2036-01-01T00:00:00Z  tags team\\x07=a\\\\b\\u2028c",
      "Server certificates (0):",
      "Load balancers (0):",
      "Listeners (0):",
    ]);
    for (const line of lines) expect(line).not.toMatch(UNSAFE);
  });

  test("the JSON listing leaves out PEMs, calls and fault counters, and escapes what JSON.stringify would print raw", () => {
    const json = listingJson(hostileAccount());
    expect(json).not.toMatch(UNSAFE);
    const parsed = JSON.parse(json);
    expect(parsed.caCertificates[0].CACertificateName).toBe(hostileAccount().caCertificates[0].CACertificateName);
    expect(Object.keys(parsed.caCertificates[0])).not.toContain("CACertificate");
    expect(Object.keys(parsed)).not.toEqual(expect.arrayContaining(["calls"]));
    expect(Object.keys(parsed)).not.toEqual(expect.arrayContaining(["faults"]));
  });

  test("call lines and call JSON escape the parameters", () => {
    const { calls } = hostileAccount();
    expect(callLines(calls)).toEqual(['1\t2026-01-01T00:00:00.000Z\tSetCACertificateName\tSuccess\t{"CACertificateName":"x\\\\u001b]0;title\\\\u0007\\x85"}']);
    expect(callsJson(calls)).not.toMatch(UNSAFE);
    expect(JSON.parse(callsJson(calls))[0].params.CACertificateName).toBe("x\u001b]0;title\u0007\u0085");
  });
});
