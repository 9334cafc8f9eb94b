import { TerraformStack, TerraformVariable } from "cdktf";
import { Construct } from "constructs";
import { AlicloudProvider } from "../.gen/providers/alicloud/provider";
import { SlbListener } from "../.gen/providers/alicloud/slb-listener";
import { SlbLoadBalancer } from "../.gen/providers/alicloud/slb-load-balancer";
import { SlbServerCertificate } from "../.gen/providers/alicloud/slb-server-certificate";
import { ICaCertificate, PemFile } from "../constructs";
import { addBackend } from "./backend";
import { AppConfig } from "./config";

/** A team's stack: an internet-facing CLB whose HTTPS listener demands client certificates. */
export class EdgeStack extends TerraformStack {
  public readonly listener: SlbListener;

  constructor(scope: Construct, id: string, config: AppConfig, clientCa: ICaCertificate) {
    super(scope, id);
    addBackend(this, config.ossState);
    new AlicloudProvider(this, "alicloud", { region: config.region });

    // The one secret here. It never enters the synthesized JSON: supply it at
    // deploy from a secret store, e.g. TF_VAR_server_private_key="$(vault read ...)".
    const serverKey = new TerraformVariable(this, "server_private_key", {
      type: "string",
      sensitive: true,
      description: "PEM private key of the HTTPS listener's server certificate",
    });
    const serverCertificate = new SlbServerCertificate(this, "ServerCertificate", {
      name: "edge-example-com",
      serverCertificate: PemFile.read(config.serverCertificateFile),
      privateKey: serverKey.stringValue,
      // A new key or certificate replaces it, and SLB refuses to delete one a listener
      // uses (CertificateAndPrivateKeyIsRefered): upload the new one, repoint, then delete.
      lifecycle: { createBeforeDestroy: true },
    });
    const loadBalancer = new SlbLoadBalancer(this, "LoadBalancer", {
      loadBalancerName: "edge",
      addressType: "internet",
      loadBalancerSpec: "slb.s1.small",
      internetChargeType: "PayByTraffic",
    });
    this.listener = new SlbListener(this, "Https", {
      loadBalancerId: loadBalancer.id,
      protocol: "https",
      frontendPort: 443,
      backendPort: 80,
      bandwidth: -1,
      serverCertificateId: serverCertificate.id,
      // Two-way authentication: only clients with a certificate issued by this CA get in.
      caCertificateId: clientCa.caCertificateId,
      tlsCipherPolicy: "tls_cipher_policy_1_2_strict",
    });
  }
}
