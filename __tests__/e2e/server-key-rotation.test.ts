/**
 * The example app's server key is rotated in one deploy: edge's
 * SlbServerCertificate is replaced create-before-destroy, so the new one is
 * uploaded, the listener repointed, and only then the old one deleted, which SLB
 * refuses while a listener uses it (CertificateAndPrivateKeyIsRefered). The new
 * pair is __tests__/fixtures/security/server-rotated.{pem,key}
 * (scripts/generate-security-fixtures.sh).
 */
import * as fs from "fs";
import * as path from "path";
import { CERTS, expectOk, oneStackApp, PROJECT, Workspace } from "./harness";

const ROTATED = path.join(PROJECT, "__tests__", "fixtures", "security");
const ROTATED_ENV = {
  SERVER_CERTIFICATE_FILE: path.join(ROTATED, "server-rotated.pem"),
  TF_VAR_server_private_key: fs.readFileSync(path.join(ROTATED, "server-rotated.key"), "utf8"),
};

describe("the example app: a new server key in one deploy", () => {
  let ws: Workspace;
  beforeAll(() => {
    ws = new Workspace("server-key-rotation");
    expectOk(ws.script("deploy-local.js", ["deploy"]));
  });
  afterAll(() => ws.remove());

  test("uploads the new certificate, repoints the listener, then deletes the old one; a plan after it is empty", () => {
    const before = ws.account();
    const [old] = before.serverCertificates;
    const deploy = ws.script("deploy-local.js", ["deploy"], ROTATED_ENV);
    expectOk(deploy);

    const after = ws.account();
    expect(after.serverCertificates).toHaveLength(1);
    const [rotated] = after.serverCertificates;
    expect(rotated.ServerCertificateId).not.toBe(old.ServerCertificateId);
    expect(after.listeners[0].ServerCertificateId).toBe(rotated.ServerCertificateId);
    const changes = after.calls
      .slice(before.calls.length)
      .filter((c) => c.result === "Success" && /^(Upload|Delete)ServerCertificate$|^SetLoadBalancerHTTPSListenerAttribute$/.test(c.action));
    expect(changes.map((c) => [c.action, c.params.ServerCertificateId ?? null])).toEqual([
      ["UploadServerCertificate", null],
      ["SetLoadBalancerHTTPSListenerAttribute", rotated.ServerCertificateId],
      ["DeleteServerCertificate", old.ServerCertificateId],
    ]);
    expect(ws.plan("edge", ROTATED_ENV).status).toBe(0);
  });
});

test("the control: without create-before-destroy the same rotation fails as the review found (CertificateAndPrivateKeyIsRefered)", () => {
  const app = oneStackApp(
    "svc",
    `
const lb = new SlbLoadBalancer(stack, "LoadBalancer", { loadBalancerName: "svc", addressType: "internet", loadBalancerSpec: "slb.s1.small" });
const cert = new SlbServerCertificate(stack, "ServerCertificate", {
  name: "svc-server",
  serverCertificate: fs.readFileSync(process.env.SERVER_CERTIFICATE_FILE!, "utf8"),
  privateKey: process.env.TF_VAR_server_private_key!,
});
new SlbListener(stack, "Https", { loadBalancerId: lb.id, protocol: "https", frontendPort: 443, backendPort: 80, bandwidth: -1, serverCertificateId: cert.id });
`,
  );
  const ws = new Workspace("server-key-rotation-control", app);
  try {
    ws.synth({ SERVER_CERTIFICATE_FILE: path.join(CERTS, "server.pem") });
    ws.init("svc");
    expectOk(ws.apply("svc"));
    ws.synth(ROTATED_ENV);
    const apply = ws.apply("svc");
    expect(apply.status).toBe(1);
    expect(apply.output).toContain("CertificateAndPrivateKeyIsRefered");
  } finally {
    ws.remove();
  }
});
