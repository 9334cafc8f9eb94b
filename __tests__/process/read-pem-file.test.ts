/**
 * CaCertificate.readPemFile: the one helper apps use to read certificate files.
 * Every refusal is one CaCertificateFileError naming the path and what to do.
 * These start a child process (mkfifo, to make a FIFO); the rest of the file's tests are in __tests__/read-pem-file.test.ts.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { refusal, SAVE_IT } from "../support/pem-file-refusal";

// The module object itself (not an import-star copy), so that spies reach the code under test.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const realFs: typeof fs = require("fs");

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "read-pem-file-"));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
afterEach(() => jest.restoreAllMocks());

function write(name: string, content: string | Buffer): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
}

it("refuses a FIFO without opening it (opening for reading would block until a writer came)", () => {
  const fifo = path.join(dir, "ca.fifo");
  expect(spawnSync("mkfifo", [fifo]).status).toBe(0);
  const open = jest.spyOn(realFs, "openSync");
  expect(refusal(fifo).message).toBe(`${JSON.stringify(fifo)} is a named pipe (FIFO), left unread because reading it could wait forever, ${SAVE_IT}`);
  expect(open).not.toHaveBeenCalled();
});
it("judges what it opened: a file swapped for a FIFO after the check is refused, and opening did not block", () => {
  const fifo = path.join(dir, "swapped.fifo");
  expect(spawnSync("mkfifo", [fifo]).status).toBe(0);
  const file = write("swap.pem", "x");
  const realOpen = realFs.openSync;
  // The check sees a regular file; the open lands on the FIFO.
  jest.spyOn(realFs, "openSync").mockImplementation(((_p: fs.PathLike, flags: number) => realOpen(fifo, flags)) as typeof fs.openSync);
  expect(refusal(file).message).toBe(`${JSON.stringify(file)} is a named pipe (FIFO), left unread because reading it could wait forever, ${SAVE_IT}`);
});
