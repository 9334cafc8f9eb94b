/**
 * Scenarios 2 and 9: a CA rotated in the stack of the listener that uses it.
 * One apply uploads the new CA, repoints the listener, then deletes the old
 * one; a fault the provider does not retry, in the middle, fails the apply
 * without losing anything, and a rerun converges. (Faults it retries are in
 * provider-retries.test.ts.)
 */
import * as path from "path";
import type { Account, CallRecord } from "../../emulator/account";
import { CERTS, expectOk, oneStackApp, stateIds, Workspace } from "./harness";

const APP = oneStackApp(
  "svc",
  `
const ca = new CaCertificate(stack, "ClientCa", {
  caCertificate: fs.readFileSync(process.env.CA_FILE!, "utf8"),
  caCertificateName: "svc-client-ca",
});
const lb = new SlbLoadBalancer(stack, "LoadBalancer", { loadBalancerName: "svc", addressType: "internet", loadBalancerSpec: "slb.s1.small" });
const cert = new SlbServerCertificate(stack, "ServerCertificate", {
  name: "svc-server",
  serverCertificate: fs.readFileSync(${JSON.stringify(path.join(CERTS, "server.pem"))}, "utf8"),
  privateKey: fs.readFileSync(${JSON.stringify(path.join(CERTS, "server.key"))}, "utf8"),
});
new SlbListener(stack, "Https", {
  loadBalancerId: lb.id, protocol: "https", frontendPort: 443, backendPort: 80, bandwidth: -1,
  serverCertificateId: cert.id, caCertificateId: ca.caCertificateId,
});
`,
);

const CA1 = path.join(CERTS, "sample-root-ca.pem");
const CA2 = path.join(CERTS, "sample-root-ca-2.pem");

/** Successful calls that change something (not Describe…, not List…), after the first `from` calls. */
function changes(account: Account, from: number): CallRecord[] {
  return account.calls.slice(from).filter((c) => c.result === "Success" && !/^(Describe|List)/.test(c.action));
}

/** Account and state agree: the same CA certificates (current and deposed) and the same listener CA. */
function expectConsistent(ws: Workspace): void {
  const account = ws.account();
  const state = ws.state("svc");
  expect(stateIds(state, "alicloud_slb_ca_certificate").sort()).toEqual(account.caCertificates.map((c) => c.CACertificateId).sort());
  const listener = state.resources.find((r) => r.type === "alicloud_slb_listener")!.instances[0].attributes;
  expect(listener.ca_certificate_id).toBe(account.listeners[0].CACertificateId);
}

describe("same-stack rotation", () => {
  let ws: Workspace;
  beforeAll(() => {
    ws = new Workspace("rotation", APP);
    ws.synth({ CA_FILE: CA1 });
    ws.init("svc");
    const first = ws.apply("svc");
    if (first.status !== 0) throw new Error(first.output);
  });
  afterAll(() => ws.remove());

  test("one apply uploads the new CA, repoints the listener, then deletes the old CA", () => {
    const before = ws.account();
    const oldId = before.caCertificates[0].CACertificateId;
    ws.synth({ CA_FILE: CA2 });
    const apply = ws.apply("svc");
    expectOk(apply);
    expect(apply.output).toContain("1 added, 1 changed, 1 destroyed");

    const after = ws.account();
    expect(after.caCertificates).toHaveLength(1);
    const newId = after.caCertificates[0].CACertificateId;
    expect(newId).not.toBe(oldId);
    // The listener always had a CA: the new one exists before the listener points at it,
    // and the old one goes only once nothing uses it.
    expect(changes(after, before.calls.length).map((c) => [c.action, c.params.CACertificateId ?? null])).toEqual([
      ["UploadCACertificate", null],
      ["SetLoadBalancerHTTPSListenerAttribute", newId],
      ["DeleteCACertificate", oldId],
    ]);
    expect(after.listeners[0].CACertificateId).toBe(newId);
    expect(ws.plan("svc").status).toBe(0);
  });

  test("a fault while repointing the listener fails the apply; nothing is lost, and a rerun converges", () => {
    const before = ws.account();
    const oldId = before.caCertificates[0].CACertificateId;
    ws.synth({ CA_FILE: CA1 });
    const fault = { SLB_EMULATOR_FAIL: "SetLoadBalancerHTTPSListenerAttribute:1" };
    const failed = ws.apply("svc", fault);
    expect(failed.status).toBe(1);
    expect(failed.output).toContain("ServiceUnavailable");

    // Both certificates stand, the listener still uses the old one, and the state says so.
    const mid = ws.account();
    expect(mid.caCertificates.map((c) => c.CACertificateId)).toContain(oldId);
    expect(mid.caCertificates).toHaveLength(2);
    expect(mid.listeners[0].CACertificateId).toBe(oldId);
    expectConsistent(ws);

    // The same command again, the fault gone (a rule counts per run: left set, it would fail this run too).
    const rerun = ws.apply("svc");
    expectOk(rerun);
    const after = ws.account();
    expect(after.caCertificates).toHaveLength(1);
    expect(after.caCertificates[0].CACertificateId).not.toBe(oldId);
    expect(after.listeners[0].CACertificateId).toBe(after.caCertificates[0].CACertificateId);
    expectConsistent(ws);
    expect(ws.plan("svc").status).toBe(0);
  });

  test("a refusal the provider does not retry, deleting the old CA, leaves it deposed; a rerun deletes it", () => {
    const oldId = ws.account().caCertificates[0].CACertificateId;
    const from = ws.account().calls.length;
    ws.synth({ CA_FILE: CA2 });
    // What SLB answers while a listener still holds the certificate: Delete does not retry it.
    const failed = ws.apply("svc", { SLB_EMULATOR_FAIL: "DeleteCACertificate:1:CertificateAndPrivateKeyIsRefered" });
    expect(failed.status).toBe(1);
    expect(failed.output).toContain("DeleteCACertificate failed: CertificateAndPrivateKeyIsRefered");
    const deletes = ws
      .account()
      .calls.slice(from)
      .filter((c) => c.action === "DeleteCACertificate");
    expect(deletes.map((c) => c.result)).toEqual(["CertificateAndPrivateKeyIsRefered"]);
    const mid = ws.account();
    expect(mid.caCertificates).toHaveLength(2);
    expect(mid.listeners[0].CACertificateId).not.toBe(oldId);
    expectConsistent(ws);
    const deposed = ws
      .state("svc")
      .resources.find((r) => r.type === "alicloud_slb_ca_certificate")!
      .instances.filter((i) => i.deposed);
    expect(deposed.map((i) => i.attributes.id)).toEqual([oldId]);

    const rerun = ws.apply("svc");
    expect(rerun.status).toBe(0);
    expect(ws.account().caCertificates.map((c) => c.CACertificateId)).not.toContain(oldId);
    expectConsistent(ws);
    expect(ws.plan("svc").status).toBe(0);
  });
});
