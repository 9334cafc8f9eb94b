import { TerraformOutput, TerraformStack, TerraformVariable, Testing } from "cdktf";
import { Construct } from "constructs";
import { DataAlicloudSlbCaCertificates } from "../.gen/providers/alicloud/data-alicloud-slb-ca-certificates";
import { AlicloudProvider } from "../.gen/providers/alicloud/provider";
import { SlbCaCertificate } from "../.gen/providers/alicloud/slb-ca-certificate";
import { CaCertificate, CaCertificateProps } from "../constructs";
import { thrown, warningsOf } from "./support/construct-findings";
import { facts, fixture } from "./support/fixtures";
import { newStack, testApp } from "./support/stack";
import { Json } from "./support/json";

const PEM = fixture("root-rsa2048.pem");

/** A stack with a default alicloud provider in `region` (the tests without a provider build their own stack). */

function synthOne(props: CaCertificateProps): { synthesized: string; json: Json; ca: CaCertificate } {
  const stack = newStack();
  const ca = new CaCertificate(stack, "ClientCa", props);
  const synthesized = Testing.synth(stack, true);
  return { synthesized, json: JSON.parse(synthesized), ca };
}

/** What a token resolves to in the synthesized JSON. */
function resolved(stack: TerraformStack, value: string): string {
  new TerraformOutput(stack, "probe", { value });
  return JSON.parse(Testing.synth(stack)).output.probe.value;
}

describe("CaCertificate: the synthesized resource", () => {
  it("uploads the canonical PEM with name, tags and create-before-destroy", () => {
    const stack = newStack();
    new CaCertificate(stack, "ClientCa", { caCertificate: PEM, caCertificateName: "client-ca", tags: { owner: "platform" } });
    const synthesized = Testing.synth(stack, true);
    expect(synthesized).toHaveResourceWithProperties(SlbCaCertificate, {
      ca_certificate: PEM,
      ca_certificate_name: `client-ca-${facts("root-rsa2048.pem").sha1.replace(/:/g, "").slice(0, 8)}`,
      tags: { owner: "platform" },
      lifecycle: { create_before_destroy: true },
    });
    // No lookup of its own: the PEM's facts are known at synth. The one data source is the orphan check's scan.
    expect(Object.keys(JSON.parse(synthesized).data.alicloud_slb_ca_certificates)).toEqual(["CaCertificateOrphanScan"]);
  });

  it("keeps the name as given with uniqueName: false", () => {
    const { synthesized } = synthOne({ caCertificate: PEM, caCertificateName: "client-ca", uniqueName: false });
    expect(synthesized).toHaveResourceWithProperties(SlbCaCertificate, { ca_certificate_name: "client-ca" });
  });

  it("refuses a name that the uniqueness suffix would push over 80 characters, and says how to fix it", () => {
    const error = thrown(() => new CaCertificate(newStack(), "ClientCa", { caCertificate: PEM, caCertificateName: "n".repeat(72) }));
    expect(error.problems.map((p) => p.code)).toEqual(["InvalidParam.CACertificateName"]);
    expect(error.problems[0].message).toContain("shorten the name to at most 71, or set uniqueName: false");
    expect(() => new CaCertificate(newStack(), "ClientCa", { caCertificate: PEM, caCertificateName: "n".repeat(71) })).not.toThrow();
  });

  it("passes the resource group through and omits what was not given", () => {
    const { synthesized, json } = synthOne({ caCertificate: PEM, resourceGroupId: "rg-acfmxazb4ph6aiy" });
    expect(synthesized).toHaveResourceWithProperties(SlbCaCertificate, { resource_group_id: "rg-acfmxazb4ph6aiy" });
    // Absence is not what the matchers check: read the one resource.
    const resource = json.resource.alicloud_slb_ca_certificate.ClientCa_2CBFF23C;
    expect(resource).not.toHaveProperty("ca_certificate_name");
    expect(resource).not.toHaveProperty("tags");
  });

  it("exposes the generated resource as `resource`, construct id Resource", () => {
    const { ca } = synthOne({ caCertificate: PEM });
    expect(ca.resource).toBeInstanceOf(SlbCaCertificate);
    expect(ca.resource.node.id).toBe("Resource");
    expect(ca.node.findChild("Resource")).toBe(ca.resource);
  });

  it("uses an explicit provider", () => {
    const stack = newStack();
    const hk = new AlicloudProvider(stack, "hk", { region: "cn-hongkong", alias: "hk" });
    new CaCertificate(stack, "ClientCa", { caCertificate: PEM, provider: hk });
    expect(Testing.synth(stack, true)).toHaveResourceWithProperties(SlbCaCertificate, { provider: "alicloud.hk" });
  });
});

describe("CaCertificate: attributes and outputs", () => {
  it("knows the fingerprints, common name and expiry at synth, as openssl computed them", () => {
    const { ca } = synthOne({ caCertificate: PEM });
    const expected = facts("root-rsa2048.pem");
    expect(ca.fingerprint).toBe(expected.sha1);
    expect(ca.fingerprintSha256).toBe(expected.sha256);
    expect(ca.commonName).toBe(expected.commonName);
    expect(ca.expireTime).toBe(expected.notAfter);
    expect(ca.expireTimeStamp).toBe(Date.parse(expected.notAfter));
    expect(ca.info?.subject).toBe(expected.subject);
  });

  it("caCertificateId refers to the resource's id", () => {
    const stack = newStack();
    const ca = new CaCertificate(stack, "ClientCa", { caCertificate: PEM, outputs: false });
    expect(resolved(stack, ca.caCertificateId)).toBe("${alicloud_slb_ca_certificate.ClientCa_2CBFF23C.id}");
  });

  it("adds outputs with stable names derived from the construct path", () => {
    const { json } = synthOne({ caCertificate: PEM });
    const expected = facts("root-rsa2048.pem");
    expect(json.output).toEqual({
      ClientCa_ca_certificate_id: {
        description: "ID of the SLB CA certificate pki/ClientCa",
        value: "${alicloud_slb_ca_certificate.ClientCa_2CBFF23C.id}",
      },
      ClientCa_fingerprint: { description: "SHA-1 fingerprint of the SLB CA certificate pki/ClientCa", value: expected.sha1 },
      ClientCa_fingerprint_sha256: { description: "SHA-256 fingerprint of the SLB CA certificate pki/ClientCa", value: expected.sha256 },
      ClientCa_expire_time: { description: "Expiry (UTC) of the SLB CA certificate pki/ClientCa", value: expected.notAfter },
    });
  });

  it("names outputs of nested constructs after their whole path", () => {
    const stack = newStack();
    new CaCertificate(new Construct(stack, "team-a"), "Client.Ca", { caCertificate: PEM });
    const outputs = Object.keys(JSON.parse(Testing.synth(stack, true)).output);
    expect(outputs).toContain("team-a_Client_Ca_ca_certificate_id");
  });

  it("adds no outputs with outputs: false", () => {
    const { json } = synthOne({ caCertificate: PEM, outputs: false });
    expect(json.output).toBeUndefined();
  });
});

describe("CaCertificate: validation", () => {
  it("throws one error listing every problem, starting with the construct path", () => {
    const stack = newStack();
    const error = thrown(
      () =>
        new CaCertificate(stack, "ClientCa", {
          caCertificate: fixture("root-ec-p256.pem"),
          caCertificateName: "1-bad",
          resourceGroupId: "default",
          tags: { "acs:team": "x" },
        }),
    );
    expect(error.problems.map((p) => p.code)).toEqual([
      "InvalidParam.TagKey",
      "InvalidParam.CACertificateName",
      "InvalidParam.ResourceGroupId",
      "EccCertificateNotSupport",
    ]);
    expect(error.path).toBe("pki/ClientCa");
    expect(error.message.split("\n")[0]).toBe("[pki/ClientCa] 4 problems with the CA certificate:");
    expect(error.message).toContain(
      "  - EccCertificateNotSupport: the public key is EC P-256; Classic Load Balancer accepts RSA CA certificates only. Allowed: RSA 2048 or 4096 bits.",
    );
  });

  it.each([Number.NaN, -1, "30" as unknown as number])("refuses expiryWarningDays %p, which would silently turn the warning off", (days) => {
    const error = thrown(() => new CaCertificate(newStack(), "ClientCa", { caCertificate: PEM, expiryWarningDays: days }));
    expect(error.problems.map((p) => p.code)).toEqual(["InvalidParam.ExpiryWarningDays"]);
    expect(error.problems[0].message).toContain("allowed: a number of days, 0 or more");
  });

  it("reports a bad expiryWarningDays together with the PEM's own problems", () => {
    const error = thrown(() => new CaCertificate(newStack(), "ClientCa", { caCertificate: fixture("expired.pem"), expiryWarningDays: -1 }));
    expect(error.problems.map((p) => p.code)).toEqual(["InvalidParam.ExpiryWarningDays", "CACertificate.Expired"]);
  });

  it("refuses a bad expiryWarningDays even when the PEM is a token", () => {
    const stack = newStack();
    const pem = new TerraformVariable(stack, "pem", { type: "string" });
    const error = thrown(() => new CaCertificate(stack, "ClientCa", { caCertificate: pem.stringValue, expiryWarningDays: -5 }));
    expect(error.problems.map((p) => p.code)).toEqual(["InvalidParam.ExpiryWarningDays"]);
  });

  it("says so when expiryWarningDays is a token, instead of showing the token's number", () => {
    const stack = newStack();
    const days = new TerraformVariable(stack, "days", { type: "number" }).numberValue;
    const error = thrown(() => new CaCertificate(stack, "ClientCa", { caCertificate: PEM, expiryWarningDays: days }));
    expect(error.problems).toEqual([
      {
        code: "InvalidParam.ExpiryWarningDays",
        message: "expiryWarningDays is a token; the expiry warning is decided at synth, so it needs a literal number of days, 0 or more.",
      },
    ]);
  });

  it("leaves nothing behind when it throws", () => {
    const stack = newStack();
    thrown(() => new CaCertificate(stack, "ClientCa", { caCertificate: fixture("leaf.pem") }));
    expect(stack.node.tryFindChild("ClientCa")).toBeUndefined();
    expect(JSON.parse(Testing.synth(stack)).resource).toBeUndefined();
  });

  it("turns warnings into annotations, never errors", () => {
    const stack = newStack();
    const ca = new CaCertificate(stack, "ClientCa", { caCertificate: fixture("root-sha1.pem"), expiryWarningDays: 365 * 100 });
    expect(warningsOf(ca)).toEqual([
      expect.stringMatching(/^CACertificate\.ExpiresSoon: the certificate expires on 2055-01-01T00:00:00Z, in \d+ days \(warning threshold: 36500 days\)/),
      expect.stringMatching(/^CACertificate\.WeakSignature: the root's self-signature uses sha1WithRSAEncryption/),
    ]);
    expect(() => Testing.synth(stack, true)).not.toThrow();
  });

  it("normalizes cosmetic differences: CRLF, 76 columns and whitespace give byte-identical JSON", () => {
    const synthFor = (pem: string) => {
      const stack = newStack();
      new CaCertificate(stack, "ClientCa", { caCertificate: pem });
      return Testing.synth(stack, true);
    };
    const body = PEM.split("\n")
      .filter((l) => l && !l.startsWith("-----"))
      .join("");
    const wrapped76 = `-----BEGIN CERTIFICATE-----\n${body.match(/.{1,76}/g)!.join("\n")}\n-----END CERTIFICATE-----`;
    const canonical = synthFor(PEM);
    expect(synthFor(PEM.replace(/\n/g, "\r\n"))).toBe(canonical);
    expect(synthFor(wrapped76)).toBe(canonical);
    expect(synthFor(`\n\n  ${PEM}  \n\t\n`)).toBe(canonical);
  });
});

describe("CaCertificate: PEM known only at deploy time", () => {
  function tokenStack() {
    const stack = newStack();
    const pem = new TerraformVariable(stack, "ca_pem", { type: "string" });
    const ca = new CaCertificate(stack, "ClientCa", { caCertificate: pem.stringValue, tags: { owner: "platform" } });
    return { stack, ca };
  }

  it("skips the content checks with a warning and reads the fingerprint from SLB", () => {
    const { stack, ca } = tokenStack();
    expect(warningsOf(ca)).toEqual([expect.stringMatching(/^CACertificate\.ContentNotChecked: /)]);
    const synthesized = Testing.synth(stack, true);
    expect(synthesized).toHaveResourceWithProperties(SlbCaCertificate, { ca_certificate: "${var.ca_pem}" });
    expect(synthesized).toHaveDataSourceWithProperties(DataAlicloudSlbCaCertificates, {
      ids: ["${alicloud_slb_ca_certificate.ClientCa_2CBFF23C.id}"],
    });
    // Lowercased, like the synth-time fingerprint.
    expect(JSON.parse(synthesized).output.ClientCa_fingerprint.value).toMatch(
      /^\$\{lower\(data\.alicloud_slb_ca_certificates\.ClientCa_Lookup_[0-9A-F]+\.certificates\[0\]\.fingerprint\)\}$/,
    );
    expect(ca.fingerprintSha256).toBeUndefined();
    const outputs = Object.keys(JSON.parse(synthesized).output);
    expect(outputs.sort()).toEqual(["ClientCa_ca_certificate_id", "ClientCa_expire_time", "ClientCa_fingerprint"]);
  });

  it("still checks literal tags, name and resource group", () => {
    const stack = newStack();
    const pem = new TerraformVariable(stack, "ca_pem", { type: "string" });
    const error = thrown(() => new CaCertificate(stack, "ClientCa", { caCertificate: pem.stringValue, caCertificateName: "" }));
    expect(error.problems.map((p) => p.code)).toEqual(["InvalidParam.CACertificateName"]);
  });
});

describe("CaCertificate: provider and region", () => {
  it("fails synth without an alicloud provider", () => {
    const stack = new TerraformStack(testApp(), "pki");
    new CaCertificate(stack, "ClientCa", { caCertificate: PEM });
    expect(() => Testing.synth(stack, true)).toThrow(/CACertificate\.NoProvider: the stack has no alicloud provider/);
  });

  it("fails synth when the provider has no region", () => {
    const stack = new TerraformStack(testApp(), "pki");
    new AlicloudProvider(stack, "alicloud", {});
    new CaCertificate(stack, "ClientCa", { caCertificate: PEM });
    expect(() => Testing.synth(stack, true)).toThrow(/CACertificate\.NoRegion: the alicloud provider pki\/alicloud sets no region/);
  });

  it("accepts a provider added after the certificate", () => {
    const stack = new TerraformStack(testApp(), "pki");
    new CaCertificate(stack, "ClientCa", { caCertificate: PEM });
    new AlicloudProvider(stack, "alicloud", { region: "cn-shanghai" });
    expect(() => Testing.synth(stack, true)).not.toThrow();
  });

  it("warns about a region SLB does not know", () => {
    const stack = newStack("pki", { region: "cn-hangzou" });
    const ca = new CaCertificate(stack, "ClientCa", { caCertificate: PEM });
    Testing.synth(stack, true);
    expect(warningsOf(ca)).toEqual([expect.stringMatching(/^CACertificate\.UnknownRegion: region "cn-hangzou"/)]);
  });
});

describe("CaCertificate.fromCaCertificateId", () => {
  it("refers to an existing certificate and looks its fingerprint up only when used", () => {
    const stack = newStack();
    const existing = CaCertificate.fromCaCertificateId(stack, "Existing", "139a00604ad-cn-east-hangzhou-01");
    expect(existing.caCertificateId).toBe("139a00604ad-cn-east-hangzhou-01");
    expect(Testing.synth(stack)).not.toHaveDataSource(DataAlicloudSlbCaCertificates);
    expect(resolved(stack, existing.fingerprint)).toMatch(
      /^\$\{lower\(data\.alicloud_slb_ca_certificates\.Existing_Lookup_[0-9A-F]+\.certificates\[0\]\.fingerprint\)\}$/,
    );
    expect(Testing.synth(stack)).toHaveDataSourceWithProperties(DataAlicloudSlbCaCertificates, { ids: ["139a00604ad-cn-east-hangzhou-01"] });
  });

  it("fails the plan with its own message unless exactly one certificate has the ID (not Terraform's Invalid index)", () => {
    const stack = newStack();
    const existing = CaCertificate.fromCaCertificateId(stack, "Existing", "139a00604ad-cn-east-hangzhou-01");
    new TerraformOutput(stack, "fp", { value: existing.fingerprint });
    expect(Testing.synth(stack)).toHaveDataSourceWithProperties(DataAlicloudSlbCaCertificates, {
      lifecycle: {
        postcondition: [
          {
            condition: "${length(self.certificates) == 1}",
            error_message:
              "CaCertificate.fromCaCertificateId at pki/Existing: expected exactly one SLB CA certificate with ID 139a00604ad-cn-east-hangzhou-01, found ${length(self.certificates)}.",
          },
        ],
      },
    });
  });
  it('refuses an empty or blank ID, which would synthesize ca_certificate_id "" and turn client authentication off', () => {
    for (const id of ["", "  "]) {
      const stack = newStack();
      expect(() => CaCertificate.fromCaCertificateId(stack, "Existing", id)).toThrow(
        `[pki/Existing] 1 problem with the CA certificate:\n  - CACertificate.InvalidReference: CaCertificate.fromCaCertificateId: caCertificateId is ${JSON.stringify(id)}; it needs the certificate's ID, a non-empty string.`,
      );
      // Nothing left behind: a caller that catches the error can still synthesize the stack.
      expect(stack.node.tryFindChild("Existing")).toBeUndefined();
    }
  });

  it("accepts an ID that is a token", () => {
    const stack = newStack();
    const id = new TerraformVariable(stack, "ca_id", { type: "string" }).stringValue;
    const existing = CaCertificate.fromCaCertificateId(stack, "Existing", id);
    expect(resolved(stack, existing.caCertificateId)).toBe("${var.ca_id}");
  });
});

describe("CaCertificate: output names", () => {
  it("fails synth when two certificates would get the same output names, naming both paths", () => {
    const stack = newStack();
    new CaCertificate(new Construct(stack, "team"), "ClientCa", { caCertificate: PEM });
    new CaCertificate(stack, "team_ClientCa", { caCertificate: fixture("root-rsa4096.pem") });
    expect(() => Testing.synth(stack, true)).toThrow(
      /CACertificate\.OutputNameCollision: the outputs of pki\/team_ClientCa would be named team_ClientCa_\*, like those of pki\/team\/ClientCa/,
    );
  });

  it("is fine when one of the two adds no outputs", () => {
    const stack = newStack();
    new CaCertificate(new Construct(stack, "team"), "ClientCa", { caCertificate: PEM });
    new CaCertificate(stack, "team_ClientCa", { caCertificate: fixture("root-rsa4096.pem"), outputs: false });
    expect(Testing.synth(stack, true)).toHaveResourceWithProperties(SlbCaCertificate, { ca_certificate: PEM });
  });

  it("the same path in two stacks is no collision", () => {
    const app = testApp();
    for (const name of ["a", "b"]) {
      const stack = newStack(name, { app: app });
      new CaCertificate(stack, "ClientCa", { caCertificate: PEM });
      expect(() => Testing.synth(stack, true)).not.toThrow();
    }
  });
});
