/**
 * The local-cloud console (npm run local-cloud) at its edges: `upload-ca
 * --name` applies SLB's name rule, `list` escapes what callers wrote, a
 * damaged record is one line and exit 2 (never a TypeError), and `orphans`
 * reports what no state of the app knows, with exit 1 when there is any.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { withAccount } from "../../emulator/account-file";
import { CA_CERTIFICATE_NAME_RULE } from "../../emulator/name-rules";

const ROOT = path.join(__dirname, "..", "..");
const CA = path.join(ROOT, "examples", "certs", "sample-root-ca.pem");

let temp: string;
let state: string;
beforeEach(() => {
  temp = fs.mkdtempSync(path.join(os.tmpdir(), "local-cloud-console-"));
  state = path.join(temp, "account.json");
});
afterEach(() => fs.rmSync(temp, { recursive: true, force: true }));

/** The console run from the project (where `--import tsx` resolves); `orphans` gets `--app` for the app folder. */
function localCloud(args: string[]) {
  const r = spawnSync(process.execPath, ["--import", "tsx", path.join(ROOT, "local-cloud", "main.ts"), ...args], {
    cwd: ROOT,
    encoding: "utf8",
    timeout: 60_000,
    env: { ...process.env, SLB_EMULATOR_STATE: state, SLB_EMULATOR_FAIL: "" },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

test("upload-ca --name refuses a name SLB refuses, in one line with exit 2, and uploads nothing", () => {
  expect(localCloud(["upload-ca", CA, "--name", "ok\n  forged-line"])).toEqual({
    status: 2,
    stdout: "",
    stderr: `slb-local-cloud: --name "ok\\n  forged-line" holds "\\n", which is not allowed: a CA certificate name is ${CA_CERTIFICATE_NAME_RULE}.\n`,
  });
  expect(fs.existsSync(state)).toBe(false);
  const ok = localCloud(["upload-ca", CA, "--name", "client-ca.v1"]);
  expect({ status: ok.status, stderr: ok.stderr }).toEqual({ status: 0, stderr: "" });
});

test("list shows a name set through the API with control characters escaped, on one line", () => {
  const id = localCloud(["upload-ca", CA, "--name", "plain"]).stdout.trim();
  // The API's own rule refuses such names; a file written by something else may still hold one.
  withAccount((account) => {
    account.caCertificates[0].CACertificateName = "x\n  fake-id  cn-hangzhou  forged\u001b[2J";
  }, state);
  const list = localCloud(["list"]);
  expect(list.status).toBe(0);
  const lines = list.stdout.split("\n");
  expect(lines.filter((l) => l.includes(id))).toEqual([expect.stringContaining(`${id}  cn-hangzhou  x\\n  fake-id  cn-hangzhou  forged\\x1b[2J  CN=`)]);
  expect(list.stdout).not.toContain("\u001b");
  expect(lines.filter((l) => l.startsWith("  "))).toHaveLength(1);
});

test("a damaged record (Tags: null) is one line and exit 2, for list and for every other command", () => {
  localCloud(["upload-ca", CA, "--name", "ok"]);
  const text = fs.readFileSync(state, "utf8").replace('"Tags":[]', '"Tags":null');
  fs.writeFileSync(state, text);
  for (const args of [["list"], ["orphans", "--app", temp], ["upload-ca", CA]]) {
    const r = localCloud(args);
    expect({ args, status: r.status, stdout: r.stdout, lines: r.stderr.split("\n").length }).toEqual({ args, status: 2, stdout: "", lines: 2 });
    expect(r.stderr).toMatch(
      /^slb-local-cloud: The emulated account file ".*" \(SLB_EMULATOR_STATE\) has a damaged line: line 2: caCertificates record ".*": Tags is null, not a list of \{Key, Value\}: /,
    );
  }
});

test("orphans: exit 1 naming what no state knows; exit 0 once a state knows it", () => {
  const id = localCloud(["upload-ca", CA, "--name", "by-hand"]).stdout.trim();
  const found = localCloud(["orphans", "--app", temp]);
  expect(found).toEqual({
    status: 1,
    stdout: [
      `The account ${state} holds 1 object that none of the states read knows:`,
      `  CA certificate ${id}  cn-hangzhou  by-hand`,
      "Delete each with `slb-local-cloud delete ID`, or adopt a certificate your app declares with its importFrom prop (the ID above); an object another app made is that app's.",
      `No state of this app found in ${temp}: nothing counts as known.`,
      "",
    ].join("\n"),
    stderr: "",
  });
  fs.writeFileSync(
    path.join(temp, "terraform.pki.tfstate"),
    JSON.stringify({ resources: [{ mode: "managed", provider: 'provider["registry.terraform.io/aliyun/alicloud"]', instances: [{ attributes: { id } }] }] }),
  );
  expect(localCloud(["orphans", "--app", temp])).toEqual({
    status: 0,
    stdout: `Every object in the account ${state} is in a state read here (1 object).\nStates read: terraform.pki.tfstate (1 object).\n`,
    stderr: "",
  });
  // Another folder knows nothing; --json is for machines.
  const json = localCloud(["orphans", "--app", path.join(temp, "elsewhere"), "--json"]);
  expect(json.status).toBe(1);
  expect(JSON.parse(json.stdout).orphans).toEqual([{ kind: "CA certificate", id, regionId: "cn-hangzhou", name: "by-hand" }]);
});
