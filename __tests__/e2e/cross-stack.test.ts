/**
 * Scenario 3: rotation across stacks. The example app's shape (pki owns the
 * CA, edge's listener uses it through a cross-stack reference), with the
 * certificates of pki chosen by the environment so the blue/green steps of
 * docs/rotation.md can be followed: CAS="<construct id>=<pem file>,...", EDGE_USES=<construct id>.
 */
import * as path from "path";
import { CERTS, expectOk, stateIds, Workspace } from "./harness";

const APP = `import * as fs from "fs";
import { App, TerraformStack } from "cdktf";
import { AlicloudProvider } from "./.gen/providers/alicloud/provider";
import { addBackend } from "./app/backend";
import { readConfig } from "./app/config";
import { EdgeStack } from "./app/edge-stack";
import { CaCertificate } from "./constructs";

const config = readConfig();
const app = new App();
const pki = new TerraformStack(app, "pki");
addBackend(pki, undefined);
new AlicloudProvider(pki, "alicloud", { region: config.region });
const cas: Record<string, CaCertificate> = {};
for (const spec of process.env.CAS!.split(",")) {
  const [id, file] = spec.split("=");
  cas[id] = new CaCertificate(pki, id, { caCertificate: fs.readFileSync(file, "utf8"), caCertificateName: id.toLowerCase() });
}
new EdgeStack(app, "edge", config, cas[process.env.EDGE_USES!]);
app.synth();
`;

const CA1 = path.join(CERTS, "sample-root-ca.pem");
const CA2 = path.join(CERTS, "sample-root-ca-2.pem");

describe("rotation across stacks", () => {
  let ws: Workspace;
  const deploy = (stack: string, env: NodeJS.ProcessEnv) => {
    ws.synth(env);
    return ws.apply(stack);
  };

  /** Account and states agree: pki's certificates (current and deposed) are the account's; edge's listener CA is the account's. */
  const expectConsistent = () => {
    const account = ws.account();
    expect(stateIds(ws.state("pki"), "alicloud_slb_ca_certificate").sort()).toEqual(account.caCertificates.map((c) => c.CACertificateId).sort());
    const listener = ws.state("edge").resources.find((r) => r.type === "alicloud_slb_listener")!.instances[0].attributes;
    expect(listener.ca_certificate_id).toBe(account.listeners[0].CACertificateId);
  };

  beforeAll(() => {
    ws = new Workspace("cross-stack", APP);
    ws.synth({ CAS: `ClientCa=${CA1}`, EDGE_USES: "ClientCa" });
    ws.init("pki");
    ws.init("edge");
    expectOk(ws.apply("pki"));
    expectOk(ws.apply("edge"));
  });
  afterAll(() => ws.remove());

  test("a PEM change alone fails the pki deploy with CertificateAndPrivateKeyIsRefered; the old CA and the listener stand", () => {
    const oldId = ws.account().caCertificates[0].CACertificateId;
    const failed = deploy("pki", { CAS: `ClientCa=${CA2}`, EDGE_USES: "ClientCa" });
    expect(failed.status).toBe(1);
    expect(failed.output).toContain("DeleteCACertificate failed: CertificateAndPrivateKeyIsRefered");

    const account = ws.account();
    expect(account.caCertificates.map((c) => c.CACertificateId)).toContain(oldId);
    expect(account.listeners).toHaveLength(1);
    expect(account.listeners[0].CACertificateId).toBe(oldId);
    expectConsistent();
  });

  test("then pointing edge at the new certificate and deploying pki again removes the old one", () => {
    const env = { CAS: `ClientCa=${CA2}`, EDGE_USES: "ClientCa" };
    expectOk(deploy("edge", env));
    const newId = ws.outputs("pki").ClientCa_ca_certificate_id;
    expect(ws.account().listeners[0].CACertificateId).toBe(newId);
    expectOk(deploy("pki", env));
    expect(ws.account().caCertificates.map((c) => c.CACertificateId)).toEqual([newId]);
    expectConsistent();
  });

  test("docs/rotation.md's blue/green steps succeed: add a second certificate, repoint edge, remove the first", () => {
    const firstId = ws.account().caCertificates[0].CACertificateId;
    // 1. The new certificate next to the old one.
    expectOk(deploy("pki", { CAS: `ClientCa=${CA2},ClientCa2026=${CA1}`, EDGE_USES: "ClientCa" }));
    expect(ws.account().caCertificates).toHaveLength(2);
    // 2. The consumer moves. pki is deployed first: cdktf adds the cross-stack output that edge
    //    now reads to pki only once edge references the new certificate (cdktf deploy pki edge).
    const moved = { CAS: `ClientCa=${CA2},ClientCa2026=${CA1}`, EDGE_USES: "ClientCa2026" };
    expectOk(deploy("pki", moved));
    expectOk(deploy("edge", moved));
    const secondId = ws.outputs("pki").ClientCa2026_ca_certificate_id;
    expect(ws.account().listeners[0].CACertificateId).toBe(secondId);
    // 3. The old certificate goes.
    expectOk(deploy("pki", { CAS: `ClientCa2026=${CA1}`, EDGE_USES: "ClientCa2026" }));
    expect(ws.account().caCertificates.map((c) => c.CACertificateId)).toEqual([secondId]);
    expect(secondId).not.toBe(firstId);
    expectConsistent();
    expect(ws.plan("pki").status).toBe(0);
    expect(ws.plan("edge").status).toBe(0);
  });

  test("slb-ca destroy (against the local provider) cleans up every certificate, a deposed one included", () => {
    const env = { CAS: `ClientCa2026=${CA2}`, EDGE_USES: "ClientCa2026" };
    // A PEM change alone again: the old certificate stays behind, deposed.
    expect(deploy("pki", env).status).toBe(1);
    const deposed = ws.state("pki").resources.flatMap((r) => r.instances.filter((i) => i.deposed));
    expect(deposed).toHaveLength(1);

    // The stacks were applied by hand in cdktf.out, with the app's own state: the app's destroy, not slb-local-cloud's (whose state is its own).
    expectOk(ws.slbCa(["destroy"], env));
    const account = ws.account();
    expect([account.caCertificates, account.listeners, account.loadBalancers, account.serverCertificates]).toEqual([[], [], [], []]);
  });
});
