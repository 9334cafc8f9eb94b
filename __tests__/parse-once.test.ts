/**
 * Each certificate is parsed once: the CA by its inspection, whose parse the
 * client checks reuse; each block of a sample once, split by the one PEM
 * block splitter. Counted at Node's parser (X509Certificate), which the
 * library reaches through the `crypto` module at call time.
 */
import * as crypto from "crypto";
import { TerraformStack } from "cdktf";
import { CaCertificate, CaCertificateValidator } from "../constructs";
import { readCertificateChainPem, readCertificatePem } from "../constructs/x509/pem";
import { NOW, clientFixture } from "./support/fixtures";
import { newStack, testApp } from "./support/stack";

const client = clientFixture;

const counter = { parses: 0 };
// The library's `crypto`, with an X509Certificate that counts its constructions (jest.mock is hoisted above the imports).
jest.mock("crypto", () => {
  const actual = jest.requireActual<typeof import("crypto")>("crypto");
  class CountingX509Certificate extends actual.X509Certificate {
    constructor(input: ConstructorParameters<typeof actual.X509Certificate>[0]) {
      super(input);
      counter.parses++;
    }
  }
  return { ...actual, X509Certificate: CountingX509Certificate };
});

/** How many certificates Node parses while `work` runs. */
function parses(work: () => unknown): number {
  const before = counter.parses;
  work();
  return counter.parses - before;
}

describe("each certificate is parsed once", () => {
  it("a CaCertificate with two samples (one of them with an intermediate): the CA once, each sample certificate once", () => {
    const stack = newStack();
    const samples = [client("client-root.pem"), client("client-intermediate-chain.pem")];
    expect(readCertificateChainPem(samples[1]).ders).toHaveLength(2);
    expect(parses(() => new CaCertificate(stack, "ClientCa", { caCertificate: client("root.pem"), clientCertificates: samples }))).toBe(1 + 1 + 2);
  });

  it("CaCertificateValidator.verifyClient: the CA once, the client once", () => {
    expect(parses(() => CaCertificateValidator.verifyClient(client("root.pem"), client("client-root.pem"), { now: NOW }))).toBe(2);
  });

  it("a CaCertificate without samples: the CA once", () => {
    const stack = new TerraformStack(testApp(), "pki");
    expect(parses(() => new CaCertificate(stack, "ClientCa", { caCertificate: client("root.pem") }))).toBe(1);
  });

  it("control: the counter sees a parse", () => {
    expect(parses(() => new crypto.X509Certificate(client("root.pem")))).toBe(1);
  });
});

describe("the one PEM block splitter (readCertificateChainPem)", () => {
  const chain = client("client-intermediate-chain.pem");

  it("gives each block's DER, in order, the same bytes the single-certificate reader gives for each", () => {
    const blocks = chain.match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----\n/g)!;
    expect(readCertificateChainPem(chain).ders).toEqual(blocks.map((block) => readCertificatePem(block).der));
  });

  it("names a broken block by its place, and a sample by its label", () => {
    const lines = chain.split("\n");
    const secondBody = lines.lastIndexOf("-----BEGIN CERTIFICATE-----") + 1;
    lines[secondBody] = `*${lines[secondBody].slice(1)}`;
    const verdict = CaCertificateValidator.verifyClient(client("root.pem"), lines.join("\n"), { now: NOW });
    expect(verdict.problems.map((p) => `${p.code}: ${p.message}`)).toEqual([
      expect.stringMatching(/^CertificateFormatInvalid: clientCertificates\[0\]: certificate 2 of 2: the content of the CERTIFICATE block is not valid base64/),
    ]);
  });

  it("still refuses several certificates where exactly one is wanted (the CA)", () => {
    expect(readCertificatePem(chain).problems.map((p) => p.code)).toEqual(["CertificateFormatInvalid.MultipleCertificates"]);
  });
});
