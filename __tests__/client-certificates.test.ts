/**
 * CaCertificate's clientCertificates: the samples are checked at synth, their
 * problems reported with all others, and a CA from the wrong issuer fails synth.
 */
import { TerraformVariable, Testing } from "cdktf";
import { SlbCaCertificate } from "../.gen/providers/alicloud/slb-ca-certificate";
import { CaCertificate, CaCertificateProps } from "../constructs";
import { thrown, warningsOf } from "./support/construct-findings";
import { fixture, clientFixture } from "./support/fixtures";
import { newStack } from "./support/stack";

const client = clientFixture;
const ROOT = client("root.pem");

const construct = (props: Partial<CaCertificateProps>, stack = newStack()) => new CaCertificate(stack, "ClientCa", { caCertificate: ROOT, ...props });

describe("CaCertificate: clientCertificates accepted", () => {
  it("synthesizes as without them, and warns of nothing, when every sample chains to the CA", () => {
    const stack = newStack();
    const ca = construct({ clientCertificates: [client("client-root.pem"), client("client-intermediate-chain.pem")] }, stack);
    expect(warningsOf(ca)).toEqual([]);
    const synthesized = Testing.synth(stack, true);
    expect(synthesized).toHaveResourceWithProperties(SlbCaCertificate, { ca_certificate: ROOT });
    // The samples are evidence, not configuration: none of them reaches the Terraform JSON.
    expect(synthesized).not.toContain(client("client-root.pem").split("\n")[1]);
  });

  it("compares names as OpenSSL does: case and spaces do not matter, in the chain or in the CA's own issuer", () => {
    // One key under "CN=Case Root" and "CN=case   root" (scripts/generate-client-fixtures.sh); OpenSSL accepts both.
    const stack = newStack();
    const ca = new CaCertificate(stack, "ClientCa", { caCertificate: client("case-root.pem"), clientCertificates: [client("client-of-case-alias.pem")] });
    const selfIssued = new CaCertificate(stack, "SelfIssuedCa", {
      caCertificate: client("case-root-recased-issuer.pem"),
      clientCertificates: [client("client-of-case-root.pem")],
    });
    expect([warningsOf(ca), warningsOf(selfIssued)]).toEqual([[], []]);
    expect(selfIssued.info?.selfSigned).toBe(true);
  });

  it("warns CACertificate.ExpiresBeforeClients when the CA expires before a sample", () => {
    const stack = newStack();
    const ca = new CaCertificate(stack, "ClientCa", { caCertificate: client("short-root.pem"), clientCertificates: [client("client-short-root.pem")] });
    expect(warningsOf(ca)).toEqual([
      'CACertificate.ExpiresBeforeClients: the CA expires on 2040-01-01T00:00:00Z, before clientCertificates[0] ("CN=frank.client-of-short-lived-root,O=Client Fixtures", until 2045-01-01T00:00:00Z): from then on those clients are refused. Rotate the CA first (upload its successor alongside, then re-issue the clients).',
    ]);
    expect(() => Testing.synth(stack, true)).not.toThrow();
  });
});

describe("CaCertificate: clientCertificates refused", () => {
  it("fails with ClientCertificate.NotIssuedByCa for a client from another CA", () => {
    const stack = newStack();
    const error = thrown(() => construct({ clientCertificates: [client("client-other.pem")] }, stack));
    expect(error.path).toBe("pki/ClientCa");
    expect(error.problems.map((p) => p.code)).toEqual(["ClientCertificate.NotIssuedByCa"]);
    expect(error.message).toBe(
      '[pki/ClientCa] 1 problem with the CA certificate:\n  - ClientCertificate.NotIssuedByCa: clientCertificates[0] ("CN=carol.client-of-other-root,O=Client Fixtures") does not chain to this CA ("CN=Client Test Root CA,O=Client Fixtures"): it is issued by "CN=Other Root CA,O=Client Fixtures". Upload the CA that issues your client certificates (not, e.g., the server\'s CA), or re-issue the client from this CA. If the client sends intermediate certificates, append them after the client certificate in the sample.',
    );
    // Nothing left behind: the stack synthesizes without the certificate.
    expect(stack.node.tryFindChild("ClientCa")).toBeUndefined();
    expect(JSON.parse(Testing.synth(stack)).resource).toBeUndefined();
  });

  it("reports every sample's problems with the construct's other problems, each sample by its index", () => {
    const error = thrown(() =>
      construct({
        tags: { "acs:owner": "x" },
        clientCertificates: [client("client-root.pem"), client("client-server-auth.pem"), client("client-expired.pem"), "garbage"],
      }),
    );
    expect(error.problems.map((p) => [p.code, p.message.slice(0, 22)])).toEqual([
      ["InvalidParam.TagKey", expect.any(String)],
      ["ClientCertificate.NoClientAuth", "clientCertificates[1] "],
      ["ClientCertificate.Expired", "clientCertificates[2] "],
      ["CertificateFormatInvalid", "clientCertificates[3]:"],
    ]);
  });

  it("reports a CA that is not a root once, as the CA's own problem, naming the samples that chain to it", () => {
    const error = thrown(() =>
      construct({
        caCertificate: client("intermediate.pem"),
        clientCertificates: [client("client-intermediate.pem"), client("client-intermediate-chain.pem")],
      }),
    );
    expect(error.problems).toEqual([
      {
        code: "ClientCertificate.BrokenChain",
        message:
          'the CA "CN=Client Test Intermediate CA,O=Client Fixtures" is an intermediate, issued by "CN=Client Test Root CA,O=Client Fixtures": OpenSSL does not accept a chain that ends below a self-signed root ("unable to get issuer certificate"), so it refuses clientCertificates[0], clientCertificates[1], which chain to this CA. Upload the root CA instead.',
      },
    ]);
  });

  it("refuses a list that is not a list, naming only its type (a string may be a key)", () => {
    const error = thrown(() => construct({ clientCertificates: fixture("key-pkcs8.pem") as unknown as string[] }));
    expect(error.problems).toEqual([
      {
        code: "CertificateFormatInvalid",
        message: "clientCertificates is a string; allowed: a list of PEM texts, each a client certificate followed by the intermediates it sends.",
      },
    ]);
  });

  it("still checks the samples' own problems when the CA itself is refused", () => {
    const error = thrown(() => construct({ caCertificate: client("client-root.pem"), clientCertificates: [client("client-server-auth.pem")] }));
    expect(error.problems.map((p) => p.code)).toEqual(["CACertificate.NotCA", "ClientCertificate.NoClientAuth", "ClientCertificate.NotIssuedByCa"]);
  });
});

describe("CaCertificate: clientCertificates known only at deploy time", () => {
  it("skips a token sample with a warning and checks the others", () => {
    const stack = newStack();
    const variable = new TerraformVariable(stack, "client_pem", { type: "string" });
    const error = thrown(() => construct({ clientCertificates: [variable.stringValue, client("client-other.pem")] }, stack));
    expect(error.problems.map((p) => p.code)).toEqual(["ClientCertificate.NotIssuedByCa"]);
    expect(error.problems[0].message).toMatch(/^clientCertificates\[1\] /);

    const ok = construct({ clientCertificates: [variable.stringValue, client("client-root.pem")] }, stack);
    expect(warningsOf(ok)).toEqual([
      expect.stringMatching(
        /^ClientCertificate\.NotChecked: clientCertificates\[0\] is a token resolved at deploy time.* Pass the PEM texts as plain strings \(e\.g\. PemFile\.read\(path\)\) to have them checked\.$/,
      ),
    ]);
  });

  it("warns that nothing was checked when the CA is a token", () => {
    const stack = newStack();
    const pem = new TerraformVariable(stack, "ca_pem", { type: "string" });
    const ca = construct({ caCertificate: pem.stringValue, clientCertificates: [client("client-other.pem")] }, stack);
    expect(warningsOf(ca)).toEqual([
      expect.stringMatching(/^CACertificate\.ContentNotChecked: /),
      expect.stringMatching(/^ClientCertificate\.NotChecked: the CA PEM is a token resolved at deploy time/),
    ]);
  });
});
