/**
 * The scenario apps: one stack, the provider in ALICLOUD_REGION (default
 * cn-hangzhou), every resource tagged with the run's RUN_TAG_KEY. A scenario
 * gives the stack's body; variables it reads at synth come from the env of
 * `ws.synth(env)`.
 */
import * as path from "path";
import { CERTS } from "../harness";
import { RUN_TAG_KEY, STACK } from "./context";

export const CA1 = path.join(CERTS, "sample-root-ca.pem");
export const CA2 = path.join(CERTS, "sample-root-ca-2.pem");

/** main.ts of a scenario app; `body` sees `stack`, `provider`, `fs`, `RUN_TAGS` and the binding classes. */
export function scenarioApp(body: string): string {
  return `import * as fs from "fs";
import { App, LocalBackend, TerraformOutput, TerraformStack } from "cdktf";
import { AlicloudProvider } from "./.gen/providers/alicloud/provider";
import { DataAlicloudSlbCaCertificates } from "./.gen/providers/alicloud/data-alicloud-slb-ca-certificates";
import { SlbListener } from "./.gen/providers/alicloud/slb-listener";
import { SlbLoadBalancer } from "./.gen/providers/alicloud/slb-load-balancer";
import { SlbServerCertificate } from "./.gen/providers/alicloud/slb-server-certificate";
import { CaCertificate } from "./constructs";

const RUN_TAGS: Record<string, string> = { ${JSON.stringify(RUN_TAG_KEY)}: process.env.ACCEPTANCE_RUN_ID ?? "unset" };
const app = new App();
const stack = new TerraformStack(app, ${JSON.stringify(STACK)});
new LocalBackend(stack, { path: "../../../terraform.${STACK}.tfstate" });
const provider = new AlicloudProvider(stack, "alicloud", { region: process.env.ALICLOUD_REGION || "cn-hangzhou" });
void provider;
void TerraformOutput;
void DataAlicloudSlbCaCertificates;
${body}
app.synth();
`;
}

/**
 * A pay-as-you-go CLB instance with a server certificate and an HTTPS listener
 * on 443 that trusts `caId` (an expression of the body), all tagged.
 */
export function httpsListenerOn(caId: string): string {
  return `
const lb = new SlbLoadBalancer(stack, "LoadBalancer", {
  loadBalancerName: "acceptance", addressType: "internet", loadBalancerSpec: "slb.s1.small", tags: RUN_TAGS,
});
const cert = new SlbServerCertificate(stack, "ServerCertificate", {
  name: "acceptance-server",
  serverCertificate: fs.readFileSync(${JSON.stringify(path.join(CERTS, "server.pem"))}, "utf8"),
  privateKey: fs.readFileSync(${JSON.stringify(path.join(CERTS, "server.key"))}, "utf8"),
  tags: RUN_TAGS,
});
new SlbListener(stack, "Https", {
  loadBalancerId: lb.id, protocol: "https", frontendPort: 443, backendPort: 80, bandwidth: -1,
  serverCertificateId: cert.id, caCertificateId: ${caId},
});
`;
}
