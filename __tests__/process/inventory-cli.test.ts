/**
 * `npm run inventory` for scheduled expiry checks: --fail-within DAYS and --json,
 * on the example app's real inventory.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { expiringWithin } from "../../cli/inventory";
import { InventoryFileEntry } from "../../constructs/synth/inventory";
import { facts } from "../support/fixtures";

const ROOT = path.join(__dirname, "..", "..");
const DAY = 24 * 60 * 60 * 1000;
let inventoryFile: string;

beforeAll(() => {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "inventory-cli-"));
  const app = JSON.parse(fs.readFileSync(path.join(ROOT, "cdktf.json"), "utf8")).app;
  const synth = spawnSync(app, { shell: true, cwd: ROOT, encoding: "utf8", env: { ...process.env, CDKTF_OUTDIR: outdir } });
  expect(synth.status).toBe(0);
  inventoryFile = path.join(outdir, "ca-certificates.json");
});

function npmRunInventory(...args: string[]) {
  return spawnSync("npm", ["run", "--silent", "inventory", "--", ...args, inventoryFile], { cwd: ROOT, encoding: "utf8" });
}

it("--fail-within 36500 exits non-zero and names the example app's certificate", () => {
  const run = npmRunInventory("--fail-within", "36500");
  expect(run.status).toBe(1);
  expect(run.stderr).toMatch(
    /^1 CA certificate expires within 36500 days:\n {2}pki\/ClientCa \(example-client-ca-[0-9a-f]{8}, SHA-1 [0-9a-f:]{59}\): expires 2055-01-01T00:00:00Z, \d+ days left\n$/,
  );
  // The table is still printed, on stdout.
  expect(run.stdout).toMatch(/^DAYS LEFT/);
});

it("--fail-within 1 exits zero", () => {
  const run = npmRunInventory("--fail-within", "1");
  expect(run.status).toBe(0);
  expect(run.stderr).toBe("");
});

it("--json prints the entries with days left counted from now", () => {
  const run = npmRunInventory("--json");
  expect(run.status).toBe(0);
  const json = JSON.parse(run.stdout);
  const [entry] = json.certificates;
  expect(entry.path).toBe("pki/ClientCa");
  const expected = Math.floor((Date.parse(entry.expireTime) - Date.parse(json.asOf)) / DAY);
  expect(entry.daysLeft).toBe(expected);
});

it("refuses a --fail-within that is not a number of days", () => {
  const run = npmRunInventory("--fail-within", "soon");
  expect(run.status).toBe(2);
  expect(run.stderr).toContain('--fail-within takes a whole number of days (0 or more), got "soon"');
});

describe("expiringWithin", () => {
  const notAfter = facts("intermediate-rsa2048.pem").notAfter;
  const entry = { path: "s/Ca", stack: "s", expireTime: new Date(notAfter).toISOString().replace(/\.\d{3}Z$/, "Z"), tags: {} } as unknown as InventoryFileEntry;
  const tenDaysBefore = new Date(Date.parse(entry.expireTime!) - 10 * DAY);

  it("counts a certificate expiring in less than DAYS days, not one expiring in exactly DAYS", () => {
    expect(expiringWithin([entry], 10, tenDaysBefore)).toEqual([]);
    expect(expiringWithin([entry], 11, tenDaysBefore).map((e) => e.daysLeft)).toEqual([10]);
  });

  it("counts an expired certificate, and skips one whose expiry is known only at deploy time", () => {
    const later = new Date(Date.parse(entry.expireTime!) + DAY);
    expect(expiringWithin([entry, { ...entry, path: "s/Token", expireTime: null }], 0, later).map((e) => e.path)).toEqual(["s/Ca"]);
  });
});

describe("a file that is not an inventory: one line naming the file, exit 2", () => {
  let temp: string;
  beforeAll(() => {
    temp = fs.mkdtempSync(path.join(os.tmpdir(), "inventory-bad-"));
  });
  afterAll(() => fs.rmSync(temp, { recursive: true, force: true }));

  function runOn(file: string) {
    const r = spawnSync("npm", ["run", "--silent", "inventory", "--", file], { cwd: ROOT, encoding: "utf8", timeout: 60_000 });
    return { status: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
  }
  function withContent(name: string, content: string): string {
    const file = path.join(temp, name);
    fs.writeFileSync(file, content);
    return file;
  }

  it("/dev/zero is refused unread, not read until memory runs out", () => {
    expect(runOn("/dev/zero")).toEqual({
      status: 2,
      signal: null,
      stdout: "",
      stderr:
        'slb-ca inventory: "/dev/zero" is a character device, not a regular file: save the inventory (ca-certificates.json from a synth) to a file and give its path.\n',
    });
  });

  it.each([
    ["null", "null", "holds null, not an object {asOf, certificates: [...]}"],
    ["no-list", '{"asOf":"2026-01-01"}', "has no certificates list (an array)"],
    ["bad-entry", '{"asOf":"2026-01-01","certificates":[7]}', "has a certificates[0] that is not an entry (an object with path, stack, expireTime and tags)"],
  ])("a file holding %s", (name, content, problem) => {
    const file = withContent(`${name}.json`, content);
    expect(runOn(file)).toEqual({
      status: 2,
      signal: null,
      stdout: "",
      stderr: `slb-ca inventory: ${JSON.stringify(file)} ${problem}: give the ca-certificates.json a synth wrote.\n`,
    });
  });

  it("a file that is not JSON", () => {
    const file = withContent("text.json", "not json");
    const run = runOn(file);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(
      new RegExp(
        `^slb-ca inventory: ${JSON.stringify(file).replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")} is not JSON \\(.*\\): give the ca-certificates.json a synth wrote.\\n$`,
      ),
    );
  });
});
