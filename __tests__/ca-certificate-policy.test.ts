import * as fs from "fs";
import * as path from "path";
import { Aspects, TerraformStack, TerraformVariable, Testing } from "cdktf";
import { Construct } from "constructs";
import { AlicloudProvider } from "../.gen/providers/alicloud/provider";
import { AtomicApp, CaCertificate, CaCertificatePolicy, CaCertificatePolicyError, CaCertificatePolicyRules, UnresolvedPemAction } from "../constructs";
import { parsePolicyRules } from "../constructs/policy/policy-rules";
import { NOW, facts, fixture } from "./support/fixtures";
import { tempDir } from "./support/temp-dir";
import { newStack, testApp } from "./support/stack";

const PEM = fixture("root-rsa2048.pem");

function annotationsOf(construct: Construct, level: "error" | "warn"): string[] {
  return construct.node.metadata.filter((m) => m.type === `@cdktf/${level}`).map((m) => String(m.data));
}

/** One stack, one certificate, one policy: the policy's errors and warnings on it. */
function judge(rules: CaCertificatePolicyRules, props: Partial<ConstructorParameters<typeof CaCertificate>[2]> = {}, region = "cn-hangzhou") {
  const stack = new TerraformStack(testApp(), "pki");
  new AlicloudProvider(stack, "alicloud", { region });
  const ca = new CaCertificate(stack, "ClientCa", { caCertificate: PEM, caCertificateName: "client-ca", tags: { owner: "platform" }, ...props });
  Aspects.of(stack).add(new CaCertificatePolicy(rules, { now: NOW }));
  Testing.synth(stack);
  return { errors: annotationsOf(ca, "error"), warnings: annotationsOf(ca, "warn") };
}

describe("CaCertificatePolicy rules", () => {
  it("passes a certificate that meets every rule", () => {
    const all: CaCertificatePolicyRules = {
      requiredTags: ["owner"],
      allowedTagValues: { owner: ["platform"] },
      allowedRegions: ["cn-hangzhou"],
      allowedResourceGroupIds: ["rg-aek2abc"],
      namePattern: "^client-[a-z]+$",
      minValidityDays: 30,
      warnValidityDays: 90,
    };
    expect(judge(all, { resourceGroupId: "rg-aek2abc" })).toEqual({ errors: [], warnings: [] });
  });

  it("requires tag keys", () => {
    expect(judge({ requiredTags: ["owner", "cost-center"] }).errors).toEqual([
      'Policy.RequiredTag: tag "cost-center" is required; the certificate has "owner".',
    ]);
  });

  it("restricts tag values", () => {
    expect(judge({ allowedTagValues: { owner: ["edge-team", "payments"] } }).errors).toEqual([
      'Policy.TagValue: tag "owner" is "platform"; allowed: "edge-team", "payments".',
    ]);
  });

  it("restricts regions, reading the region from the certificate's provider", () => {
    expect(judge({ allowedRegions: ["cn-shanghai"] }, {}, "cn-hangzhou").errors).toEqual([
      'Policy.Region: region "cn-hangzhou" is not approved; allowed: cn-shanghai.',
    ]);
  });

  it("restricts resource groups, and refuses the default group when a list is given", () => {
    expect(judge({ allowedResourceGroupIds: ["rg-aek2abc"] }, { resourceGroupId: "rg-other" }).errors).toEqual([
      'Policy.ResourceGroup: resource group "rg-other" is not approved; allowed: rg-aek2abc.',
    ]);
    expect(judge({ allowedResourceGroupIds: ["rg-aek2abc"] }).errors).toEqual([
      "Policy.ResourceGroup: the account's default resource group is not approved; allowed: rg-aek2abc.",
    ]);
  });

  it("matches the declared name against a pattern, and refuses a missing name", () => {
    expect(judge({ namePattern: "^team-" }).errors).toEqual([
      'Policy.Name: name "client-ca" does not match the required pattern "^team-" (the whole name must match).',
    ]);
    expect(judge({ namePattern: "^client-ca$" }).errors).toEqual([]);
    expect(judge({ namePattern: "^client-ca$" }, { caCertificateName: undefined }).errors).toEqual([
      'Policy.Name: name (none) does not match the required pattern "^client-ca$" (the whole name must match).',
    ]);
  });

  it('matches the whole declared name, not a part of it: "prod" refuses evil-prod-lookalike', () => {
    expect(judge({ namePattern: "prod" }, { caCertificateName: "evil-prod-lookalike" }).errors).toEqual([
      'Policy.Name: name "evil-prod-lookalike" does not match the required pattern "prod" (the whole name must match).',
    ]);
    expect(judge({ namePattern: "prod" }, { caCertificateName: "prod" }).errors).toEqual([]);
    // Alternatives are whole-name too: "a|b" is (?:a|b) over the whole name, not "starts with a or ends with b".
    expect(judge({ namePattern: "prod|stage" }, { caCertificateName: "prod-lookalike-stage" }).errors).toHaveLength(1);
    expect(judge({ namePattern: "prod-.*" }, { caCertificateName: "prod-client-ca" }).errors).toEqual([]);
  });

  it("matches in linear time: ^(a+)+$ against a 35-character near miss answers at once (a backtracking engine took 81 s)", () => {
    // No timer here: before RE2 this call did not return for over a minute, past the generous jest timeout.
    const name = `${"a".repeat(34)}-`;
    expect(judge({ namePattern: "^(a+)+$" }, { caCertificateName: name }).errors).toEqual([
      `Policy.Name: name "${name}" does not match the required pattern "^(a+)+$" (the whole name must match).`,
    ]);
  }, 20_000);

  it("refuses certificates closer to expiry than minValidityDays, and warns inside warnValidityDays", () => {
    const daysLeft = Math.floor((Date.parse(facts("root-rsa2048.pem").notAfter) - NOW.getTime()) / 86_400_000);
    expect(judge({ minValidityDays: daysLeft + 1 }).errors).toEqual([
      `Policy.MinValidity: the certificate expires on 2055-01-01T00:00:00Z, in ${daysLeft} days; the policy requires at least ${daysLeft + 1}.`,
    ]);
    const soon = judge({ minValidityDays: daysLeft, warnValidityDays: daysLeft + 1 });
    expect(soon.errors).toEqual([]);
    expect(soon.warnings).toEqual([
      `Policy.ValidityWarning: the certificate expires on 2055-01-01T00:00:00Z, in ${daysLeft} days (policy warning threshold: ${daysLeft + 1}).`,
    ]);
  });

  it("requires RSA 4096 when asked", () => {
    expect(judge({ requireRsa4096: true }).errors).toEqual(["Policy.KeySize: the key is RSA 2048; the policy requires RSA 4096."]);
    expect(judge({ requireRsa4096: true }, { caCertificate: fixture("root-rsa4096.pem") }).errors).toEqual([]);
  });

  it("skips a token PEM with a warning by default, or refuses it", () => {
    const withToken = (rules: CaCertificatePolicyRules) => {
      const stack = newStack();
      const pem = new TerraformVariable(stack, "pem", { type: "string" });
      const ca = new CaCertificate(stack, "ClientCa", { caCertificate: pem.stringValue });
      Aspects.of(stack).add(new CaCertificatePolicy(rules, { now: NOW }));
      Testing.synth(stack);
      return { errors: annotationsOf(ca, "error"), warnings: annotationsOf(ca, "warn") };
    };
    expect(withToken({ minValidityDays: 30 }).errors).toEqual([]);
    expect(withToken({ minValidityDays: 30 }).warnings).toContainEqual(expect.stringMatching(/^Policy\.UnresolvedPem: .*\(skipped\)$/));
    expect(withToken({ unresolvedPem: UnresolvedPemAction.ERROR }).errors).toEqual([
      "Policy.UnresolvedPem: the PEM is known only at deploy time, so key size and validity could not be checked.",
    ]);
  });
});

describe("CaCertificatePolicy with values known only at deploy time", () => {
  it("skips tag rules with a warning when the tags are a token, instead of failing", () => {
    const stack = newStack();
    const tags = new TerraformVariable(stack, "tags", { type: "map(string)" });
    const ca = new CaCertificate(stack, "ClientCa", { caCertificate: PEM, tags: tags.value });
    Aspects.of(stack).add(new CaCertificatePolicy({ requiredTags: ["owner"] }, { now: NOW }));
    Testing.synth(stack);
    expect(annotationsOf(ca, "error")).toEqual([]);
    expect(annotationsOf(ca, "warn")).toContainEqual(expect.stringMatching(/^Policy\.UnresolvedTags: /));
  });

  it("skips allowedRegions with a warning when the region is a token", () => {
    const stack = new TerraformStack(testApp(), "pki");
    const region = new TerraformVariable(stack, "region", { type: "string" });
    new AlicloudProvider(stack, "alicloud", { region: region.stringValue });
    const ca = new CaCertificate(stack, "ClientCa", { caCertificate: PEM });
    Aspects.of(stack).add(new CaCertificatePolicy({ allowedRegions: ["cn-hangzhou"] }, { now: NOW }));
    Testing.synth(stack);
    expect(annotationsOf(ca, "error")).toEqual([]);
    expect(annotationsOf(ca, "warn")).toContainEqual(expect.stringMatching(/^Policy\.UnresolvedRegion: /));
  });
});

describe("CaCertificatePolicy across stacks", () => {
  // Every rule, broken once in each of two stacks: one synth must report both.
  const daysLeft = Math.floor((Date.parse(facts("root-rsa2048.pem").notAfter) - NOW.getTime()) / 86_400_000);
  it.each<[string, CaCertificatePolicyRules, string]>([
    ["requiredTags", { requiredTags: ["cost-center"] }, "Policy.RequiredTag"],
    ["allowedTagValues", { allowedTagValues: { owner: ["nobody"] } }, "Policy.TagValue"],
    ["allowedRegions", { allowedRegions: ["ap-southeast-1"] }, "Policy.Region"],
    ["allowedResourceGroupIds", { allowedResourceGroupIds: ["rg-aek2abc"] }, "Policy.ResourceGroup"],
    ["namePattern", { namePattern: "^team-" }, "Policy.Name"],
    ["minValidityDays", { minValidityDays: daysLeft + 1 }, "Policy.MinValidity"],
    ["requireRsa4096", { requireRsa4096: true }, "Policy.KeySize"],
  ])("%s: a violation in each of two stacks gives both errors in one synth", (_rule, rules, code) => {
    const outdir = tempDir("policy-");
    const app = new AtomicApp({ outdir });
    for (const name of ["team-a", "team-b"]) {
      const stack = newStack(name, { app: app });
      new CaCertificate(stack, "ClientCa", { caCertificate: PEM, caCertificateName: "client-ca", tags: { owner: name } });
    }
    Aspects.of(app).add(new CaCertificatePolicy(rules, { now: NOW }));
    expect(() => app.synth()).toThrow(
      new RegExp(`\\[team-a/ClientCa\\] ${code.replace(".", "\\.")}: [\\s\\S]*\\[team-b/ClientCa\\] ${code.replace(".", "\\.")}: `),
    );
    expect(fs.readdirSync(outdir)).toEqual([]);
  });

  it("warnValidityDays and unresolvedPem: warnings in both stacks, synth goes ahead", () => {
    const outdir = tempDir("policy-");
    const app = new AtomicApp({ outdir });
    const cas = ["team-a", "team-b"].map((name) => {
      const stack = newStack(name, { app: app });
      const pem = new TerraformVariable(stack, "pem", { type: "string" });
      return [new CaCertificate(stack, "Literal", { caCertificate: PEM }), new CaCertificate(stack, "Token", { caCertificate: pem.stringValue })];
    });
    Aspects.of(app).add(new CaCertificatePolicy({ warnValidityDays: daysLeft + 1 }, { now: NOW }));
    app.synth();
    for (const [literal, token] of cas) {
      expect(annotationsOf(literal, "warn")).toContainEqual(expect.stringMatching(/^Policy\.ValidityWarning: /));
      expect(annotationsOf(token, "warn")).toContainEqual(expect.stringMatching(/^Policy\.UnresolvedPem: /));
    }
    expect(fs.existsSync(path.join(outdir, "stacks", "team-b", "cdk.tf.json"))).toBe(true);
  });

  function twoStackApp(outdir: string, secondRegion: string) {
    const app = new AtomicApp({ outdir });
    for (const [name, region] of [
      ["team-a", "cn-hangzhou"],
      ["team-b", secondRegion],
    ]) {
      const stack = new TerraformStack(app, name);
      new AlicloudProvider(stack, "alicloud", { region });
      new CaCertificate(stack, "ClientCa", { caCertificate: PEM, tags: name === "team-a" ? {} : { owner: "b" } });
    }
    Aspects.of(app).add(new CaCertificatePolicy({ requiredTags: ["owner"], allowedRegions: ["cn-hangzhou"] }, { now: NOW }));
    return app;
  }

  it("checks every stack of the app it is added to (AtomicApp hands app aspects to each stack)", () => {
    const synth = () => twoStackApp(tempDir("policy-"), "cn-hangzhou").synth();
    expect(synth).toThrow(/\[team-a\/ClientCa\] Policy\.RequiredTag/);
  });

  it("reports a violation in each of two stacks in one synth, and writes nothing", () => {
    const outdir = tempDir("policy-");
    const app = twoStackApp(outdir, "cn-beijing");
    let message = "";
    try {
      app.synth();
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('[team-a/ClientCa] Policy.RequiredTag: tag "owner" is required');
    expect(message).toContain('[team-b/ClientCa] Policy.Region: region "cn-beijing" is not approved; allowed: cn-hangzhou.');
    expect(fs.readdirSync(outdir)).toEqual([]);
  });
});

describe("CaCertificatePolicy.fromFile: a policy kept as JSON", () => {
  function policyFile(content: string): string {
    const file = path.join(tempDir("policy-"), "policy.json");
    fs.writeFileSync(file, content);
    return file;
  }

  it("loads the example policy", () => {
    const policy = CaCertificatePolicy.fromFile(path.join(__dirname, "..", "policy", "example-policy.json"));
    expect(policy.rules.requiredTags).toEqual(["owner"]);
  });

  it("lists unknown keys and wrong types together", () => {
    const file = policyFile(JSON.stringify({ requiredTag: ["owner"], minValidityDays: "30", allowedRegions: "cn-hangzhou", unresolvedPem: "warn" }));
    let error: CaCertificatePolicyError | undefined;
    try {
      CaCertificatePolicy.fromFile(file);
    } catch (e) {
      error = e as CaCertificatePolicyError;
    }
    expect(error).toBeInstanceOf(CaCertificatePolicyError);
    expect(error!.problems).toEqual([
      expect.stringMatching(/^unknown key "requiredTag"; known keys: requiredTags, /),
      'minValidityDays must be a whole number of days (0 or more), got "30"',
      'allowedRegions must be an array of strings, got "cn-hangzhou"',
      'unresolvedPem must be "skip" or "error", got "warn"',
    ]);
    expect(error!.message.split("\n")[0]).toBe(`${file}: invalid CA certificate policy:`);
  });

  it.each([
    ["not JSON", "{ requiredTags: [owner] }", /cannot read it as JSON/],
    ["not an object", "[]", /the policy must be a JSON object, got an array/],
    [
      "a bad regular expression",
      JSON.stringify({ namePattern: "([a-z" }),
      /namePattern "\(\[a-z" is not a regular expression in RE2 syntax \(missing closing \]/,
    ],
    [
      "tag values that are not lists, naming the tag",
      JSON.stringify({ allowedTagValues: { owner: "platform" } }),
      /allowedTagValues must map each tag key to an array of strings; tag "owner" maps to "platform"/,
    ],
    ["negative days", JSON.stringify({ warnValidityDays: -1 }), /warnValidityDays must be a whole number of days/],
  ])("refuses %s", (_what, content, message) => {
    expect(() => CaCertificatePolicy.fromFile(policyFile(content))).toThrow(message);
  });

  it("refuses a missing file with the same error type", () => {
    expect(() => CaCertificatePolicy.fromFile("/nonexistent/policy.json")).toThrow(CaCertificatePolicyError);
  });

  it("validates rules given in code too", () => {
    expect(() => parsePolicyRules({ requireRsa4096: "yes" })).toThrow(/requireRsa4096 must be true or false, got "yes"/);
  });
});
