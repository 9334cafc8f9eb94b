/**
 * Scenario 4: a certificate uploaded by hand (local-cloud upload-ca) is adopted
 * with importFrom: the plan imports it and replaces nothing; with another PEM
 * the construct's postcondition fails the plan.
 */
import * as path from "path";
import { CERTS, expectOk, oneStackApp, Workspace } from "./harness";

const APP = oneStackApp(
  "adopt",
  `
new CaCertificate(stack, "ClientCa", {
  caCertificate: fs.readFileSync(process.env.CA_FILE!, "utf8"),
  caCertificateName: "manual-ca",
  uniqueName: false,
  importFrom: process.env.ADOPT_ID!,
});
`,
);

describe("adopting a certificate uploaded by hand", () => {
  let ws: Workspace;
  let id: string;
  beforeAll(() => {
    ws = new Workspace("adopt", APP);
    const upload = ws.localCloud(["upload-ca", path.join(CERTS, "sample-root-ca.pem"), "--name", "manual-ca"]);
    if (upload.status !== 0) throw new Error(upload.output);
    id = upload.output.trim();
  });
  afterAll(() => ws.remove());

  test("with a different PEM, the postcondition fails the plan with the construct's message", () => {
    ws.synth({ CA_FILE: path.join(CERTS, "sample-root-ca-2.pem"), ADOPT_ID: id });
    ws.init("adopt");
    const plan = ws.plan("adopt");
    expect(plan.status).toBe(1);
    expect(plan.output.replace(/\s+/g, " ")).toContain(`CA certificate ${id} in SLB is not the PEM declared at adopt/ClientCa`);
  });

  test("with the same PEM, the plan imports the certificate and replaces nothing; the apply uploads nothing", () => {
    ws.synth({ CA_FILE: path.join(CERTS, "sample-root-ca.pem"), ADOPT_ID: id });
    const plan = ws.plan("adopt");
    expect(plan.output).toContain("Plan: 1 to import, 0 to add, 0 to change, 0 to destroy.");
    const apply = ws.apply("adopt");
    expectOk(apply);
    expect(ws.outputs("adopt").ClientCa_ca_certificate_id).toBe(id);
    const account = ws.account();
    expect(account.caCertificates.map((c) => c.CACertificateId)).toEqual([id]);
    expect(account.calls.filter((c) => c.action === "UploadCACertificate")).toHaveLength(1);
    expect(ws.plan("adopt").status).toBe(0);
  });
});
