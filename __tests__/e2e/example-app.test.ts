/**
 * Scenarios 1 and 8: the example app deploys through the real cdktf CLI
 * (slb-local-cloud deploy, behind npm run deploy:local), a second plan shows
 * no changes; a certificate uploaded by hand under the construct's name is an
 * orphan that slb-local-cloud names, and slb-local-cloud destroy removes the
 * app's objects and says it left that one.
 */
import * as fs from "fs";
import * as path from "path";
import { facts } from "../support/fixtures";
import { CERTS, expectOk, FRAMEWORK, Workspace } from "./harness";

/** The library version that synthesizes an app of each framework, as cdk.tf.json records it. */
const SYNTHESIZED_BY = { cdktf: "0.21.0", cdktn: "0.24.0" };

describe("the example app against the local SLB provider", () => {
  let ws: Workspace;
  beforeAll(() => {
    ws = new Workspace("example");
  });
  afterAll(() => ws.remove());
  // A local deploy synthesizes into the local cloud's own folder: cdktf.out stays the real cloud's.
  const outputsFile = () => path.join(ws.dir, ".local-cloud", "out", "cdktf.out", "outputs.json");

  test("slb-local-cloud deploy deploys pki and edge and writes outputs.json; the IDs and fingerprint are SLB's and openssl's", () => {
    const deploy = ws.localCloud(["deploy"]);
    expectOk(deploy);
    // Terraform logs the local provider at WARN (TF_LOG_PROVIDER): not one [ERROR] line, the shutdown of each
    // provider process included (emulator/main.ts: detachStdout).
    expect(deploy.output.split("\n").filter((line) => line.includes("[ERROR]"))).toEqual([]);

    // The app's own cdktf.out and state are the real cloud's: a local deploy writes neither (nor a lock file or .terraform).
    expect(fs.readdirSync(ws.dir).filter((f) => f === "cdktf.out" || f.includes("tfstate") || f.startsWith(".terraform"))).toEqual([]);
    const outputs = JSON.parse(fs.readFileSync(outputsFile(), "utf8"));
    const pki = outputs.pki.ClientCa;
    const account = ws.account();
    expect(account.caCertificates).toHaveLength(1);
    const [ca] = account.caCertificates;
    expect(pki.ClientCa_ca_certificate_id).toBe(ca.CACertificateId);
    expect(pki.ClientCa_fingerprint).toBe(ca.Fingerprint);
    expect(pki.ClientCa_fingerprint).toBe(facts("examples/sample-root-ca.pem").sha1);
    expect(pki.ClientCa_expire_time).toBe(ca.ExpireTime);
    // As the provider does it: the upload carries no tags; TagResources, next, carries them all.
    const upload = account.calls.find((c) => c.action === "UploadCACertificate")!;
    expect(upload.params).not.toHaveProperty("Tag");
    const tagging = account.calls.filter((c) => c.action === "TagResources" && (c.params.ResourceId as string[]).includes(ca.CACertificateId));
    expect(tagging.map((c) => [c.params.Tag, c.result])).toEqual([
      [
        [
          { Key: "owner", Value: "platform-team" },
          { Key: "purpose", Value: "mtls-client-ca" },
        ],
        "Success",
      ],
    ]);
    expect(account.calls.indexOf(tagging[0])).toBeGreaterThan(account.calls.indexOf(upload));
    // The deploy prints what it wrote.
    expect(deploy.output).toContain(`"ClientCa_ca_certificate_id": "${ca.CACertificateId}"`);

    // edge's HTTPS listener trusts pki's CA: the cross-stack reference resolved to the real ID.
    expect(account.listeners).toHaveLength(1);
    expect(account.listeners[0].CACertificateId).toBe(ca.CACertificateId);
    expect(account.listeners[0].ServerCertificateId).toBe(account.serverCertificates[0].ServerCertificateId);
  });

  test(`the stacks were synthesized by ${FRAMEWORK} (cdk.tf.json's metadata) through the app's own CLI`, () => {
    for (const stack of ["pki", "edge"]) {
      const json = JSON.parse(fs.readFileSync(path.join(ws.stackDir(stack), "cdk.tf.json"), "utf8"));
      expect({ stack, version: json["//"].metadata.version }).toEqual({ stack, version: SYNTHESIZED_BY[FRAMEWORK] });
    }
  });

  test("local-cloud lists the certificate, and refuses to delete it while the listener uses it, as SLB does", () => {
    const [ca] = ws.account().caCertificates;
    expect(ws.localCloud(["list"]).output).toContain(
      `${ca.CACertificateId}  cn-hangzhou  ${ca.CACertificateName}  CN=Example Client Root CA  ${ca.Fingerprint}`,
    );
    const refused = ws.localCloud(["delete", ca.CACertificateId]);
    expect(refused.status).toBe(1);
    expect(refused.output).toContain("DeleteCACertificate failed: CertificateAndPrivateKeyIsRefered");
    expect(ws.account().caCertificates).toHaveLength(1);
  });

  test("a second plan of each stack shows no changes", () => {
    for (const stack of ["pki", "edge"]) {
      const plan = ws.plan(stack);
      expect({ stack, status: plan.status, output: plan.status === 0 ? "" : plan.output }).toEqual({ stack, status: 0, output: "" });
    }
  });

  let orphan: string;
  test("a certificate uploaded by hand under the construct's own name is an orphan: slb-local-cloud orphans names it, and nothing else", () => {
    const [ca] = ws.account().caCertificates;
    const upload = ws.localCloud(["upload-ca", path.join(CERTS, "sample-root-ca.pem"), "--name", ca.CACertificateName]);
    expectOk(upload);
    orphan = upload.output.trim();
    const report = ws.localCloud(["orphans"]);
    expect(report.status).toBe(1);
    expect(report.output.split("\n").filter((l) => l.startsWith("  "))).toEqual([`  CA certificate ${orphan}  cn-hangzhou  ${ca.CACertificateName}`]);
    expect(report.output).toContain("States read: account.state/terraform.edge.tfstate (");
  });

  test("slb-local-cloud destroy removes the app's objects, says which object it left, and leaves no outputs.json naming what is gone", () => {
    expect(fs.existsSync(outputsFile())).toBe(true);
    const destroy = ws.localCloud(["destroy"]);
    expect(destroy.output.split("\n").filter((line) => line.includes("[ERROR]"))).toEqual([]);
    expectOk(destroy);
    expect(fs.existsSync(outputsFile())).toBe(false);
    const account = ws.account();
    expect({
      caCertificates: account.caCertificates.map((c) => c.CACertificateId),
      serverCertificates: account.serverCertificates,
      loadBalancers: account.loadBalancers,
      listeners: account.listeners,
    }).toEqual({ caCertificates: [orphan], serverCertificates: [], loadBalancers: [], listeners: [] });
    expect(destroy.output).toContain(
      `The account ${ws.env.SLB_EMULATOR_STATE} holds 1 object that none of the states read knows:\n  CA certificate ${orphan}  cn-hangzhou  `,
    );
    // The listener went before the certificates it used (SLB would refuse otherwise).
    const actions = account.calls.filter((c) => c.action.startsWith("Delete")).map((c) => `${c.action}:${c.result}`);
    expect(actions.indexOf("DeleteLoadBalancerListener:Success")).toBeLessThan(actions.indexOf("DeleteCACertificate:Success"));
  });
});
