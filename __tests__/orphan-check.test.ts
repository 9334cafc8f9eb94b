/**
 * The orphan check as synthesized: a Terraform check block per named
 * CaCertificate, reading one data source per stack and provider. What it does
 * at plan and apply is tested through terraform in __tests__/e2e/orphans.test.ts.
 */
import * as path from "path";
import { TerraformStack, TerraformVariable, Testing } from "cdktf";
import { AlicloudProvider, AlicloudProviderConfig } from "../.gen/providers/alicloud/provider";
import { AtomicApp, CaCertificate, CaCertificateProps, RuleSeverity } from "../constructs";
import { CaCertificateValidator } from "../constructs/certificate/ca-certificate-validator";
import { facts, fixture } from "./support/fixtures";
import { caught } from "./support/caught";
import { tempDir } from "./support/temp-dir";
import { newStack, testApp } from "./support/stack";

const PEM = fixture("root-rsa2048.pem");
const SHA1 = facts("root-rsa2048.pem").sha1;

/** The parts of a synthesized stack these tests read. */
interface StackJson {
  readonly check?: Record<string, { assert: { condition: string; error_message: string }[] }>;
  readonly data?: { alicloud_slb_ca_certificates: Record<string, unknown> };
  readonly resource: { alicloud_slb_ca_certificate: Record<string, unknown> };
}

/** The synthesized JSON of a stack with these certificates (id → props). */
function synth(certificates: Record<string, CaCertificateProps>, stack = newStack()): StackJson {
  for (const [id, props] of Object.entries(certificates)) new CaCertificate(stack, id, props);
  return JSON.parse(Testing.synth(stack, true));
}

/** The one assertion of a certificate's check block. */
function assertionOf(json: StackJson, id: string): { condition: string; error_message: string } {
  const [name, block] = Object.entries(json.check ?? {}).find(([name]) => name.startsWith(`${id}_OrphanCheck_`))!;
  expect(name).toMatch(/^[A-Za-z0-9_]+$/);
  expect(block.assert).toHaveLength(1);
  return block.assert[0];
}

/** The resource's Terraform address in this stack. */
function resourceOf(json: StackJson, id: string): string {
  const name = Object.keys(json.resource.alicloud_slb_ca_certificate).find((n) => n.startsWith(`${id}_`))!;
  return `alicloud_slb_ca_certificate.${name}`;
}

describe("the orphan check", () => {
  it("is a check block comparing the region's certificates with the one in state: same name and resource group, another ID", () => {
    const stack = newStack();
    const json = synth({ ClientCa: { caCertificate: PEM, caCertificateName: "client-ca" } }, stack);
    const self = resourceOf(json, "ClientCa");
    const orphans =
      `[for c in data.alicloud_slb_ca_certificates.CaCertificateOrphanScan.certificates : c.id if (` +
      `c.name == ${self}.ca_certificate_name ? (c.resource_group_id == ${self}.resource_group_id ? (c.id != ${self}.id) : false) : false)]`;
    const first = `\${try(${orphans}[0], "")}`;
    const several = (plural: string, singular: string) => `\${length(${orphans}) > 1 ? "${plural}" : "${singular}"}`;
    const assertion = assertionOf(json, "ClientCa");
    expect(assertion.condition).toBe(`\${length(${orphans}) == 0}`);
    expect(assertion.error_message).toBe(
      `CACertificate.Orphan: [pki/ClientCa] SLB holds CA certificate${several("s", "")} \${join(", ", ${orphans})} named "\${${self}.ca_certificate_name}" in this region and resource group, ` +
        `and this stack's state holds \${${self}.id}: ${several("they may be orphans; for each ID (the commands show the first): it", "it may be an orphan. It")} ` +
        `is not one if another stack or app manages it: terraform state list -id=${first} in that stack's folder prints its address; ` +
        "then give one of the two CaCertificates another caCertificateName or resourceGroupId. " +
        "It is one if no state holds it (a deploy that died after the upload, or a hand upload, left it): " +
        `delete it (aliyun slb DeleteCACertificate --RegionId cn-hangzhou --CACertificateId ${first}), ` +
        `or keep it instead of \${${self}.id}: run terraform -chdir='\${path.cwd}' state rm ${self.replace(/^(\w+)\.(\w+)$/, '"$1"."$2"')}, ` +
        `set importFrom: "${first}" on pki/ClientCa, deploy, then delete \${${self}.id}. ` +
        "This check reads SLB once per plan; orphanCheck: false turns it off.",
    );
    // The scan is a plain data source (read at plan), not one nested in the check (read again at every apply).
    expect(json.data!.alicloud_slb_ca_certificates).toEqual({ CaCertificateOrphanScan: {} });
  });

  it("compares fingerprints too when the name has no fingerprint suffix (uniqueName: false)", () => {
    const json = synth({ ClientCa: { caCertificate: PEM, caCertificateName: "client-ca", uniqueName: false } });
    expect(assertionOf(json, "ClientCa").condition).toContain(
      `c.name == ${resourceOf(json, "ClientCa")}.ca_certificate_name ? (lower(c.fingerprint) == "${SHA1}" ? (`,
    );
  });

  it("compares with the fingerprint SLB reports for the certificate in state when the PEM is a token", () => {
    const stack = newStack();
    const pem = new TerraformVariable(stack, "ca_pem", { type: "string" });
    const json = synth({ ClientCa: { caCertificate: pem.stringValue, caCertificateName: "client-ca" } }, stack);
    const lookup = Object.keys(json.data!.alicloud_slb_ca_certificates).find((n) => n.startsWith("ClientCa_Lookup_"))!;
    expect(assertionOf(json, "ClientCa").condition).toContain(
      `lower(c.fingerprint) == try(lower(data.alicloud_slb_ca_certificates.${lookup}.certificates[0].fingerprint), "")`,
    );
  });

  it("shares one scan among the certificates of a stack: one DescribeCACertificates per plan", () => {
    const json = synth({
      A: { caCertificate: PEM, caCertificateName: "a" },
      B: { caCertificate: fixture("root-rsa4096.pem"), caCertificateName: "b" },
    });
    expect(Object.keys(json.check ?? {})).toHaveLength(2);
    expect(Object.keys(json.data!.alicloud_slb_ca_certificates)).toEqual(["CaCertificateOrphanScan"]);
    expect(assertionOf(json, "B").condition).toContain("data.alicloud_slb_ca_certificates.CaCertificateOrphanScan.certificates");
  });

  it("scans each other region with that region's provider", () => {
    const stack = newStack();
    const shanghai = new AlicloudProvider(stack, "shanghai", { region: "cn-shanghai", alias: "shanghai" });
    const json = synth(
      {
        Here: { caCertificate: PEM, caCertificateName: "here" },
        There: { caCertificate: PEM, caCertificateName: "there", provider: shanghai },
        AlsoHere: { caCertificate: PEM, caCertificateName: "also-here", provider: stack.node.findChild("alicloud") as AlicloudProvider },
      },
      stack,
    );
    expect(json.data!.alicloud_slb_ca_certificates).toEqual({
      CaCertificateOrphanScan: {},
      "CaCertificateOrphanScan-shanghai": { provider: "alicloud.shanghai" },
    });
    expect(assertionOf(json, "There").condition).toContain("data.alicloud_slb_ca_certificates.CaCertificateOrphanScan-shanghai.certificates");
    expect(assertionOf(json, "AlsoHere").condition).toContain("data.alicloud_slb_ca_certificates.CaCertificateOrphanScan.certificates");
  });

  it.each([
    ["orphanCheck: false", { caCertificate: PEM, caCertificateName: "client-ca", orphanCheck: false }],
    ["no caCertificateName (nothing carries its name)", { caCertificate: PEM }],
  ])("is left out with %s, and so is the scan", (_label, props) => {
    const json = synth({ ClientCa: props });
    expect(json.check).toBeUndefined();
    expect(json.data).toBeUndefined();
  });

  it("gives the commands for this stack's folder and region; a region unknown at synth shows as <region>", () => {
    // The folder is Terraform's working directory at plan (path.cwd), wherever the app was synthesized to.
    const outdir = path.join(tempDir("orphan-check-"), "out");
    const app = new AtomicApp({ outdir });
    const stack = newStack("edge", { app, region: "cn-shanghai" });
    const here = assertionOf(synth({ ClientCa: { caCertificate: PEM, caCertificateName: "client-ca" } }, stack), "ClientCa").error_message;
    expect(here).toContain("aliyun slb DeleteCACertificate --RegionId cn-shanghai --CACertificateId ");
    // The address in two quoted parts: cdktf's deploy output appends the construct path to an address it finds whole.
    expect(here).toMatch(new RegExp(`: run terraform -chdir='\\$\\{path\\.cwd\\}' state rm "alicloud_slb_ca_certificate"\\."ClientCa_[0-9A-F]+", `));
    expect(here).toContain(" on edge/ClientCa, deploy, then delete ");
    expect(here).not.toContain(outdir);

    const tokenStack = new TerraformStack(testApp(), "pki");
    const region = new TerraformVariable(tokenStack, "region", { type: "string" });
    new AlicloudProvider(tokenStack, "alicloud", { region: region.stringValue });
    const unknown = assertionOf(synth({ ClientCa: { caCertificate: PEM, caCertificateName: "client-ca" } }, tokenStack), "ClientCa").error_message;
    expect(unknown).toContain("aliyun slb DeleteCACertificate --RegionId <region> --CACertificateId ");
  });

  it("is in the rule catalogue as a warning at plan", () => {
    expect(CaCertificateValidator.rules().find((r) => r.code === "CACertificate.Orphan")?.severity).toBe(RuleSeverity.PLAN_WARNING);
  });
});

/** The validation errors of a synth with validations, as cdktf lists them (one "[path] message" per line). */
function synthErrors(stack: TerraformStack): string[] {
  const error = caught(() => Testing.synth(stack, true), Error);
  const lines = error.message.split("\n").filter((line) => line.startsWith("  ["));
  expect(lines.length).toBeGreaterThan(0);
  return lines.map((line) => line.trim());
}

describe("two certificates of one app with the same name, account, region and resource group", () => {
  const SUFFIXED = `client-ca-${SHA1.replace(/:/g, "").slice(0, 8)}`;

  /** An app with stacks a and b (cn-hangzhou unless given), each with a ClientCa of these props. */
  function twoStacks(a: CaCertificateProps, b: CaCertificateProps, regionOfB = "cn-hangzhou"): [TerraformStack, TerraformStack] {
    const app = testApp();
    const stackA = newStack("a", { app });
    const stackB = newStack("b", { app, region: regionOfB });
    new CaCertificate(stackA, "ClientCa", a);
    new CaCertificate(stackB, "ClientCa", b);
    return [stackA, stackB];
  }

  const named: CaCertificateProps = { caCertificate: PEM, caCertificateName: "client-ca" };

  it("is an error on the second (CACertificate.DuplicateName), naming both paths and what to change; the first synthesizes", () => {
    const [a, b] = twoStacks(named, named);
    expect(() => Testing.synth(a, true)).not.toThrow();
    expect(synthErrors(b)).toEqual([
      `[b/ClientCa] CACertificate.DuplicateName: b/ClientCa and a/ClientCa would both be named "${SUFFIXED}" in one account, region "cn-hangzhou" and the account's default resource group, ` +
        "so the orphan check of one would call the other's certificate an orphan at every plan. " +
        "Give one of them another caCertificateName or resourceGroupId, or set orphanCheck: false on a/ClientCa and b/ClientCa.",
    ]);
  });

  it("is an error in one stack too, and when only one of the two has the check (it names that one)", () => {
    const stack = newStack();
    new CaCertificate(stack, "A", named);
    new CaCertificate(stack, "B", { ...named, orphanCheck: false, resourceGroupId: "rg-team" });
    new CaCertificate(stack, "C", { ...named, resourceGroupId: "rg-team" });
    expect(synthErrors(stack)).toEqual([
      `[pki/C] CACertificate.DuplicateName: pki/C and pki/B would both be named "${SUFFIXED}" in one account, region "cn-hangzhou" and resource group "rg-team", ` +
        "so the orphan check of one would call the other's certificate an orphan at every plan. " +
        "Give one of them another caCertificateName or resourceGroupId, or set orphanCheck: false on pki/C.",
    ]);
  });

  it("without the uniqueness suffix, is an error for the same PEM and fine for another (the check compares fingerprints)", () => {
    const plain: CaCertificateProps = { ...named, uniqueName: false };
    expect(synthErrors(twoStacks(plain, plain)[1])).toEqual([
      expect.stringMatching(/^\[b\/ClientCa\] CACertificate\.DuplicateName: .* named "client-ca" in one account, region/),
    ]);
    const [, b] = twoStacks(plain, { ...plain, caCertificate: fixture("root-rsa4096.pem") });
    expect(() => Testing.synth(b, true)).not.toThrow();
  });

  it.each<[string, CaCertificateProps, string]>([
    ["another region", named, "cn-shanghai"],
    ["another resource group", { ...named, resourceGroupId: "rg-team" }, "cn-hangzhou"],
    ["another name", { ...named, caCertificateName: "client-ca-2" }, "cn-hangzhou"],
    ["another PEM (so another suffix)", { ...named, caCertificate: fixture("root-rsa4096.pem") }, "cn-hangzhou"],
  ])("is fine with %s", (_label, b, region) => {
    const [, stackB] = twoStacks(named, b, region);
    expect(() => Testing.synth(stackB, true)).not.toThrow();
  });

  describe("with another provider in each stack: the account they reach decides", () => {
    /** Stack b of an app whose stacks a and b each have a ClientCa (`named`) and their own cn-hangzhou provider with these settings. */
    function withProviders(a: Partial<AlicloudProviderConfig>, b: Partial<AlicloudProviderConfig>): TerraformStack {
      const app = testApp();
      const stacks = [["a", a] as const, ["b", b] as const].map(([id, config]) => {
        const stack = new TerraformStack(app, id);
        new AlicloudProvider(stack, "alicloud", { region: "cn-hangzhou", ...config });
        new CaCertificate(stack, "ClientCa", named);
        return stack;
      });
      return stacks[1];
    }

    it.each<[string, Partial<AlicloudProviderConfig>, Partial<AlicloudProviderConfig>]>([
      ["the same profile", { profile: "prod" }, { profile: "prod" }],
      ["the same access key", { accessKey: "LTAI5tExampleKey01" }, { accessKey: "LTAI5tExampleKey01" }],
      [
        "the same role (another session name)",
        { assumeRole: { roleArn: "acs:ram::1234:role/deployer", sessionName: "a" } },
        { assumeRole: { roleArn: "acs:ram::1234:role/deployer", sessionName: "b" } },
      ],
      ["the same account ID and profile, another timeout", { accountId: "1234", profile: "p", clientReadTimeout: 10 }, { accountId: "1234", profile: "p" }],
    ])("is an error with %s", (_label, a, b) => {
      expect(synthErrors(withProviders(a, b))).toEqual([
        expect.stringMatching(/^\[b\/ClientCa\] CACertificate\.DuplicateName: b\/ClientCa and a\/ClientCa would both be named /),
      ]);
    });

    it.each<[string, Partial<AlicloudProviderConfig>, Partial<AlicloudProviderConfig>]>([
      ["another profile", { profile: "staging" }, { profile: "prod" }],
      ["a profile against none (environment credentials)", { profile: "prod" }, {}],
      ["another access key", { accessKey: "LTAI5tExampleKey01" }, { accessKey: "LTAI5tExampleKey02" }],
      ["another role", { assumeRole: { roleArn: "acs:ram::1234:role/deployer" } }, { assumeRole: { roleArn: "acs:ram::5678:role/deployer" } }],
      ["another account ID", { accountId: "1234" }, { accountId: "5678" }],
      ["another credentials file", { sharedCredentialsFile: "~/.aliyun/staging.json" }, { sharedCredentialsFile: "~/.aliyun/prod.json" }],
      ["another ECS role", { ecsRoleName: "staging" }, { ecsRoleName: "prod" }],
      ["another OIDC role", { assumeRoleWithOidc: { roleArn: "acs:ram::1:role/a" } }, { assumeRoleWithOidc: { roleArn: "acs:ram::1:role/b" } }],
      ["another SLB endpoint", { endpoints: [{ slb: "slb.example.internal" }] }, {}],
    ])("is fine with %s", (_label, a, b) => {
      expect(() => Testing.synth(withProviders(a, b), true)).not.toThrow();
    });

    it("is fine when an account setting is a token at synth, even the same one in both; the same provider is one account whatever its settings", () => {
      const app = testApp();
      const profile = new TerraformVariable(new TerraformStack(app, "vars"), "profile", { type: "string" });
      const [, b] = ["a", "b"].map((id) => {
        const stack = new TerraformStack(app, id);
        new AlicloudProvider(stack, "alicloud", { region: "cn-hangzhou", profile: profile.stringValue });
        new CaCertificate(stack, "ClientCa", named);
        return stack;
      });
      expect(() => Testing.synth(b, true)).not.toThrow();

      const stack = newStack();
      const tokenProfile = new TerraformVariable(stack, "profile", { type: "string" });
      (stack.node.findChild("alicloud") as AlicloudProvider).profile = tokenProfile.stringValue;
      new CaCertificate(stack, "A", named);
      new CaCertificate(stack, "B", named);
      expect(synthErrors(stack)).toEqual([expect.stringMatching(/^\[pki\/B\] CACertificate\.DuplicateName: pki\/B and pki\/A /)]);
    });

    it("reads the settings as Terraform gets them, overrides included", () => {
      const b = withProviders({ profile: "prod" }, { profile: "prod" });
      (b.node.findChild("alicloud") as AlicloudProvider).addOverride("profile", "staging");
      expect(() => Testing.synth(b, true)).not.toThrow();
    });
  });

  it("is fine when neither has the check, or the first was removed from the tree", () => {
    const [, b] = twoStacks({ ...named, orphanCheck: false }, { ...named, orphanCheck: false });
    expect(() => Testing.synth(b, true)).not.toThrow();

    const app = testApp();
    const gone = newStack("gone", { app });
    new CaCertificate(gone, "ClientCa", named);
    app.node.tryRemoveChild("gone");
    const kept = newStack("kept", { app });
    new CaCertificate(kept, "ClientCa", named);
    expect(() => Testing.synth(kept, true)).not.toThrow();
  });

  it("is in the rule catalogue as an error", () => {
    expect(CaCertificateValidator.rules().find((r) => r.code === "CACertificate.DuplicateName")?.severity).toBe(RuleSeverity.ERROR);
  });
});
