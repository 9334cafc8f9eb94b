/**
 * The policy loader against careless and hostile input: every answer is a
 * CaCertificatePolicyError naming the key, never a foreign exception.
 * These start a child process (mkfifo, to make a FIFO); the rest of the file's tests are in __tests__/policy-loader.test.ts.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { CaCertificatePolicy, CaCertificatePolicyError } from "../../constructs";
import { caught } from "../support/caught";

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "policy-loader-"));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function problemsOf(call: () => unknown): string[] {
  return caught(call, CaCertificatePolicyError).problems;
}

it("refuses a FIFO without opening it for reading (that would block)", () => {
  const fifo = path.join(dir, "policy.fifo");
  expect(spawnSync("mkfifo", [fifo]).status).toBe(0);
  expect(problemsOf(() => CaCertificatePolicy.fromFile(fifo))).toEqual([
    "the file is a named pipe (FIFO), left unread because reading it could wait forever, not a regular file: save the policy as JSON to a file and give its path.",
  ]);
});
