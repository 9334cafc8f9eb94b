/**
 * emulator/CONFORMANCE.md cannot drift from the code: every resource type
 * and data source the local provider serves has its section, each Go
 * function of the four resources' CRUD and of the data source's Read is
 * cited, every local file it names exists, every test it cites exists with
 * that title, and every row that differs says why that is acceptable.
 */
import * as fs from "fs";
import * as path from "path";
import { DATA_SOURCES, MANAGED_RESOURCES } from "../../emulator/alicloud";

const ROOT = path.join(__dirname, "..", "..");
const TEXT = fs.readFileSync(path.join(ROOT, "emulator", "CONFORMANCE.md"), "utf8");
const ROWS = TEXT.split("\n")
  .filter((line) => line.startsWith("| ") && !line.startsWith("| Behaviour") && !line.startsWith("| ---"))
  .map((line) =>
    line
      .split(/(?<!\\)\|/)
      .slice(1, -1)
      .map((cell) => cell.trim()),
  );

test("every resource type and data source served has a section", () => {
  for (const type of [...Object.keys(MANAGED_RESOURCES), ...Object.keys(DATA_SOURCES)]) expect(TEXT).toContain(`## ${type} (`);
});

test.each([
  ...["Create", "Read", "Update", "Delete"].flatMap((op) => [
    `resourceAlicloudSlbCaCertificate${op}`,
    `resourceAlicloudSlbServerCertificate${op}`,
    `resourceAlicloudSlbLoadBalancer${op}`,
    `resourceAliCloudSlbListener${op}`,
  ]),
  "dataSourceAlicloudSlbCaCertificatesRead",
])("cites the Go handler %s", (fn) => {
  expect(TEXT).toContain(fn);
});

test("every row has five cells, and every row that differs says why that is acceptable", () => {
  for (const row of ROWS) {
    expect(row).toHaveLength(5);
    if (/\bdiffers\b/.test(row[4])) expect({ row: row[0], says: /Acceptable/.test(row[4]) }).toEqual({ row: row[0], says: true });
  }
});

test("every local file named exists under emulator/", () => {
  const files = ROWS.flatMap((row) => [...row[2].matchAll(/`((?:alicloud|api)\/[\w-]+\.ts|[\w-]+\.ts)(?::[^`]*)?`/g)].map((m) => m[1]));
  expect(files.length).toBeGreaterThan(30);
  for (const file of new Set(files)) expect({ file, exists: fs.existsSync(path.join(ROOT, "emulator", file)) }).toEqual({ file, exists: true });
});

test("every test cited exists with that title", () => {
  const cited = ROWS.flatMap((row) => [...row[3].matchAll(/`([\w/-]+\.test\.ts): ([^`]+?)(?: …)?`/g)].map((m) => [m[1], m[2]] as const));
  expect(cited.length).toBeGreaterThan(30);
  for (const [file, title] of cited) {
    const source = fs.readFileSync(path.join(ROOT, "__tests__", file), "utf8");
    const start = title.replace(/ \(\d+ (cases|tests)\)$/, "").replace(/ …$/, "");
    expect({ file, title: start, found: source.includes(start) }).toEqual({ file, title: start, found: true });
  }
  const scenarios = ROWS.flatMap((row) => [...row[3].matchAll(/scenario `([\w-]+)`/g)].map((m) => m[1]));
  const index = fs.readFileSync(path.join(ROOT, "__tests__", "e2e", "scenarios", "index.ts"), "utf8");
  for (const name of new Set(scenarios))
    expect(
      fs
        .readdirSync(path.join(ROOT, "__tests__", "e2e", "scenarios"))
        .some((f) => fs.readFileSync(path.join(ROOT, "__tests__", "e2e", "scenarios", f), "utf8").includes(`name: "${name}"`)),
    ).toBe(true);
  expect(index).toContain("SCENARIOS");
});
