/**
 * Scenario 5: lookups of certificates that Terraform does not manage. fromLookup
 * by name works for one match and fails the plan, with the construct's message,
 * for none or two; fromCaCertificateId with an unknown ID fails the plan clearly.
 */
import * as path from "path";
import { CERTS, Workspace, oneStackApp } from "./harness";
import { facts } from "../support/fixtures";

const APP = oneStackApp(
  "lookup",
  `
if (process.env.LOOKUP_NAME) {
  const found = CaCertificate.fromLookup(stack, "Ref", { caCertificateName: process.env.LOOKUP_NAME });
  new TerraformOutput(stack, "found_id", { value: found.caCertificateId });
  new TerraformOutput(stack, "found_fingerprint", { value: found.fingerprint });
}
if (process.env.LOOKUP_ID) {
  const byId = CaCertificate.fromCaCertificateId(stack, "ById", process.env.LOOKUP_ID);
  new TerraformOutput(stack, "by_id_fingerprint", { value: byId.fingerprint });
}
`,
);

describe("lookups", () => {
  let ws: Workspace;
  const ids: Record<string, string> = {};
  const plan = (env: NodeJS.ProcessEnv) => {
    ws.synth(env);
    return ws.plan("lookup");
  };
  beforeAll(() => {
    ws = new Workspace("lookup", APP);
    const uploads: [string, string][] = [
      ["team-ca", "sample-root-ca.pem"],
      ["dup-ca", "sample-root-ca.pem"],
      ["dup-ca-0123abcd", "sample-root-ca-2.pem"],
    ];
    for (const [name, file] of uploads) {
      const r = ws.localCloud(["upload-ca", path.join(CERTS, file), "--name", name]);
      if (r.status !== 0) throw new Error(r.output);
      ids[name] = r.output.trim();
    }
    ws.synth({ LOOKUP_NAME: "team-ca" });
    ws.init("lookup");
  });
  afterAll(() => ws.remove());

  test("fromLookup by name: one match gives its ID and SLB's fingerprint", () => {
    const r = plan({ LOOKUP_NAME: "team-ca" });
    expect(r.status).toBe(2);
    expect(r.output).toContain(`found_id          = "${ids["team-ca"]}"`);
    expect(r.output).toContain(`found_fingerprint = "${facts("examples/sample-root-ca.pem").sha1}"`);
  });

  test("fromLookup by name: no match fails the plan with the construct's message", () => {
    const r = plan({ LOOKUP_NAME: "nobody-ca" });
    expect(r.status).toBe(1);
    expect(r.output.replace(/\s+/g, " ")).toContain(
      "CaCertificate.fromLookup at lookup/Ref: expected exactly one SLB CA certificate with name nobody-ca, found 0.",
    );
  });

  test("fromLookup by name: two matches (a name and its suffixed twin) fail the plan with the construct's message", () => {
    const r = plan({ LOOKUP_NAME: "dup-ca" });
    expect(r.status).toBe(1);
    expect(r.output.replace(/\s+/g, " ")).toContain(
      "CaCertificate.fromLookup at lookup/Ref: expected exactly one SLB CA certificate with name dup-ca, found 2.",
    );
  });

  test("fromCaCertificateId with an unknown ID fails the plan with a clear message", () => {
    const unknownId = "18f0a1b2c3d-cn-hangzhou-01";
    const r = plan({ LOOKUP_ID: unknownId });
    expect(r.status).toBe(1);
    expect(r.output.replace(/\s+/g, " ")).toContain(`expected exactly one SLB CA certificate with ID ${unknownId}`);
  });
});
