/**
 * Unit tests leave nothing in the system's temporary folder: newStack and
 * testApp (__tests__/support/stack.ts) put each app's output folder under
 * tempDir, which removes it after the file's tests. Testing.app() alone leaves
 * a `cdktf.outdir.*` folder per call. Each run here has its own TMPDIR, so what
 * other tests on the machine write cannot change the count. Cost: one jest run
 * of three unit files, about 10 seconds.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { defaults } from "jest-config";
import { tempDir } from "../support/temp-dir";

const ROOT = path.resolve(__dirname, "..", "..");

/** What a command run with TMPDIR set to a new empty folder left in it. */
function leftInTmp(command: string, args: string[]): string[] {
  const tmp = tempDir("temp-dirs-");
  const run = spawnSync(command, args, { cwd: ROOT, env: { ...process.env, TMPDIR: tmp }, encoding: "utf8" });
  expect({ status: run.status, stderr: run.status === 0 ? "" : run.stderr }).toEqual({ status: 0, stderr: "" });
  return fs.readdirSync(tmp);
}

it("control: Testing.app() alone leaves its output folder behind, and the count sees it", () => {
  const left = leftInTmp(process.execPath, ["-e", 'require("cdktf").Testing.app()']);
  expect(left).toHaveLength(1);
  expect(left[0]).toMatch(/^cdktf\.outdir\./);
});

it("a run of unit files that build apps with newStack, testApp and tempDir leaves the temporary folder empty", () => {
  const files = ["orphan-check.test.ts", "oss-state.test.ts", "inventory.test.ts"].map((f) => path.join("__tests__", f));
  // jest's cache stays where it is (its default is under the temporary folder): a cold cache would only make this slower.
  const jest = path.join(ROOT, "node_modules", "jest", "bin", "jest.js");
  const args = [jest, "-c", "jest.unit.config.js", "--runInBand", "--cacheDirectory", defaults.cacheDirectory, "--runTestsByPath", ...files];
  expect(leftInTmp(process.execPath, args)).toEqual([]);
});
