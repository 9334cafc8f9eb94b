/**
 * `slb-local-cloud` (npm run local-cloud) checks the emulator's environment: an account file
 * (SLB_EMULATOR_STATE) that is a device or not an account, or an
 * SLB_EMULATOR_FAIL rule the emulator cannot honour, is one line and exit 2,
 * never a stack or a silently ignored fault drill.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { FAULT_ACTIONS } from "../../emulator/account";

const ROOT = path.join(__dirname, "..", "..");

let temp: string;
beforeAll(() => {
  temp = fs.mkdtempSync(path.join(os.tmpdir(), "local-cloud-env-"));
});
afterAll(() => fs.rmSync(temp, { recursive: true, force: true }));

function localCloud(args: string[], env: NodeJS.ProcessEnv) {
  const r = spawnSync(process.execPath, ["--import", "tsx", path.join(ROOT, "local-cloud", "main.ts"), ...args], {
    cwd: ROOT,
    encoding: "utf8",
    timeout: 60_000,
    env: { ...process.env, SLB_EMULATOR_STATE: path.join(temp, "none", "account.json"), SLB_EMULATOR_FAIL: "", ...env },
  });
  return { status: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}

const POINT = "point SLB_EMULATOR_STATE at an account file, or at a path where none exists yet.";

test("an account file that is /dev/zero is refused unread", () => {
  expect(localCloud(["list"], { SLB_EMULATOR_STATE: "/dev/zero" })).toEqual({
    status: 2,
    signal: null,
    stdout: "",
    stderr:
      'slb-local-cloud: The emulated account file "/dev/zero" (SLB_EMULATOR_STATE) is not a regular file: name a file (or a path where none exists yet) for the emulated account.\n',
  });
});

test.each([
  ["null", "null", "holds null, not an account object"],
  ["list", '{"accountId":"1","caCertificates":[],"serverCertificates":[],"loadBalancers":[],"listeners":[],"faults":{}}', "has no calls list"],
])("an account file holding %s names what is wrong", (name, content, problem) => {
  const file = path.join(temp, `${name}.json`);
  fs.writeFileSync(file, content);
  expect(localCloud(["list"], { SLB_EMULATOR_STATE: file })).toEqual({
    status: 2,
    signal: null,
    stdout: "",
    stderr: `slb-local-cloud: The emulated account file ${JSON.stringify(file)} (SLB_EMULATOR_STATE) ${problem}: ${POINT}\n`,
  });
});

test.each([
  ["a misspelt action", "UploadCaCertificate:1", '"UploadCaCertificate" is not an action the emulator serves'],
  ["no count", "UploadCACertificate", '"UploadCACertificate" is not <Action>:<n>[:<ErrorCode>|:lost] (n a whole number from 1)'],
  [
    "a zero count, beside a good rule",
    "DeleteCACertificate:2,UploadCACertificate:0",
    '"UploadCACertificate:0" is not <Action>:<n>[:<ErrorCode>|:lost] (n a whole number from 1)',
  ],
])("SLB_EMULATOR_FAIL with %s is refused, naming the allowed actions", (_what, rule, problem) => {
  expect(localCloud(["list"], { SLB_EMULATOR_FAIL: rule })).toEqual({
    status: 2,
    signal: null,
    stdout: "",
    stderr: `slb-local-cloud: SLB_EMULATOR_FAIL: ${problem}. Give <Action>:<n>[:<ErrorCode>|:lost][,...] with actions among ${FAULT_ACTIONS.join(", ")}.\n`,
  });
  expect(FAULT_ACTIONS).toContain("UploadCACertificate");
});

test("a good rule still injects its fault", () => {
  const state = path.join(temp, "drill", "account.json");
  const run = localCloud(["upload-ca", path.join(ROOT, "examples", "certs", "sample-root-ca.pem")], {
    SLB_EMULATOR_STATE: state,
    SLB_EMULATOR_FAIL: "UploadCACertificate:1",
  });
  expect(run.status).toBe(1);
  expect(run.stderr).toMatch(/^UploadCACertificate failed: ServiceUnavailable: /);
});

describe("upload-ca's refusals say what is wrong", () => {
  test("a private key file: the kind of block found, and no CERTIFICATE", () => {
    const state = path.join(temp, "key", "account.json");
    const run = localCloud(["upload-ca", path.join(ROOT, "__tests__", "fixtures", "key-pkcs8.pem")], { SLB_EMULATOR_STATE: state });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(
      /^UploadCACertificate failed: CertificateFormatInvalid: Upload exactly one PEM certificate \(one CERTIFICATE block, nothing else\); got a PRIVATE KEY block, no CERTIFICATE\. \(RequestId [0-9A-F-]{36}\)\n$/,
    );
  });

  test.each([
    ["--region", "Hangzhou"],
    ["--region", "cn_hangzhou"],
  ])("%s %s is refused with one line, before the account is touched", (flag, value) => {
    const state = path.join(temp, `region-${value}`, "account.json");
    expect(localCloud(["upload-ca", path.join(ROOT, "examples", "certs", "sample-root-ca.pem"), flag, value], { SLB_EMULATOR_STATE: state })).toEqual({
      status: 2,
      signal: null,
      stdout: "",
      stderr: `slb-local-cloud: --region ${JSON.stringify(value)} is not a region ID: give lowercase words and digits joined by hyphens, e.g. cn-hangzhou.\n`,
    });
    expect(fs.existsSync(path.dirname(state))).toBe(false);
  });
});
