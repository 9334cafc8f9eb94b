import { TerraformOutput, TerraformStack, TerraformVariable, Testing } from "cdktf";
import { DataAlicloudSlbCaCertificates } from "../.gen/providers/alicloud/data-alicloud-slb-ca-certificates";
import { SlbCaCertificate } from "../.gen/providers/alicloud/slb-ca-certificate";
import { SlbListener } from "../.gen/providers/alicloud/slb-listener";
import { EdgeStack } from "../app/edge-stack";
import { PkiStack } from "../app/pki-stack";
import { AppConfig, readConfig } from "../app/config";
import { CaCertificate, CaCertificateValidationError } from "../constructs";
import { example, facts } from "./support/fixtures";
import { newStack, testApp } from "./support/stack";
import { Json } from "./support/json";
import * as path from "path";
import * as library from "../constructs";

/** Synthesizes the example app's two stacks in memory and returns their JSON. */
function synthExampleApp(env: NodeJS.ProcessEnv = {}): { pki: Json; edge: Json; config: AppConfig } {
  const config = readConfig(env);
  const app = testApp();
  const pki = new PkiStack(app, "pki", config);
  const edge = new EdgeStack(app, "edge", config, pki.clientCa);
  app.synth();
  const read = (stack: TerraformStack) => JSON.parse(Testing.synth(stack, true));
  return { pki: read(pki), edge: read(edge), config };
}

const OSS_ENV = {
  ALICLOUD_REGION: "cn-shanghai",
  STATE_OSS_BUCKET: "platform-tfstate",
  STATE_OSS_PREFIX: "teams/pki",
  STATE_TABLESTORE_ENDPOINT: "https://tf-lock.cn-shanghai.ots.aliyuncs.com",
  STATE_TABLESTORE_TABLE: "terraform_lock",
};

describe("example app: pki and edge stacks", () => {
  it("takes the region from ALICLOUD_REGION, cn-hangzhou by default", () => {
    expect(synthExampleApp().pki.provider.alicloud).toEqual([{ region: "cn-hangzhou" }]);
    expect(synthExampleApp({ ALICLOUD_REGION: "ap-southeast-1" }).edge.provider.alicloud).toEqual([{ region: "ap-southeast-1" }]);
  });

  it("pins the provider to the release the schema was derived from", () => {
    const { pki } = synthExampleApp();
    expect(pki.terraform.required_providers.alicloud).toEqual({ source: "aliyun/alicloud", version: "1.257.0" });
  });

  it("uploads the sample CA in pki", () => {
    const [ca] = Object.values<Json>(synthExampleApp().pki.resource.alicloud_slb_ca_certificate);
    expect(ca.ca_certificate).toBe(example("sample-root-ca.pem"));
    expect(synthExampleApp().pki.output.ClientCa_fingerprint.value).toBe(facts("examples/sample-root-ca.pem").sha1);
  });

  it("uses a local state file by default, by a relative path", () => {
    const { pki, edge } = synthExampleApp();
    expect(pki.terraform.backend).toEqual({ local: { path: "../../../terraform.pki.tfstate" } });
    expect(edge.terraform.backend).toEqual({ local: { path: "../../../terraform.edge.tfstate" } });
  });

  it("edge's HTTPS listener authenticates clients with pki's CA, read through remote state", () => {
    const { edge } = synthExampleApp();
    const remote = edge.data.terraform_remote_state["cross-stack-reference-input-pki"];
    expect(remote).toEqual({ backend: "local", config: { path: "../../../terraform.pki.tfstate" }, workspace: "${terraform.workspace}" });
    const listener = edge.resource.alicloud_slb_listener.Https;
    expect(listener).toMatchObject({ protocol: "https", frontend_port: 443, server_certificate_id: "${alicloud_slb_server_certificate.ServerCertificate.id}" });
    expect(listener.ca_certificate_id).toMatch(
      /^\$\{data\.terraform_remote_state\.cross-stack-reference-input-pki\.outputs\.cross-stack-output-alicloud_slb_ca_certificateClientCa_[0-9A-F]+id\}$/,
    );
  });

  it("pki exports the id that edge reads", () => {
    const { pki, edge } = synthExampleApp();
    const outputName = /outputs\.([^}]+)\}/.exec(edge.resource.alicloud_slb_listener.Https.ca_certificate_id)![1];
    expect(pki.output[outputName]).toEqual({ sensitive: true, value: "${alicloud_slb_ca_certificate.ClientCa_2CBFF23C.id}" });
  });

  it("keeps the server private key out of the synthesized JSON: it is a sensitive variable", () => {
    const { edge } = synthExampleApp();
    expect(edge.variable.server_private_key).toMatchObject({ type: "string", sensitive: true });
    expect(edge.resource.alicloud_slb_server_certificate.ServerCertificate.private_key).toBe("${var.server_private_key}");
    expect(JSON.stringify(edge)).not.toContain("PRIVATE KEY");
  });

  it("uses OSS state, with TableStore locking, for every stack when STATE_OSS_BUCKET is set", () => {
    const { pki, edge } = synthExampleApp(OSS_ENV);
    const expected = (stack: string) => ({
      oss: {
        bucket: "platform-tfstate",
        region: "cn-shanghai",
        prefix: `teams/pki/${stack}`,
        key: "terraform.tfstate",
        encrypt: true,
        acl: "private",
        tablestore_endpoint: "https://tf-lock.cn-shanghai.ots.aliyuncs.com",
        tablestore_table: "terraform_lock",
      },
    });
    expect(pki.terraform.backend).toEqual(expected("pki"));
    expect(edge.terraform.backend).toEqual(expected("edge"));
    expect(edge.data.terraform_remote_state["cross-stack-reference-input-pki"]).toEqual({
      backend: "oss",
      config: expected("pki").oss,
    });
  });
});

describe("CaCertificate.fromRemoteState: another app reads the producer's outputs", () => {
  function consumer() {
    const stack = newStack("consumer");
    return stack;
  }

  it("reads the id and fingerprint from a local state file", () => {
    const stack = consumer();
    const ca = CaCertificate.fromRemoteState(stack, "ClientCa", { certificatePath: "ClientCa", local: { path: "../pki/terraform.pki.tfstate" } });
    new TerraformOutput(stack, "id", { value: ca.caCertificateId });
    new TerraformOutput(stack, "fp", { value: ca.fingerprint });
    new TerraformOutput(stack, "fp256", { value: ca.fingerprintSha256 });
    new TerraformOutput(stack, "expiry", { value: ca.expireTime });
    const json = JSON.parse(Testing.synth(stack, true));
    const [name, state] = Object.entries<Json>(json.data.terraform_remote_state)[0];
    expect(state).toEqual({ backend: "local", config: { path: "../pki/terraform.pki.tfstate" } });
    expect(json.output.id.value).toBe(`\${data.terraform_remote_state.${name}.outputs.ClientCa_ca_certificate_id}`);
    expect(json.output.fp.value).toBe(`\${data.terraform_remote_state.${name}.outputs.ClientCa_fingerprint}`);
    expect(json.output.fp256.value).toBe(`\${data.terraform_remote_state.${name}.outputs.ClientCa_fingerprint_sha256}`);
    expect(json.output.expiry.value).toBe(`\${data.terraform_remote_state.${name}.outputs.ClientCa_expire_time}`);
  });

  it("reads from OSS, for a certificate nested below its stack", () => {
    const stack = consumer();
    const ca = CaCertificate.fromRemoteState(stack, "ClientCa", {
      certificatePath: "team-a/ClientCa",
      oss: { bucket: "platform-tfstate", prefix: "teams/pki/pki", key: "terraform.tfstate", region: "cn-shanghai" },
    });
    new SlbListener(stack, "Https", { loadBalancerId: "lb-1", protocol: "https", frontendPort: 443, caCertificateId: ca.caCertificateId });
    const json = JSON.parse(Testing.synth(stack, true));
    const [name, state] = Object.entries<Json>(json.data.terraform_remote_state)[0];
    expect(state).toEqual({ backend: "oss", config: { bucket: "platform-tfstate", prefix: "teams/pki/pki", key: "terraform.tfstate", region: "cn-shanghai" } });
    expect(json.resource.alicloud_slb_listener.Https.ca_certificate_id).toBe(
      `\${data.terraform_remote_state.${name}.outputs.team-a_ClientCa_ca_certificate_id}`,
    );
  });

  it("refuses zero or two backends, as a user error with a code", () => {
    expect(() => CaCertificate.fromRemoteState(consumer(), "A", { certificatePath: "ClientCa" })).toThrow(
      new CaCertificateValidationError(
        [{ code: "CACertificate.InvalidReference", message: "CaCertificate.fromRemoteState needs exactly one backend: local or oss (got neither)." }],
        "consumer/A",
      ),
    );
    expect(() => CaCertificate.fromRemoteState(consumer(), "A", { certificatePath: "ClientCa", local: { path: "a" }, oss: { bucket: "b" } })).toThrow(
      "[consumer/A] 1 problem with the CA certificate:\n  - CACertificate.InvalidReference: CaCertificate.fromRemoteState needs exactly one backend: local or oss (got both local and oss).",
    );
  });

  it("refuses an empty certificatePath: it names the outputs", () => {
    expect(() => CaCertificate.fromRemoteState(consumer(), "A", { certificatePath: "", local: { path: "a" } })).toThrow(
      '[consumer/A] 1 problem with the CA certificate:\n  - CACertificate.InvalidReference: CaCertificate.fromRemoteState: certificatePath is ""; it needs the path of the producing CaCertificate below its stack, e.g. "ClientCa".',
    );
  });

  it("refuses a certificatePath that is a token: the output names are derived from it at synth", () => {
    const stack = consumer();
    const certificatePath = new TerraformVariable(stack, "path", { type: "string" }).stringValue;
    expect(() => CaCertificate.fromRemoteState(stack, "A", { certificatePath, local: { path: "a" } })).toThrow(
      /^\[consumer\/A\] 1 problem with the CA certificate:\n {2}- CACertificate\.InvalidReference: CaCertificate\.fromRemoteState: certificatePath is a token .* needs the literal path/,
    );
  });
});

describe("CaCertificate.fromLookup: what SLB reports", () => {
  function lookupJson(options: { caCertificateId?: string; caCertificateName?: string }) {
    const stack = newStack("s");
    const ca = CaCertificate.fromLookup(stack, "Found", options);
    new TerraformOutput(stack, "fp", { value: ca.fingerprint });
    new TerraformOutput(stack, "cn", { value: ca.commonName });
    new TerraformOutput(stack, "expiry", { value: ca.expireTime });
    new TerraformOutput(stack, "id", { value: ca.caCertificateId });
    return JSON.parse(Testing.synth(stack, true));
  }

  it("by ID", () => {
    const json = lookupJson({ caCertificateId: "139a00604ad-cn-east-hangzhou-01" });
    const [name, data] = Object.entries<Json>(json.data.alicloud_slb_ca_certificates)[0];
    expect(data.ids).toEqual(["139a00604ad-cn-east-hangzhou-01"]);
    // Lowercased, like a fingerprint known at synth.
    expect(json.output.fp.value).toBe(`\${lower(data.alicloud_slb_ca_certificates.${name}.certificates[0].fingerprint)}`);
    expect(json.output.cn.value).toBe(`\${data.alicloud_slb_ca_certificates.${name}.certificates[0].common_name}`);
    expect(json.output.expiry.value).toBe(`\${data.alicloud_slb_ca_certificates.${name}.certificates[0].expired_time}`);
  });

  it("fails the plan unless exactly one certificate matches", () => {
    expect(JSON.stringify(lookupJson({ caCertificateId: "139a00604ad-cn-east-hangzhou-01" }))).toHaveDataSourceWithProperties(DataAlicloudSlbCaCertificates, {
      lifecycle: {
        postcondition: [
          {
            condition: "${length(self.certificates) == 1}",
            error_message:
              "CaCertificate.fromLookup at s/Found: expected exactly one SLB CA certificate with ID 139a00604ad-cn-east-hangzhou-01, found ${length(self.certificates)}.",
          },
        ],
      },
    });
  });

  it("by declared name, with or without the uniqueness suffix, escaping regex characters", () => {
    const json = lookupJson({ caCertificateName: "client.ca+1" });
    const [name, data] = Object.entries<Json>(json.data.alicloud_slb_ca_certificates)[0];
    expect(data.name_regex).toBe("^client\\.ca\\+1(-[0-9a-f]{8})?$");
    const regex = new RegExp(data.name_regex);
    expect(["client.ca+1", "client.ca+1-b4fd5220"].every((n) => regex.test(n))).toBe(true);
    expect(["client-ca+1", "client.ca+1-old", "xclient.ca+1"].some((n) => regex.test(n))).toBe(false);
    expect(json.output.id.value).toBe(`\${data.alicloud_slb_ca_certificates.${name}.certificates[0].id}`);
  });

  it("needs exactly one of ID or name", () => {
    expect(() => lookupJson({})).toThrow(
      / {2}- CACertificate\.InvalidReference: CaCertificate\.fromLookup needs exactly one of caCertificateId or caCertificateName \(got neither\)\.$/,
    );
    expect(() => lookupJson({ caCertificateId: "ca-1", caCertificateName: "client-ca" })).toThrow(
      / {2}- CACertificate\.InvalidReference: CaCertificate\.fromLookup needs exactly one of caCertificateId or caCertificateName \(got both caCertificateId "ca-1" and caCertificateName "client-ca"\)\.$/,
    );
    expect(() => lookupJson({ caCertificateName: "" })).toThrow(
      / {2}- CACertificate\.InvalidReference: CaCertificate\.fromLookup: caCertificateName is ""; it needs the certificate's name, a non-empty string\.$/,
    );
  });

  it("refuses a name that is a token: the regex is built at synth and would match nothing", () => {
    const stack = newStack("s");
    const name = new TerraformVariable(stack, "ca_name", { type: "string" }).stringValue;
    expect(() => CaCertificate.fromLookup(stack, "Found", { caCertificateName: name })).toThrow(
      "[s/Found] 1 problem with the CA certificate:\n  - CACertificate.InvalidReference: CaCertificate.fromLookup: caCertificateName is a token (a variable or another resource's attribute); a name lookup needs the literal name, because the regex that matches it (with its uniqueness suffix) is built at synth. Look the certificate up by caCertificateId instead, which may be a token.",
    );
    // Nothing left behind: a caller that catches the error can still synthesize the stack.
    expect(stack.node.tryFindChild("Found")).toBeUndefined();
  });

  it("accepts an ID that is a token", () => {
    const stack = newStack("s");
    const id = new TerraformVariable(stack, "ca_id", { type: "string" }).stringValue;
    CaCertificate.fromLookup(stack, "Found", { caCertificateId: id });
    expect(Testing.synth(stack)).toHaveDataSourceWithProperties(DataAlicloudSlbCaCertificates, { ids: ["${var.ca_id}"] });
  });
});

describe("importFrom: adopting a certificate uploaded by hand", () => {
  it.each(["", "  "])("refuses importFrom %p: an import needs an ID", (importFrom) => {
    const stack = newStack();
    expect(() => new CaCertificate(stack, "ClientCa", { caCertificate: example("sample-root-ca.pem"), importFrom })).toThrow(
      new CaCertificateValidationError(
        [
          {
            code: "InvalidParam.ImportFrom",
            message: `importFrom is ${JSON.stringify(importFrom)}; allowed: the CACertificateId of an existing SLB CA certificate, or leave importFrom out to upload a new one.`,
          },
        ],
        "pki/ClientCa",
      ),
    );
  });

  function adoptSynth(): string {
    const stack = newStack();
    new CaCertificate(stack, "ClientCa", { caCertificate: example("sample-root-ca.pem"), importFrom: "139a00604ad-cn-east-hangzhou-01" });
    // Without validations: for an import block cdktf's would run `terraform version` (a child process); e2e/adoption.test.ts runs the real terraform.
    return Testing.synth(stack);
  }
  const adoptJson = () => JSON.parse(adoptSynth());

  it("adds an import block for the existing ID", () => {
    expect(adoptJson().import).toEqual([{ id: "139a00604ad-cn-east-hangzhou-01", to: "alicloud_slb_ca_certificate.ClientCa_2CBFF23C" }]);
  });

  it("ignores ca_certificate, which the provider never reads back, so the next plan does not replace it", () => {
    expect(adoptSynth()).toHaveResourceWithProperties(SlbCaCertificate, {
      lifecycle: { create_before_destroy: true, ignore_changes: ["ca_certificate"] },
    });
  });

  it("checks at plan that the adopted certificate is the declared PEM, by fingerprint", () => {
    const fingerprint = facts("examples/sample-root-ca.pem").sha1;
    expect(adoptSynth()).toHaveDataSourceWithProperties(DataAlicloudSlbCaCertificates, {
      ids: ["139a00604ad-cn-east-hangzhou-01"],
      lifecycle: {
        postcondition: [
          {
            condition: `\${length(self.certificates) == 1 && try(lower(self.certificates[0].fingerprint), "") == "${fingerprint}"}`,
            error_message: `CA certificate 139a00604ad-cn-east-hangzhou-01 in SLB is not the PEM declared at pki/ClientCa (expected SHA-1 fingerprint ${fingerprint}). To rotate, remove importFrom.`,
          },
        ],
      },
    });
  });
});

describe("rotation: the PEM changes (listener in another stack: see the blue/green steps below)", () => {
  function synthWith(pemFile: string) {
    const config = { ...readConfig({}), caCertificateFile: path.join(__dirname, "..", "examples", "certs", pemFile) };
    const app = testApp();
    const pki = new PkiStack(app, "pki", config);
    const edge = new EdgeStack(app, "edge", config, pki.clientCa);
    app.synth();
    return { pki: JSON.parse(Testing.synth(pki, true)), edge: JSON.parse(Testing.synth(edge, true)) };
  }

  const before = synthWith("sample-root-ca.pem");
  const after = synthWith("sample-root-ca-2.pem");
  const caOf = (synthesized: { pki: Json }) => synthesized.pki.resource.alicloud_slb_ca_certificate.ClientCa_2CBFF23C;

  it("changes ca_certificate (ForceNew) on the same resource, so Terraform replaces it, creating the new one first", () => {
    expect(caOf(after).ca_certificate).toBe(example("sample-root-ca-2.pem"));
    expect(caOf(after).ca_certificate).not.toBe(caOf(before).ca_certificate);
    expect(caOf(after).lifecycle).toEqual({ create_before_destroy: true });
  });

  it("gives the new certificate a name that cannot collide with the old one's", () => {
    const suffix = (file: string) => facts(`examples/${file}`).sha1.replace(/:/g, "").slice(0, 8);
    expect(caOf(before).ca_certificate_name).toBe(`example-client-ca-${suffix("sample-root-ca.pem")}`);
    expect(caOf(after).ca_certificate_name).toBe(`example-client-ca-${suffix("sample-root-ca-2.pem")}`);
  });

  it("keeps the listener pointed at the CA resource's output, so its next deploy follows the new ID", () => {
    expect(after.edge.resource.alicloud_slb_listener.Https.ca_certificate_id).toBe(before.edge.resource.alicloud_slb_listener.Https.ca_certificate_id);
    const outputName = /outputs\.([^}]+)\}/.exec(after.edge.resource.alicloud_slb_listener.Https.ca_certificate_id)![1];
    expect(after.pki.output[outputName].value).toBe("${alicloud_slb_ca_certificate.ClientCa_2CBFF23C.id}");
  });

  it("publishes the new fingerprint", () => {
    expect(after.pki.output.ClientCa_fingerprint.value).toBe(facts("examples/sample-root-ca-2.pem").sha1);
  });
});

describe("rotation with the listener in the same stack", () => {
  it("the listener refers to the certificate resource itself, so one apply creates, repoints, then deletes", () => {
    const stack = newStack("edge");
    const ca = new CaCertificate(stack, "ClientCa", { caCertificate: example("sample-root-ca-2.pem") });
    new SlbListener(stack, "Https", { loadBalancerId: "lb-1", protocol: "https", frontendPort: 443, caCertificateId: ca.caCertificateId });
    const json = JSON.parse(Testing.synth(stack, true));
    expect(json.resource.alicloud_slb_listener.Https.ca_certificate_id).toBe("${alicloud_slb_ca_certificate.ClientCa_2CBFF23C.id}");
    expect(json.resource.alicloud_slb_ca_certificate.ClientCa_2CBFF23C.lifecycle).toEqual({ create_before_destroy: true });
  });
});

describe("blue/green rotation across stacks (docs/rotation.md)", () => {
  const config = readConfig({});
  /** pki declares the given certificates; edge uses the one named `used`. */
  function step(declared: Record<string, string>, used: string) {
    const app = testApp();
    const pki = newStack("pki", { app: app });
    const cas = Object.fromEntries(Object.entries(declared).map(([id, file]) => [id, new CaCertificate(pki, id, { caCertificate: example(file) })]));
    const edge = new EdgeStack(app, "edge", config, cas[used]);
    app.synth();
    const pkiJson = JSON.parse(Testing.synth(pki, true));
    const edgeJson = JSON.parse(Testing.synth(edge, true));
    const outputName = /outputs\.([^}]+)\}/.exec(edgeJson.resource.alicloud_slb_listener.Https.ca_certificate_id)![1];
    return {
      certificates: Object.keys(pkiJson.resource.alicloud_slb_ca_certificate).sort(),
      pem: (id: string) => pkiJson.resource.alicloud_slb_ca_certificate[id].ca_certificate,
      listenerUses: pkiJson.output[outputName].value,
    };
  }

  const before = step({ ClientCa: "sample-root-ca.pem" }, "ClientCa");
  const both = step({ ClientCa: "sample-root-ca.pem", ClientCa2026: "sample-root-ca-2.pem" }, "ClientCa2026");
  const after = step({ ClientCa2026: "sample-root-ca-2.pem" }, "ClientCa2026");

  it("1: adding the new certificate leaves the old one exactly as it was", () => {
    expect(before.certificates).toEqual(["ClientCa_2CBFF23C"]);
    expect(both.certificates).toEqual(["ClientCa2026_BE49CE92", "ClientCa_2CBFF23C"]);
    expect(both.pem("ClientCa_2CBFF23C")).toBe(before.pem("ClientCa_2CBFF23C"));
  });

  it("2: the consumer moves to the new certificate while the old one still exists", () => {
    expect(before.listenerUses).toBe("${alicloud_slb_ca_certificate.ClientCa_2CBFF23C.id}");
    expect(both.listenerUses).toBe("${alicloud_slb_ca_certificate.ClientCa2026_BE49CE92.id}");
  });

  it("3: only then is the old certificate removed", () => {
    expect(after.certificates).toEqual(["ClientCa2026_BE49CE92"]);
    expect(after.pem("ClientCa2026_BE49CE92")).toBe(both.pem("ClientCa2026_BE49CE92"));
  });
});

describe("the package's public API", () => {
  it("exports the construct and its helpers, not the reference classes nor the lookup", () => {
    const exported = Object.keys(library);
    for (const internal of [
      "lookupCaCertificate",
      "ExistingCaCertificate",
      "RemoteStateCaCertificate",
      "LookedUpCaCertificate",
      "formatProblems",
      "showValue",
      "inspectOptionProblems",
    ]) {
      expect(exported).not.toContain(internal);
    }
    expect(exported).toEqual(expect.arrayContaining(["CaCertificate", "CaCertificateValidator", "CaCertificateValidationError", "RuleSeverity"]));
  });
});
