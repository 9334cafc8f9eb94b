/**
 * The orphan check as synthesized: a Terraform check block per named
 * CaCertificate, reading one data source per stack and provider. What it does
 * at plan and apply is tested through terraform in __tests__/e2e/orphans.test.ts.
 */
import { TerraformVariable, Testing } from "cdktf";
import { AlicloudProvider } from "../.gen/providers/alicloud/provider";
import { CaCertificate, CaCertificateProps, RuleSeverity } from "../constructs";
import { CaCertificateValidator } from "../constructs/certificate/ca-certificate-validator";
import { facts, fixture } from "./support/fixtures";
import { newStack } from "./support/stack";

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
    const json = synth({ ClientCa: { caCertificate: PEM, caCertificateName: "client-ca" } });
    const self = resourceOf(json, "ClientCa");
    const orphans =
      `[for c in data.alicloud_slb_ca_certificates.CaCertificateOrphanScan.certificates : c.id if (` +
      `c.name == ${self}.ca_certificate_name ? (c.resource_group_id == ${self}.resource_group_id ? (c.id != ${self}.id) : false) : false)]`;
    const assertion = assertionOf(json, "ClientCa");
    expect(assertion.condition).toBe(`\${length(${orphans}) == 0}`);
    expect(assertion.error_message).toBe(
      `CACertificate.Orphan: [pki/ClientCa] SLB holds CA certificate \${join(", ", ${orphans})} named "\${${self}.ca_certificate_name}", ` +
        `which is not the one in this stack's state (\${${self}.id}): a deploy that died after the upload, or a hand upload, left it. ` +
        `Delete it, or adopt it with importFrom: "\${try(${orphans}[0], "")}" after terraform state rm ${self}. ` +
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

  it("is in the rule catalogue as a warning at plan", () => {
    expect(CaCertificateValidator.rules().find((r) => r.code === "CACertificate.Orphan")?.severity).toBe(RuleSeverity.PLAN_WARNING);
  });
});
