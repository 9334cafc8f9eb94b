/**
 * The mixed test app, paused at a chosen file operation, so that a test can
 * run a second synth into the same folder meanwhile. PAUSE_AT is
 * `<fs function>:<n>` (before the n-th call, e.g. `renameSync:2`: between the
 * swap's two renames); the app writes `<PAUSE_SIGNALS>/paused`, then waits
 * until `<PAUSE_SIGNALS>/resume` exists (at most 60 s).
 */
import * as path from "path";
// The real module object (not an ES namespace copy), so that the library sees the patch.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const realFs: Record<string, (...args: unknown[]) => unknown> = require("fs");

const [name, when] = (process.env.PAUSE_AT ?? "").split(":");
const signals = process.env.PAUSE_SIGNALS ?? "";
const original = realFs[name];
const existsSync = realFs.existsSync;
const writeFileSync = realFs.writeFileSync;
let calls = 0;
realFs[name] = function (this: unknown, ...args: unknown[]) {
  calls += 1;
  if (calls === Number(when)) {
    writeFileSync(path.join(signals, "paused"), "");
    const deadline = Date.now() + 60_000;
    while (!existsSync(path.join(signals, "resume")) && Date.now() < deadline) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50);
  }
  return original.apply(this, args);
};

// Loaded only now, after the instrumentation above: an import would be hoisted before it.
// eslint-disable-next-line @typescript-eslint/no-require-imports
require("./mixed-app");
