/** Test helper: temporary folders, each removed after the test file's tests. */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const made: string[] = [];
afterAll(() => {
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** A new empty folder under the system's temporary folder; removed after this file's tests. */
export function tempDir(prefix = "test-"): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  made.push(dir);
  return dir;
}
