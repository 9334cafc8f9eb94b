// Another team's app, in a repository (here, a folder) of its own: its listener
// trusts the CA that the first app's "pki" stack uploaded, read from pki's state.
import { LocalBackend, TerraformOutput, TerraformStack, TerraformVariable } from "cdktf";
import { AtomicApp, CaCertificate, PemFile } from "cdktf-alicloud-slb-ca-certificate";
import { AlicloudProvider, SlbListener, SlbLoadBalancer, SlbServerCertificate } from "cdktf-alicloud-slb-ca-certificate/alicloud";

AtomicApp.printUserErrorsCleanly();
const app = new AtomicApp();
const payments = new TerraformStack(app, "payments");
new LocalBackend(payments, { path: "../../../terraform.payments.tfstate" });
new AlicloudProvider(payments, "alicloud", { region: process.env.ALICLOUD_REGION || "cn-hangzhou" });

// pki's state: a path relative to this stack's working directory, consumer/cdktf.out/stacks/payments.
// With OSS state: { oss: new OssState({ bucket, prefix }).remoteStateOf("pki") }.
const clientCa = CaCertificate.fromRemoteState(payments, "ClientCa", { certificatePath: "ClientCa", local: { path: "../../../../terraform.pki.tfstate" } });

const serverKey = new TerraformVariable(payments, "server_private_key", { type: "string", sensitive: true });
const serverCertificate = new SlbServerCertificate(payments, "ServerCertificate", {
  name: "payments-example-com",
  serverCertificate: PemFile.read("../certs/server.pem"),
  privateKey: serverKey.stringValue,
});
const loadBalancer = new SlbLoadBalancer(payments, "LoadBalancer", { loadBalancerName: "payments", addressType: "internet", loadBalancerSpec: "slb.s1.small" });
new SlbListener(payments, "Https", {
  loadBalancerId: loadBalancer.id,
  protocol: "https",
  frontendPort: 443,
  backendPort: 80,
  bandwidth: -1,
  serverCertificateId: serverCertificate.id,
  caCertificateId: clientCa.caCertificateId,
});
new TerraformOutput(payments, "client_ca_fingerprint", { value: clientCa.fingerprint });

app.synth();
