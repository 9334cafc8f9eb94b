// A team's cdktf app: the "pki" stack uploads the client CA, the "edge" stack
// has an HTTPS listener that accepts only clients with a certificate from it.
// The SLB bindings come with the library: no `cdktf get` needed.
import { LocalBackend, TerraformStack, TerraformVariable } from "cdktf";
import { AtomicApp, CaCertificate, CaCertificateInventory, PemFile } from "cdktf-alicloud-slb-ca-certificate";
import { AlicloudProvider, SlbListener, SlbLoadBalancer, SlbServerCertificate } from "cdktf-alicloud-slb-ca-certificate/alicloud";

const region = process.env.ALICLOUD_REGION || "cn-hangzhou";
// A mistake prints as its message alone (exit 1); all stacks or none.
AtomicApp.printUserErrorsCleanly();
const app = new AtomicApp();
// cdktf.out/ca-certificates.json on every synth: `slb-ca inventory --fail-within 30` fails a scheduled job before a CA expires.
CaCertificateInventory.addTo(app);

const pki = new TerraformStack(app, "pki");
// State in a file of the app folder, where another app can read it (fromRemoteState); in a pipeline, use OssState.
new LocalBackend(pki, { path: "../../../terraform.pki.tfstate" });
new AlicloudProvider(pki, "alicloud", { region });
const clientCa = new CaCertificate(pki, "ClientCa", {
  caCertificate: PemFile.read("certs/client-ca.pem"),
  caCertificateName: "client-ca",
  tags: { owner: "platform-team" },
});

const edge = new TerraformStack(app, "edge");
new LocalBackend(edge, { path: "../../../terraform.edge.tfstate" });
new AlicloudProvider(edge, "alicloud", { region });
// The one secret: from the environment at deploy (TF_VAR_server_private_key), never in the synthesized JSON.
const serverKey = new TerraformVariable(edge, "server_private_key", { type: "string", sensitive: true });
const serverCertificate = new SlbServerCertificate(edge, "ServerCertificate", {
  name: "edge-example-com",
  serverCertificate: PemFile.read("certs/server.pem"),
  privateKey: serverKey.stringValue,
});
const loadBalancer = new SlbLoadBalancer(edge, "LoadBalancer", { loadBalancerName: "edge", addressType: "internet", loadBalancerSpec: "slb.s1.small" });
new SlbListener(edge, "Https", {
  loadBalancerId: loadBalancer.id,
  protocol: "https",
  frontendPort: 443,
  backendPort: 80,
  bandwidth: -1,
  serverCertificateId: serverCertificate.id,
  caCertificateId: clientCa.caCertificateId, // two-way authentication: pki's CA, through a cross-stack reference
});

app.synth();
