/**
 * Scenarios 7 and 6 on one producer app (a pki stack with one CA and local state):
 * drift after an out-of-band delete, and a second, separate app that reads the
 * producer's ID and fingerprint with fromRemoteState and uses them.
 */
import * as path from "path";
import { CERTS, expectOk, oneStackApp, Workspace } from "./harness";
import { facts } from "../support/fixtures";

const PRODUCER = oneStackApp(
  "pki",
  `
new CaCertificate(stack, "ClientCa", {
  caCertificate: fs.readFileSync(${JSON.stringify(path.join(CERTS, "sample-root-ca.pem"))}, "utf8"),
  caCertificateName: "client-ca",
});
`,
);

function consumer(producerState: string): string {
  return oneStackApp(
    "consumer",
    `
const ca = CaCertificate.fromRemoteState(stack, "ClientCa", { certificatePath: "ClientCa", local: { path: ${JSON.stringify(producerState)} } });
const lb = new SlbLoadBalancer(stack, "LoadBalancer", { loadBalancerName: "consumer", addressType: "internet" });
const cert = new SlbServerCertificate(stack, "ServerCertificate", {
  serverCertificate: fs.readFileSync(${JSON.stringify(path.join(CERTS, "server.pem"))}, "utf8"),
  privateKey: fs.readFileSync(${JSON.stringify(path.join(CERTS, "server.key"))}, "utf8"),
});
new SlbListener(stack, "Https", {
  loadBalancerId: lb.id, protocol: "https", frontendPort: 443, backendPort: 80, bandwidth: -1,
  serverCertificateId: cert.id, caCertificateId: ca.caCertificateId,
});
new TerraformOutput(stack, "ca_id", { value: ca.caCertificateId });
new TerraformOutput(stack, "ca_fingerprint", { value: ca.fingerprint });
`,
  );
}

describe("a producer app's certificate", () => {
  let producer: Workspace;
  beforeAll(() => {
    producer = new Workspace("producer", PRODUCER);
    producer.synth();
    producer.init("pki");
    const r = producer.apply("pki");
    if (r.status !== 0) throw new Error(r.output);
  });
  afterAll(() => producer.remove());

  test("deleted out of band, it is found by the next plan; the next deploy re-creates it with the same outputs but a new ID", () => {
    const before = producer.outputs("pki");
    const deleted = producer.localCloud(["delete", before.ClientCa_ca_certificate_id]);
    expect(deleted.status).toBe(0);

    const plan = producer.plan("pki");
    expect(plan.status).toBe(2);
    expect(plan.output).toContain("has been deleted");
    expect(plan.output).toContain("Plan: 1 to add, 0 to change, 0 to destroy.");

    expect(producer.apply("pki").status).toBe(0);
    const after = producer.outputs("pki");
    const { ClientCa_ca_certificate_id: newId, ...rest } = after;
    const { ClientCa_ca_certificate_id: oldId, ...restBefore } = before;
    expect(newId).not.toBe(oldId);
    expect(producer.account().caCertificates.map((c) => c.CACertificateId)).toEqual([newId]);
    expect(rest).toEqual(restBefore);
    expect(rest.ClientCa_fingerprint).toBe(facts("examples/sample-root-ca.pem").sha1);
  });

  test("another app reads its ID and fingerprint with fromRemoteState and puts it on a listener", () => {
    const consumerWs = new Workspace("consumer", consumer(path.join(producer.dir, "terraform.pki.tfstate")));
    try {
      // Both apps work on the same (emulated) account.
      consumerWs.env.SLB_EMULATOR_STATE = producer.env.SLB_EMULATOR_STATE;
      consumerWs.synth();
      consumerWs.init("consumer");
      const apply = consumerWs.apply("consumer");
      expectOk(apply);
      const produced = producer.outputs("pki");
      expect(consumerWs.outputs("consumer")).toEqual({ ca_id: produced.ClientCa_ca_certificate_id, ca_fingerprint: produced.ClientCa_fingerprint });
      expect(producer.account().listeners[0].CACertificateId).toBe(produced.ClientCa_ca_certificate_id);
    } finally {
      consumerWs.remove();
    }
  });
});
