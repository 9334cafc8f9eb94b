/**
 * `npm run check-client` and `npm run local-cloud -- upload-ca` read files a
 * person names: a device such as /dev/zero, a directory or a missing file is
 * one clear line and exit 2, through the real commands (a bounded read, never
 * an unbounded one that ends in std::bad_alloc). upload-ca reads before it
 * takes the account's lock, so a refused file leaves no lock and no account.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const ROOT = path.join(__dirname, "..", "..");
const CA = path.join(ROOT, "examples", "certs", "sample-root-ca.pem");

let temp: string;
beforeAll(() => {
  temp = fs.mkdtempSync(path.join(os.tmpdir(), "unreadable-"));
});
afterAll(() => fs.rmSync(temp, { recursive: true, force: true }));

function run(script: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  const result = spawnSync(process.execPath, ["--import", "tsx", path.join(ROOT, script), ...args], {
    cwd: ROOT,
    encoding: "utf8",
    timeout: 60_000,
    env: { ...process.env, ...env },
  });
  return { status: result.status, signal: result.signal, stdout: result.stdout, stderr: result.stderr.trim() };
}

const CASES = () => [
  {
    what: "a device (/dev/zero)",
    file: "/dev/zero",
    reason: "is a character device, not a regular file: save the certificate in PEM to a file and give its path.",
  },
  { what: "a directory", file: temp, reason: "is a directory, not a regular file: save the certificate in PEM to a file and give its path." },
  { what: "a missing file", file: path.join(temp, "missing.pem"), reason: "does not exist: check the path." },
];

describe("slb-ca check-client", () => {
  test.each([0, 1, 2])("refuses an unreadable CA file with one line and exit 2 (case %i)", (i) => {
    const { file, reason } = CASES()[i];
    expect(run("cli/slb-ca.ts", ["check-client", file, CA])).toEqual({
      status: 2,
      signal: null,
      stdout: "",
      stderr: `check-client: the CA file ${JSON.stringify(file)} ${reason}`,
    });
  });

  test("names each unreadable file on a line of its own", () => {
    const [device, dir] = CASES();
    expect(run("cli/slb-ca.ts", ["check-client", device.file, dir.file])).toEqual({
      status: 2,
      signal: null,
      stdout: "",
      stderr: `check-client: the CA file ${JSON.stringify(device.file)} ${device.reason}\ncheck-client: the client file ${JSON.stringify(dir.file)} ${dir.reason}`,
    });
  });
});

describe("slb-local-cloud upload-ca", () => {
  test.each([0, 1, 2])("refuses an unreadable file with one line and exit 2, leaving no lock and no account (case %i)", (i) => {
    const { file, reason } = CASES()[i];
    const state = path.join(temp, `account-${i}`, "account.json");
    expect(run("local-cloud/main.ts", ["upload-ca", file], { SLB_EMULATOR_STATE: state })).toEqual({
      status: 2,
      signal: null,
      stdout: "",
      stderr: `slb-local-cloud: ${JSON.stringify(file)} ${reason}`,
    });
    expect(fs.existsSync(path.dirname(state))).toBe(false);
  });

  test("control: a readable PEM is uploaded and the lock is released", () => {
    const state = path.join(temp, "account-ok", "account.json");
    const upload = run("local-cloud/main.ts", ["upload-ca", CA], { SLB_EMULATOR_STATE: state });
    expect({ status: upload.status, stderr: upload.stderr }).toEqual({ status: 0, stderr: "" });
    // The account and its call log; no lock, no temporary file.
    expect(fs.readdirSync(path.dirname(state)).sort()).toEqual(["account.calls.jsonl", "account.json"]);
  });
});
