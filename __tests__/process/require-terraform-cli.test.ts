/**
 * `slb-local-cloud deploy` / `destroy` (npm run deploy:local / destroy:local) check terraform first: a missing
 * one, or one whose `version -json` is not JSON, is the message alone (no
 * stack) and exit 2; a version other than the tested one is a warning line.
 * Each runs in an empty folder with a fake terraform (a shell script) on PATH.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { pathToFileURL } from "url";

const ROOT = path.join(__dirname, "..", "..");
import { HOW_TO_INSTALL } from "../../cli/cdktf/require-terraform";

let temp: string;
beforeAll(() => {
  temp = fs.mkdtempSync(path.join(os.tmpdir(), "require-terraform-"));
});
afterAll(() => fs.rmSync(temp, { recursive: true, force: true }));

/** A folder holding a `terraform` that prints `stdout` for any arguments. */
function fakeTerraform(name: string, stdout: string): string {
  const bin = path.join(temp, name);
  fs.mkdirSync(bin);
  fs.writeFileSync(path.join(bin, "terraform"), `#!/bin/sh\nprintf '%s\\n' '${stdout}'\n`, { mode: 0o755 });
  return bin;
}

function deployLocal(command: string, pathVar: string) {
  const cwd = fs.mkdtempSync(path.join(temp, "app-"));
  // tsx by path: the folder has no node_modules to find it in.
  const tsx = pathToFileURL(path.join(ROOT, "node_modules", "tsx", "dist", "loader.mjs")).href;
  const r = spawnSync(process.execPath, ["--import", tsx, path.join(ROOT, "local-cloud", "main.ts"), command], {
    cwd,
    encoding: "utf8",
    timeout: 60_000,
    env: { ...process.env, PATH: pathVar, SLB_LOCAL_CLOUD_DIR: path.join(cwd, ".local-cloud") },
  });
  return { status: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}

test.each(["deploy", "destroy"])("%s without terraform on PATH prints the advice alone and exits 2", (command) => {
  expect(deployLocal(command, path.join(temp, "nothing-here"))).toEqual({
    status: 2,
    signal: null,
    stdout: "",
    stderr: `terraform not found or not working (spawnSync terraform ENOENT). ${HOW_TO_INSTALL}\n`,
  });
});

test("a terraform whose version -json is not JSON is one clear line, exit 2", () => {
  expect(deployLocal("deploy", fakeTerraform("text", "Terraform v0.12.31"))).toEqual({
    status: 2,
    signal: null,
    stdout: "",
    stderr: `\`terraform version -json\` printed no JSON (it began "Terraform v0.12.31"): not a terraform this project can use. ${HOW_TO_INSTALL}\n`,
  });
});

test("a terraform other than 1.11.4 gets a warning line, and the command goes on", () => {
  // The folder has no cdktf.json, so the command fails after the check; the warning comes first.
  const run = deployLocal("destroy", `${fakeTerraform("old", '{"terraform_version":"1.9.8"}')}:${path.dirname(process.execPath)}:/usr/bin:/bin`);
  expect(run.stderr.split("\n")[0]).toBe(
    "Warning: terraform 1.9.8 is on PATH; this is tested with 1.11.4 only (others may work, untested). Install 1.11.4 if anything fails.",
  );
});
