/**
 * emulator/CONFORMANCE.md cannot drift from the code or from the Go sources:
 * every resource type and data source the local provider serves has its
 * section; each Go function of the four resources' CRUD and of the data
 * source's Read is cited; every Go function a row cites exists in its file at
 * the tag (emulator/provider-source/index.json, which extract.ts makes from the
 * sources; __tests__/process/provider-source.test.ts re-makes it when the
 * sources are at hand); every
 * local file it names exists and declares the names cited; every test it
 * cites exists with that title; every row that differs says why that is
 * acceptable.
 */
import * as fs from "fs";
import * as path from "path";
import { DATA_SOURCES, MANAGED_RESOURCES } from "../../emulator/alicloud";
import { SourceIndex, cells, missingCitations } from "../../emulator/provider-source/citations";
import { Index } from "../../emulator/provider-source/extract";

const ROOT = path.join(__dirname, "..", "..");
const TEXT = fs.readFileSync(path.join(ROOT, "emulator", "CONFORMANCE.md"), "utf8");
const INDEX: Index = JSON.parse(fs.readFileSync(path.join(ROOT, "emulator", "provider-source", "index.json"), "utf8"));
const FUNCTIONS: SourceIndex = Object.fromEntries(Object.entries(INDEX.modules).map(([module, m]) => [module, m.files]));

/** The table rows (header and rule lines left out) of a CONFORMANCE-like text. */
function rows(text: string): string[][] {
  return text
    .split("\n")
    .filter((line) => line.startsWith("| ") && !line.startsWith("| Behaviour") && !line.startsWith("| ---"))
    .map(cells);
}
const ROWS = rows(TEXT);

/** A Local cell's citations: `file.ts` or `file.ts: name, Class.method, fn(…)`. */
function localProblems(table: string[][]): string[] {
  const problems: string[] = [];
  for (const row of table) {
    for (const [, file, names] of row[2].matchAll(/`((?:alicloud|api|provider-source)\/[\w-]+\.ts|[\w-]+\.ts)(?::\s*([^`]*))?`/g)) {
      const full = path.join(ROOT, "emulator", file);
      if (!fs.existsSync(full)) {
        problems.push(`${row[0]}: no file emulator/${file}`);
        continue;
      }
      const source = fs.readFileSync(full, "utf8");
      for (const cited of (names ?? "")
        .replace(/\([^)]*\)/g, "")
        .split(",")
        .map((n) => n.trim())
        .filter(Boolean)) {
        if (!/^\w+(\.\w+)?$/.test(cited)) {
          problems.push(`${row[0]}: emulator/${file}: "${cited}" is not a name`);
          continue;
        }
        for (const name of cited.split(".")) {
          const declared = new RegExp(`(?:function\\*?|const|let|class|interface|type)\\s+${name}\\b|^\\s+(?:async\\s+)?${name}\\s*[(:?<]`, "m");
          if (!declared.test(source)) problems.push(`${row[0]}: emulator/${file} declares no ${name}`);
        }
      }
    }
  }
  return problems;
}

/** A Test cell's citations: `file.test.ts: title …` (the title's start), a bare `file.test.ts`, scenario `name`. */
function testProblems(table: string[][]): string[] {
  const problems: string[] = [];
  const scenarioDir = path.join(ROOT, "__tests__", "e2e", "scenarios");
  const scenarioSources = fs.readdirSync(scenarioDir).map((f) => fs.readFileSync(path.join(scenarioDir, f), "utf8"));
  for (const row of table) {
    for (const [, file] of row[3].matchAll(/`?([\w/-]+\.test\.ts)\b/g)) {
      if (!fs.existsSync(path.join(ROOT, "__tests__", file))) problems.push(`${row[0]}: no test file __tests__/${file}`);
    }
    for (const [, file, title] of row[3].matchAll(/`([\w/-]+\.test\.ts): ([^`]+?)(?: …)?`/g)) {
      const full = path.join(ROOT, "__tests__", file);
      const start = title.replace(/ \(\d+ (cases|tests)\)$/, "").replace(/ …$/, "");
      if (fs.existsSync(full) && !fs.readFileSync(full, "utf8").includes(start)) problems.push(`${row[0]}: ${file} has no test "${start}"`);
    }
    for (const [, name] of row[3].matchAll(/scenario `([\w-]+)`/g)) {
      if (!scenarioSources.some((source) => source.includes(`name: "${name}"`))) problems.push(`${row[0]}: no scenario ${name}`);
    }
  }
  return problems;
}

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

test("every Go function a row cites exists in the file it names, at the module's tag", () => {
  expect(missingCitations(TEXT, FUNCTIONS)).toEqual([]);
});

test("a row citing a function or a file the tag does not have, or a module it does not know, is caught", () => {
  const doc = [
    "## alicloud_slb_listener (`resource_alicloud_slb_listener.go`)",
    "| Behaviour | Provider at v1.257.0 | Local | Test | |",
    "| --- | --- | --- | --- | --- |",
    "| a | `resourceAliCloudSlbListenerCreate`; `service_alicloud_slb.go: DescribeSlbListener, DescribeSlbListenerTwice` | | | same |",
    "| b | `resourceAliCloudSlbListenerUpsert` | | | same |",
    "| c | `no_such_file.go: Create`; terraform-plugin-sdk `helper/resource/wait.go: RetryForever` | | | same |",
    "| d | SDK `grpc_provider.go: PlanResourceChange` | | | same |",
  ].join("\n");
  expect(missingCitations(doc, FUNCTIONS)).toEqual([
    "a: terraform-provider-alicloud alicloud/service_alicloud_slb.go: no function DescribeSlbListenerTwice at v1.257.0",
    "b: terraform-provider-alicloud alicloud/resource_alicloud_slb_listener.go: no function resourceAliCloudSlbListenerUpsert at v1.257.0",
    "c: terraform-provider-alicloud alicloud/no_such_file.go: no such file at v1.257.0",
    "c: terraform-plugin-sdk helper/resource/wait.go: no function RetryForever at v1.17.2",
    expect.stringMatching(/^d: terraform-provider-alicloud: `SDK …: no module of terraform-provider-alicloud, terraform-plugin-sdk, /),
  ]);
});

test("every local file named exists under emulator/ and declares the names cited", () => {
  expect(ROWS.filter((row) => /`[\w/-]+\.ts/.test(row[2])).length).toBeGreaterThan(30);
  expect(localProblems(ROWS)).toEqual([]);
});

test("every test cited exists with that title, and every scenario cited exists", () => {
  expect(ROWS.filter((row) => /\.test\.ts/.test(row[3])).length).toBeGreaterThan(30);
  expect(testProblems(ROWS)).toEqual([]);
});

test("a row naming a local file, a name in it, a test file, a test or a scenario that does not exist is caught", () => {
  const row = [
    "x",
    "",
    "`alicloud/no-such.ts: a`; `alicloud/listener.ts: create, UPDATE_FOLLOWS`",
    "`emulator/no-such.test.ts: a`; `emulator/retry.test.ts: no such title`; scenario `no-such`",
    "same",
  ];
  expect([...localProblems([row]), ...testProblems([row])]).toEqual([
    "x: no file emulator/alicloud/no-such.ts",
    "x: emulator/alicloud/listener.ts declares no UPDATE_FOLLOWS",
    "x: no test file __tests__/emulator/no-such.test.ts",
    'x: emulator/retry.test.ts has no test "no such title"',
    "x: no scenario no-such",
  ]);
});
