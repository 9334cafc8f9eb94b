/**
 * The account file at scale: a read writes nothing, a change appends one line
 * with only what it changed (so a PEM is written when its record is, not on
 * every call), the call log is a file of its own, a process sees what other
 * processes appended, a damaged record or line is refused in one line naming
 * it, a line cut short by a crash is left out, and the first file format is
 * still read and converted.
 * These start a child process (a second process appending to the account); the rest of the file's tests are in __tests__/emulator/account-journal.test.ts.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { uploadCaCertificate } from "../../../emulator/api/ca-certificates";
import { withAccount } from "../../../emulator/account-file";
import { example } from "../../support/fixtures";
import { caRecord, legacyAccount } from "../../support/legacy-account";

const PROJECT = path.join(__dirname, "..", "..", "..");
const REGION = "cn-hangzhou";
const PEM_A = example("sample-root-ca.pem");
const PEM_B = example("sample-root-ca-2.pem");

let dir: string;
let file: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "slb-journal-"));
  file = path.join(dir, "account.json");
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const upload = (pem: string, name: string) =>
  withAccount((account) => uploadCaCertificate(account, { RegionId: REGION, CACertificate: pem, CACertificateName: name }).CACertificateId, file);

test("a process sees what another process appended since its last call, and a file rewritten whole", () => {
  const a = upload(PEM_A, "a");
  const child = spawnSync(
    process.execPath,
    [
      "--import",
      "tsx",
      "-e",
      `const { withAccount } = require(${JSON.stringify(path.join(PROJECT, "emulator", "account-file"))});
const { uploadCaCertificate } = require(${JSON.stringify(path.join(PROJECT, "emulator", "api", "ca-certificates"))});
withAccount((account) => uploadCaCertificate(account, { RegionId: "${REGION}", CACertificate: process.env.PEM, CACertificateName: "from-child" }), process.env.ACCOUNT);`,
    ],
    { cwd: PROJECT, env: { ...process.env, ACCOUNT: file, PEM: PEM_B }, encoding: "utf8" },
  );
  expect(child.stderr).toBe("");
  const names = () => withAccount((account) => account.caCertificates.map((c) => c.CACertificateName), file);
  expect(names()).toEqual(["a", "from-child"]);
  // Rewritten whole (a new file renamed over it): read again.
  const temp = `${file}.other`;
  fs.writeFileSync(temp, legacyAccount([caRecord({ CACertificateId: a, CACertificateName: "rewritten" })]));
  fs.renameSync(temp, file);
  expect(names()).toEqual(["rewritten"]);
});
