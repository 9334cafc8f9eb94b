/**
 * `npm run deploy` with a required Terraform variable unset exits non-zero and
 * names the variable: cdktf runs terraform on a pseudo-terminal, where
 * terraform would prompt for the value and wait forever without TF_INPUT=0.
 */
import { spawnSync } from "child_process";
import { Workspace } from "./harness";

// A guard against a hang (the bug: a prompt nobody answers), far above a normal deploy's time.
const HANG_GUARD_MS = 120_000;

let ws: Workspace;
beforeAll(() => {
  ws = new Workspace("deploy-missing-variable");
});
afterAll(() => ws.remove());

test(
  "npm run deploy without TF_VAR_server_private_key exits non-zero saying the variable has no value",
  () => {
    const env = { ...ws.env };
    delete env.TF_VAR_server_private_key;
    for (const name of Object.keys(env)) if (/^npm_/i.test(name)) delete env[name];
    // coreutils `timeout` signals its whole process group, so a hang leaves no cdktf or terraform behind
    // (spawnSync's own timeout would kill npm alone). It exits 124 when it had to.
    const run = spawnSync("timeout", ["-k", "10", String(HANG_GUARD_MS / 1000), "npm", "run", "--silent", "deploy"], {
      cwd: ws.dir,
      env,
      encoding: "utf8",
      maxBuffer: 64 * 1024 * 1024,
    });
    const output = `${run.stdout}${run.stderr}`;
    expect(run.status).not.toBe(124);
    expect(run.status).not.toBe(0);
    expect(output).toMatch(/No value for required variable/);
    expect(output).toContain('variable "server_private_key"');
  },
  HANG_GUARD_MS + 90_000,
);
