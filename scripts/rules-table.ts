/**
 * The tables of codes in the documentation, generated from the rule catalogue
 * (constructs/rules/): the certificate's rules and the organisation policy's.
 * Each table stands between two markers, `<!-- NAME:start ... -->` and
 * `<!-- NAME:end -->`, in README.md or a file under docs/, wherever it was
 * put; __tests__/rules.test.ts keeps every one equal to what this prints.
 *
 *   npm run rules-table            prints both tables
 *   npm run rules-table -- --write rewrites them where their markers stand
 */
import * as fs from "fs";
import * as path from "path";
import { CERTIFICATE_RULES } from "../constructs/rules/certificate-catalogue";
import { POLICY_RULES } from "../constructs/rules/policy-catalogue";

const escape = (text: string) => text.replace(/\|/g, "\\|");

/** The markdown table of the certificate's rules, one row per code. */
export function rulesTable(): string {
  const rows = CERTIFICATE_RULES.map((rule) => `| \`${rule.code}\` | ${rule.severity} | ${escape(rule.rejects)} | ${escape(rule.why)} |`);
  return ["| Code | Effect | What it catches | Why |", "| --- | --- | --- | --- |", ...rows].join("\n");
}

/** The markdown table of the policy's findings, one row per code. */
export function policyRulesTable(): string {
  const rows = POLICY_RULES.map((rule) => `| \`${rule.code}\` | ${rule.severity} | ${escape(rule.policyKey)} | ${escape(rule.rejects)} |`);
  return ["| Code | Effect | Policy rule | What it catches |", "| --- | --- | --- | --- |", ...rows].join("\n");
}

/** Each generated table by its marker name. */
export const GENERATED_TABLES: Readonly<Record<string, () => string>> = { rules: rulesTable, "policy-rules": policyRulesTable };

const ROOT = path.join(__dirname, "..");

/** README.md and every markdown file under docs/: where the tables may stand. */
export function documentationFiles(root: string = ROOT): string[] {
  const docs = path.join(root, "docs");
  const below = fs.existsSync(docs)
    ? (fs.readdirSync(docs, { recursive: true }) as string[]).filter((f) => f.endsWith(".md")).map((f) => path.join(docs, f))
    : [];
  return [path.join(root, "README.md"), ...below.sort()];
}

/** The region between a table's markers: the start marker's line, the table's lines (if any), the end marker. */
export function markerPattern(name: string): RegExp {
  return new RegExp(`(<!-- ${name}:start[^>]*-->\\n)((?:.*\\n)*?)(<!-- ${name}:end -->)`, "g");
}

/** Rewrites every generated table where its markers stand; returns the files changed. */
export function writeTables(files: readonly string[] = documentationFiles()): string[] {
  const changed: string[] = [];
  for (const file of files) {
    const text = fs.readFileSync(file, "utf8");
    let next = text;
    for (const [name, table] of Object.entries(GENERATED_TABLES)) next = next.replace(markerPattern(name), (_, start, __, end) => `${start}${table()}\n${end}`);
    if (next !== text) {
      fs.writeFileSync(file, next);
      changed.push(path.relative(ROOT, file));
    }
  }
  return changed;
}

if (require.main === module) {
  if (process.argv.includes("--write")) {
    const changed = writeTables();
    console.log(changed.length === 0 ? "the tables are up to date" : `rewrote ${changed.join(", ")}`);
  } else {
    console.log(`${rulesTable()}\n\n${policyRulesTable()}`);
  }
}
