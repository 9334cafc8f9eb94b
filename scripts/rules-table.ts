/**
 * Prints docs/rules.md's "What gets rejected, and why" table from constructs/rules.ts.
 * `npm run rules-table` prints it; __tests__/readme.test.ts keeps docs/rules.md equal to it.
 */
import { RULES } from "../constructs/rules";

/** The markdown table of every rule, one row per code. */
export function rulesTable(): string {
  const escape = (text: string) => text.replace(/\|/g, "\\|");
  const rows = RULES.map((rule) => `| \`${rule.code}\` | ${rule.severity} | ${escape(rule.rejects)} | ${escape(rule.why)} |`);
  return ["| Code | Effect | What it catches | Why |", "| --- | --- | --- | --- |", ...rows].join("\n");
}

if (require.main === module) console.log(rulesTable());
