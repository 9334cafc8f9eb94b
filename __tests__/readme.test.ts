import * as fs from "fs";
import * as path from "path";
import { rulesTable } from "../scripts/rules-table";

const README = fs.readFileSync(path.join(__dirname, "..", "README.md"), "utf8");

it("README's rules table is the one generated from constructs/rules.ts", () => {
  const match = /<!-- rules:start[^>]*-->\n([\s\S]*?)\n<!-- rules:end -->/.exec(README);
  expect(match).not.toBeNull();
  expect(match![1]).toBe(rulesTable());
});

it("README's first code block holds the two set-up commands CI runs", () => {
  const firstBlock = /```sh\n([\s\S]*?)```/.exec(README)![1];
  expect(firstBlock).toContain("npm ci && npm run synth");
  expect(firstBlock).toContain("npm test");
  const ci = fs.readFileSync(path.join(__dirname, "..", ".ci", "run"), "utf8");
  expect(ci).toContain("npm ci");
  expect(ci).toContain("npm run synth");
  expect(ci).toContain("npm test");
});
