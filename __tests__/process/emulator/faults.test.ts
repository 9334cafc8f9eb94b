/**
 * SLB_EMULATOR_FAIL: a rule names the action, the call and the outcome (an
 * error code, or a lost response); it counts per run, so the same rule fires
 * again on the next run.
 * These start a child process (local-cloud runs, each counting its own faults); the rest of the file's tests are in __tests__/emulator/faults.test.ts.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { readAccount } from "../../../emulator/account-file";
const ROOT = path.join(__dirname, "..", "..", "..");

describe("counting per run", () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "slb-faults-"));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const upload = (state: string) =>
    spawnSync(
      process.execPath,
      ["--import", "tsx", path.join(ROOT, "local-cloud", "main.ts"), "upload-ca", path.join(ROOT, "examples", "certs", "sample-root-ca.pem")],
      {
        cwd: ROOT,
        env: { ...process.env, SLB_EMULATOR_STATE: state, SLB_EMULATOR_FAIL: "UploadCACertificate:1" },
        encoding: "utf8",
      },
    );

  test("the same rule fires on every run (each local-cloud command is one); counters of ended runs are dropped", () => {
    const state = path.join(dir, "account.json");
    const first = upload(state);
    const second = upload(state);
    expect([first.status, second.status]).toEqual([1, 1]);
    expect(second.stderr).toMatch(/^UploadCACertificate failed: ServiceUnavailable: /);
    const account = readAccount(state);
    expect(account.calls.map((c) => c.result)).toEqual(["ServiceUnavailable", "ServiceUnavailable"]);
    expect(account.caCertificates).toEqual([]);
    // Only the last run's counter is left: the first run's process has ended.
    const counters = Object.keys(account.faults);
    expect(counters).toHaveLength(1);
    expect(counters[0]).toMatch(new RegExp(`^${second.pid}\\.\\d* UploadCACertificate:1$`));
  });
});
