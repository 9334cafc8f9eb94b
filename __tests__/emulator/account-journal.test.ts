/**
 * The account file at scale: a read writes nothing, a change appends one line
 * with only what it changed (so a PEM is written when its record is, not on
 * every call), the call log is a file of its own, a process sees what other
 * processes appended, a damaged record or line is refused in one line naming
 * it, a line cut short by a crash is left out, and the first file format is
 * still read and converted.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Account } from "../../emulator/account";
import { describeCaCertificates, setCaCertificateName, uploadCaCertificate } from "../../emulator/api/ca-certificates";
import { readAccount, withAccount } from "../../emulator/account-file";
import { callLogPath } from "../../emulator/call-log";
import { EmulatorConfigError } from "../../emulator/config-error";
import { example } from "../support/fixtures";
import { caRecord, legacyAccount } from "../support/legacy-account";
const REGION = "cn-hangzhou";
const PEM_A = example("sample-root-ca.pem");
const PEM_B = example("sample-root-ca-2.pem");
/** A line of a PEM's base64, which appears in the file once per time the PEM is written. */
const bodyLine = (pem: string) => pem.split("\n")[5];
const occurrences = (text: string, part: string) => text.split(part).length - 1;

let dir: string;
let file: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "slb-journal-"));
  file = path.join(dir, "account.json");
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const upload = (pem: string, name: string) =>
  withAccount((account) => uploadCaCertificate(account, { RegionId: REGION, CACertificate: pem, CACertificateName: name }).CACertificateId, file);
const lines = (f: string) => fs.readFileSync(f, "utf8").split("\n").slice(0, -1);
const stamp = (f: string) => {
  const s = fs.statSync(f, { bigint: true });
  return `${s.ino}:${s.size}:${s.mtimeNs}`;
};

describe("the account file as a journal", () => {
  test("a read writes nothing to the account file, and each call adds one line to the call log", () => {
    const id = upload(PEM_A, "a");
    const before = stamp(file);
    for (let i = 0; i < 5; i++) withAccount((account) => describeCaCertificates(account, { RegionId: REGION, CACertificateId: id }), file);
    expect(stamp(file)).toBe(before);
    const logged = lines(callLogPath(file)).map((l) => JSON.parse(l));
    expect(logged.map((c) => c.action)).toEqual(["UploadCACertificate", ...Array(5).fill("DescribeCACertificates")]);
    // Each line says how long the account took for its change, and how much CPU the serving process had used.
    for (const c of logged) expect([typeof c.changeMs, c.changeMs >= 0, typeof c.processCpuMs, c.processCpuMs > 0]).toEqual(["number", true, "number", true]);
    expect(readAccount(file).calls.map((c) => [c.seq, c.action])).toEqual([
      [1, "UploadCACertificate"],
      ...[2, 3, 4, 5, 6].map((seq) => [seq, "DescribeCACertificates"]),
    ]);
  });

  test("a change appends one line with only the record it changed: the other PEMs are not written again", () => {
    const a = upload(PEM_A, "a");
    const b = upload(PEM_B, "b");
    const before = lines(file);
    withAccount((account) => setCaCertificateName(account, { RegionId: REGION, CACertificateId: b, CACertificateName: "renamed" }), file);
    const after = lines(file);
    expect(after.slice(0, before.length)).toEqual(before);
    expect(after).toHaveLength(before.length + 1);
    const added = JSON.parse(after[after.length - 1]);
    expect(Object.keys(added)).toEqual(["put"]);
    expect(added.put.caCertificates.map((r: { CACertificateId: string; CACertificateName: string }) => [r.CACertificateId, r.CACertificateName])).toEqual([
      [b, "renamed"],
    ]);
    const text = fs.readFileSync(file, "utf8");
    expect(occurrences(text, bodyLine(PEM_A))).toBe(1);
    expect(readAccount(file).caCertificates.map((c) => [c.CACertificateId, c.CACertificateName])).toEqual([
      [a, "a"],
      [b, "renamed"],
    ]);
  });

  test("a last line cut short (a writer killed mid-append) is left out by readers and cut off by the next change", () => {
    upload(PEM_A, "a");
    fs.appendFileSync(file, '{"put":{"caCertificates":[{"CACertificateId":"half');
    expect(readAccount(file).caCertificates.map((c) => c.CACertificateName)).toEqual(["a"]);
    upload(PEM_B, "b");
    expect(lines(file).map((l) => Object.keys(JSON.parse(l))[0])).toEqual(["slbEmulatorAccount", "put", "put"]);
    expect(fs.readFileSync(file, "utf8").endsWith("\n")).toBe(true);
    expect(readAccount(file).caCertificates.map((c) => c.CACertificateName)).toEqual(["a", "b"]);
  });

  test("many changes to few records: the file is written whole again, and holds the same account", () => {
    const id = upload(PEM_A, "a");
    for (let i = 0; i < 1010; i++)
      withAccount((account) => setCaCertificateName(account, { RegionId: REGION, CACertificateId: id, CACertificateName: `n${i}` }), file);
    expect(lines(file).length).toBeLessThan(20);
    expect(occurrences(fs.readFileSync(file, "utf8"), bodyLine(PEM_A))).toBeLessThan(20);
    expect(readAccount(file).caCertificates.map((c) => c.CACertificateName)).toEqual(["n1009"]);
    expect(readAccount(file).calls).toHaveLength(1011);
  });

  test("the first format is read, and its first change rewrites it as a journal, its calls moved to the log ahead of the new ones", () => {
    const old = { seq: 1, time: "2026-01-01T00:00:00.000Z", action: "UploadCACertificate", params: {}, result: "Success", requestId: "R1" };
    fs.writeFileSync(file, legacyAccount([caRecord()], [old, { ...old, seq: 2, action: "DescribeCACertificates", requestId: "R2" }]));
    expect(readAccount(file).calls.map((c) => [c.seq, c.action])).toEqual([
      [1, "UploadCACertificate"],
      [2, "DescribeCACertificates"],
    ]);
    withAccount((account: Account) => describeCaCertificates(account, { RegionId: REGION }), file);
    expect(JSON.parse(lines(file)[0])).toEqual({ slbEmulatorAccount: 2, accountId: "1234567890123456", defaultResourceGroupId: "rg-acfmlegacy0001" });
    const account = readAccount(file);
    expect(account.caCertificates.map((c) => c.CACertificateName)).toEqual(["legacy"]);
    expect(account.calls.map((c) => [c.seq, c.action, c.requestId === "R1" || c.requestId === "R2"])).toEqual([
      [1, "UploadCACertificate", true],
      [2, "DescribeCACertificates", true],
      [3, "DescribeCACertificates", false],
    ]);
  });
});

describe("a damaged account file is one line naming what is wrong", () => {
  const refusal = (f: string, problem: string) =>
    new EmulatorConfigError(
      `The emulated account file ${JSON.stringify(f)} (SLB_EMULATOR_STATE) ${problem}: point SLB_EMULATOR_STATE at an account file, or at a path where none exists yet.`,
    );

  test("a record with Tags: null (first format): readers and changes refuse it, and nothing is written", () => {
    const text = legacyAccount([caRecord({ Tags: null })]);
    fs.writeFileSync(file, text);
    const expected = refusal(file, 'has a damaged record: caCertificates record "18c2f0a1b2c-cn-hangzhou-07": Tags is null, not a list of {Key, Value}');
    expect(() => readAccount(file)).toThrow(expected);
    expect(() => withAccount((account) => account.caCertificates.length, file)).toThrow(expected);
    expect(fs.readFileSync(file, "utf8")).toBe(text);
    expect(fs.existsSync(callLogPath(file))).toBe(false);
  });

  test("damaged lines of a journal are named by line number, up to three, with the count of the rest", () => {
    upload(PEM_A, "a");
    const put = (record: object) => JSON.stringify({ put: { caCertificates: [record] } });
    fs.appendFileSync(
      file,
      [
        put(caRecord({ Tags: null, ExpireTimeStamp: "soon" })),
        "not json",
        JSON.stringify({ put: { buckets: [] } }),
        put(caRecord({ CACertificateId: 7 })),
        JSON.stringify({ set: { caCertificates: [] } }),
      ].join("\n") + "\n",
    );
    expect(() => readAccount(file)).toThrow(
      refusal(
        file,
        'has 5 damaged lines: line 3: caCertificates record "18c2f0a1b2c-cn-hangzhou-07": ExpireTimeStamp is a string, not a number, Tags is null, not a list of {Key, Value}; ' +
          'line 4 is not JSON; line 5 has a put of "buckets", which is not a record list (caCertificates, serverCertificates, loadBalancers, listeners); and 2 more',
      ),
    );
  });

  test("an ID with control characters is shown escaped in the message", () => {
    fs.writeFileSync(file, legacyAccount([caRecord({ CACertificateId: "id\u001b[2J\nforged", Tags: "x" })]));
    expect(() => readAccount(file)).toThrow('caCertificates record "id\\u001b[2J\\nforged": Tags is a string, not a list of {Key, Value}');
  });
});
