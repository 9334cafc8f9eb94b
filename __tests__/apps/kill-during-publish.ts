/**
 * The mixed test app, killed with SIGKILL at a chosen file operation, to show
 * what a process that dies mid-publish leaves behind. KILL_AT is
 * `<fs function>:<n>` (the n-th call) or `<fs function>:<text>` (the first call
 * whose path contains text), e.g. `renameSync:2` or `rmSync:.previous`.
 */
// The real module object (not an ES namespace copy), so that the library sees the patch.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const realFs: Record<string, (...args: unknown[]) => unknown> = require("fs");

const [name, when] = (process.env.KILL_AT ?? "").split(":");
const original = realFs[name];
let calls = 0;
realFs[name] = function (this: unknown, ...args: unknown[]) {
  calls += 1;
  const hit = /^\d+$/.test(when) ? calls === Number(when) : String(args[0]).includes(when);
  if (hit) process.kill(process.pid, "SIGKILL");
  return original.apply(this, args);
};

// Loaded only now, after the instrumentation above: an import would be hoisted before it.
// eslint-disable-next-line @typescript-eslint/no-require-imports
require("./mixed-app");
