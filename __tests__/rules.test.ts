/**
 * The rule catalogue (constructs/rules/): every code the library reports is
 * in it once, each code's problems are made where its entry says (one hop from
 * a code to its check), annotations are written only with the catalogue's
 * codes, and the documentation's tables of codes are the generated ones.
 */
import * as fs from "fs";
import * as path from "path";
import { RuleCode, catalogueEntries, isRuleCode } from "../constructs/rules/catalogue";
import { problem, ruleMessage } from "../constructs/problems";
import { GENERATED_TABLES, documentationFiles, markerPattern } from "../scripts/rules-table";

const CONSTRUCTS = path.join(__dirname, "..", "constructs");

describe("rule codes", () => {
  it("are unique across the certificate's rules and the policy's", () => {
    const codes = catalogueEntries().map((rule) => rule.code);
    expect(codes.length).toBeGreaterThan(40);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it("are guarded at run time: an annotation with a code the catalogue lacks is a bug, and throws", () => {
    expect(ruleMessage({ code: "CACertificate.NoClientAuth", message: "m" })).toBe("CACertificate.NoClientAuth: m");
    expect(() => ruleMessage({ code: "CACertificate.NotCa", message: "m" })).toThrow('"CACertificate.NotCa" is not a code of the rule catalogue');
    expect(isRuleCode("Policy.RequiredTag")).toBe(true);
    expect(isRuleCode("Policy.Requiredtag")).toBe(false);
  });

  it("(a typecheck test: `npm run typecheck` fails if the marked lines ever compile) a mistyped code is refused by the compiler", () => {
    // @ts-expect-error: "CACertificate.NotCa" is not a rule code (it is NotCA).
    const mistyped: RuleCode = "CACertificate.NotCa";
    // @ts-expect-error: problem() takes the catalogue's codes only.
    problem("Policy.Requiredtag", "m");
    expect(isRuleCode(mistyped)).toBe(false);
  });
});

describe("one hop from a code to its check", () => {
  /** Every library file below constructs/ but the catalogue itself, with its text. */
  const sources = (fs.readdirSync(CONSTRUCTS, { recursive: true }) as string[])
    .filter((f) => f.endsWith(".ts") && !f.startsWith(`rules${path.sep}`))
    .map((f) => ({ file: f.split(path.sep).join("/"), text: fs.readFileSync(path.join(CONSTRUCTS, f), "utf8") }));

  it.each(catalogueEntries().map((rule) => [rule.code, rule.checkedIn] as const))("%s is made exactly in the files its entry names", (code, checkedIn) => {
    const makers = sources.filter((s) => s.text.includes(`"${code}"`)).map((s) => s.file);
    expect(makers.sort()).toEqual([...checkedIn].sort());
  });
});

describe("the documentation's tables of codes are generated from the catalogue", () => {
  const docs = documentationFiles().map((file) => ({ file, text: fs.readFileSync(file, "utf8") }));

  it.each(Object.entries(GENERATED_TABLES))("the %s table stands once, between its markers, as generated", (name, table) => {
    const found = docs.flatMap(({ file, text }) => [...text.matchAll(markerPattern(name))].map((m) => ({ file, table: m[2] })));
    expect(found.map((f) => path.relative(path.join(__dirname, ".."), f.file))).toHaveLength(1);
    expect(found[0].table).toBe(`${table()}\n`);
  });

  it("control: an edited row is told apart", () => {
    const text = `<!-- rules:start x -->\n${GENERATED_TABLES.rules().replace("more than 20 tags", "more than 21 tags")}\n<!-- rules:end -->`;
    const [match] = [...text.matchAll(markerPattern("rules"))];
    expect(match[2]).not.toBe(`${GENERATED_TABLES.rules()}\n`);
  });
});
