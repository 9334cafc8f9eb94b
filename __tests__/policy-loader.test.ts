/**
 * The policy loader against careless and hostile input: every answer is a
 * CaCertificatePolicyError naming the key, never a foreign exception.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as fc from "fast-check";
import { Aspects, Testing } from "cdktf";
import { CaCertificate, CaCertificatePolicy, CaCertificatePolicyError } from "../constructs";
import { parsePolicyJson, parsePolicyRules } from "../constructs/policy/policy-rules";
import { NOW, fixture } from "./support/fixtures";
import { newStack } from "./support/stack";
import { caught } from "./support/caught";

const KNOWN =
  "known keys: requiredTags, allowedTagValues, allowedRegions, allowedResourceGroupIds, namePattern, minValidityDays, warnValidityDays, requireRsa4096, unresolvedPem";

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "policy-loader-"));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function policyFile(content: string | Buffer, name = "policy.json"): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
}

function problemsOf(call: () => unknown): string[] {
  return caught(call, CaCertificatePolicyError).problems;
}

describe("keys are own properties only", () => {
  it.each([
    ["__proto__", '{"__proto__": {"requiredTags": ["x"]}}'],
    ["hasOwnProperty", '{"hasOwnProperty": 1}'],
    ["valueOf", '{"valueOf": []}'],
    ["constructor", '{"constructor": {"name": "x"}}'],
    ["toString", '{"toString": "x"}'],
    ["isPrototypeOf", '{"isPrototypeOf": null}'],
  ])("%s is an unknown key like any other, named in the message", (key, json) => {
    const file = policyFile(json);
    const error = caught(() => CaCertificatePolicy.fromFile(file), CaCertificatePolicyError);
    expect(error.message).toBe(`${file}: invalid CA certificate policy: unknown key "${key}"; ${KNOWN}`);
  });

  it("prints a hostile key safely: quoted, control characters escaped, on one line", () => {
    const problems = problemsOf(() => parsePolicyRules(JSON.parse('{"evil\\nkey\\u001b[31m": 1}')));
    expect(problems).toEqual([`unknown key "evil\\nkey\\u001b[31m"; ${KNOWN}`]);
  });

  it("keeps only the known keys, copied: changing the input later changes nothing", () => {
    const input = { requiredTags: ["owner"], allowedTagValues: JSON.parse('{"__proto__": ["x"], "owner": ["a"]}') };
    const rules = parsePolicyRules(input);
    input.requiredTags.push("late");
    expect(rules.requiredTags).toEqual(["owner"]);
    expect(Object.getPrototypeOf(rules)).toBe(Object.prototype);
    expect(Object.keys(rules.allowedTagValues!)).toEqual(["__proto__", "owner"]);
  });

  it('a tag key "__proto__" in allowedTagValues judges the tag, not Object.prototype', () => {
    const stack = newStack();
    const ca = new CaCertificate(stack, "ClientCa", { caCertificate: fixture("root-rsa2048.pem"), tags: { owner: "platform" } });
    Aspects.of(stack).add(new CaCertificatePolicy(JSON.parse('{"allowedTagValues": {"__proto__": ["x"]}}'), { now: NOW }));
    Testing.synth(stack);
    expect(ca.node.metadata.filter((m) => m.type === "@cdktf/error")).toEqual([]);
  });
});

describe("file reading", () => {
  it("accepts a leading UTF-8 byte-order mark (Windows editors write one)", () => {
    const file = policyFile(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"requiredTags": ["owner"]}')]));
    expect(CaCertificatePolicy.fromFile(file).rules).toEqual({ requiredTags: ["owner"] });
  });

  it("a BOM in the middle is still not JSON", () => {
    const file = policyFile(Buffer.concat([Buffer.from(" "), Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from("{}")]));
    expect(problemsOf(() => CaCertificatePolicy.fromFile(file))).toEqual([expect.stringMatching(/^cannot read it as JSON: /)]);
  });

  it("says why JSON failed on one line, whatever the text holds", () => {
    const file = policyFile('{"requiredTags":\n\n [owner]\u2028}');
    const error = caught(() => CaCertificatePolicy.fromFile(file), CaCertificatePolicyError);
    expect(error.message).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: invalid CA certificate policy: cannot read it as JSON: `));
    expect(error.message).not.toMatch(/[\n\r\u2028\u2029]/);
  });

  it.each<[string, () => string, string]>([
    ["a missing file", () => path.join(dir, "missing.json"), "the file does not exist: check the path."],
    ["a directory", () => dir, "the file is a directory, not a regular file: save the policy as JSON to a file and give its path."],
    [
      "/dev/zero, refused unread",
      () => "/dev/zero",
      "the file is a character device, not a regular file: save the policy as JSON to a file and give its path.",
    ],
  ])("refuses %s with one CaCertificatePolicyError naming the file", (_what, file, problem) => {
    const error = caught(() => CaCertificatePolicy.fromFile(file()), CaCertificatePolicyError);
    expect(error.message).toBe(`${file()}: invalid CA certificate policy: ${problem}`);
  });

  it("refuses a file over 1 MiB", () => {
    const file = policyFile(`{"requiredTags": [${'"x",'.repeat(300_000)}"x"]}`, "big.json");
    expect(problemsOf(() => CaCertificatePolicy.fromFile(file))).toEqual([
      `the file is ${fs.statSync(file).size} bytes; the limit is 1048576 bytes (1 MiB): check that it holds the policy as JSON and nothing else.`,
    ]);
  });
});

describe("namePattern is RE2 syntax", () => {
  it.each([
    ["a backreference", "(a)\\1", "invalid escape sequence: `\\1`"],
    ["a lookahead", "(?=prod)prod-.*", "invalid or unsupported Perl syntax: `(?=`"],
    ["a negative lookahead", "(?!evil).*", "invalid or unsupported Perl syntax: `(?!`"],
    ["a lookbehind", "(?<=x)y", "invalid named capture: `(?<=x)y`"],
    ["a repeat over 1000", "a{1001}", "invalid repeat count: `{1001}`"],
    ["an unclosed class", "[a-z", "missing closing ]: `[a-z`"],
  ])("refuses %s, saying why", (_what, pattern, reason) => {
    expect(problemsOf(() => parsePolicyRules({ namePattern: pattern }))).toEqual([
      `namePattern ${JSON.stringify(pattern)} is not a regular expression in RE2 syntax (${reason}); RE2 has no backreferences or lookaround`,
    ]);
  });

  it("refuses a pattern over 1000 characters", () => {
    expect(problemsOf(() => parsePolicyRules({ namePattern: "a".repeat(1001) }))).toEqual(["namePattern is 1001 characters long; at most 1000 are accepted"]);
  });

  it("accepts what RE2 and JavaScript share: classes, \\d, Unicode classes, (?i), named groups", () => {
    for (const pattern of ["^[a-z][a-z0-9-]{2,60}$", "\\d+-ca", "\\p{L}+", "(?i)prod-.*", "(?P<team>[a-z]+)-ca", "(?<team>[a-z]+)-ca"]) {
      expect(parsePolicyRules({ namePattern: pattern })).toEqual({ namePattern: pattern });
    }
  });

  it("keeps the RE2 reason on one line even for a pattern with a newline", () => {
    const [problem] = problemsOf(() => parsePolicyRules({ namePattern: "(\n" }));
    expect(problem).not.toContain("\n");
    expect(problem).toMatch(/^namePattern "\(\\n" is not a regular expression in RE2 syntax \(missing closing \): `\(\\u000a`\)/);
  });
});

describe("property: only CaCertificatePolicyError ever comes out", () => {
  const HOSTILE_KEYS = [
    "__proto__",
    "constructor",
    "hasOwnProperty",
    "valueOf",
    "toString",
    "prototype",
    "isPrototypeOf",
    "__defineGetter__",
    "namePattern",
    "requiredTags",
    "allowedTagValues",
    "minValidityDays",
  ];
  const hostileKey = fc.oneof(fc.constantFrom(...HOSTILE_KEYS), fc.string());
  // Values of every JSON type, plus the shapes the rules expect, so that valid and nearly valid policies are drawn too.
  const value = fc.oneof(
    fc.jsonValue(),
    fc.array(fc.string()),
    fc.dictionary(hostileKey, fc.array(fc.string())),
    fc.constantFrom("^(a+)+$", "(a)\\1", "(?=x)", "[", "prod", "skip", "error"),
    fc.integer(),
  );
  const hostileObject = fc.dictionary(hostileKey, value);

  /** Returns rules, or throws CaCertificatePolicyError whose every problem is one line; anything else fails the property. */
  function onlyPolicyErrors(load: () => unknown): void {
    let rules: unknown;
    try {
      rules = load();
    } catch (error) {
      if (!(error instanceof CaCertificatePolicyError)) throw error;
      expect(error.problems.length).toBeGreaterThan(0);
      for (const problem of error.problems) expect(problem).not.toMatch(/[\n\r]/);
      return;
    }
    // Rules that pass the loader make a policy without a further error.
    new CaCertificatePolicy(rules as never);
  }

  it("random JSON values", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (json) => onlyPolicyErrors(() => parsePolicyRules(json))),
      { numRuns: 500 },
    );
  });

  it("random objects with hostile keys, built by JSON.parse as a file would be", () => {
    fc.assert(
      fc.property(hostileObject, (object) => onlyPolicyErrors(() => parsePolicyJson(JSON.stringify(object), "policy.json"))),
      { numRuns: 500 },
    );
  });

  it("random objects with hostile keys, given in code", () => {
    fc.assert(
      fc.property(hostileObject, (object) => onlyPolicyErrors(() => new CaCertificatePolicy(object as never).rules)),
      { numRuns: 300 },
    );
  });

  it("random text, with and without a BOM", () => {
    const text = fc.oneof(
      fc.string(),
      fc.json(),
      fc.json().map((j) => `\ufeff${j}`),
      fc.string({ unit: "binary" }),
    );
    fc.assert(
      fc.property(text, (t) => onlyPolicyErrors(() => parsePolicyJson(t, "policy.json"))),
      { numRuns: 500 },
    );
  });
});
