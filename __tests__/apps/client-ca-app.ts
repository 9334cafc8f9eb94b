/**
 * A test app: one CaCertificate (the client fixtures' root) given one sample
 * client certificate, the file named by CLIENT_APP_SAMPLE in
 * __tests__/fixtures/clients/.
 */
import * as fs from "fs";
import * as path from "path";
import { App, TerraformStack } from "cdktf";
import { AlicloudProvider } from "../../.gen/providers/alicloud/provider";
import { CaCertificate } from "../../constructs";

const clients = path.join(__dirname, "..", "fixtures", "clients");
const pem = (name: string) => fs.readFileSync(path.join(clients, name), "utf8");

const app = new App();
const stack = new TerraformStack(app, "pki");
new AlicloudProvider(stack, "alicloud", { region: "cn-hangzhou" });
new CaCertificate(stack, "ClientCa", { caCertificate: pem("root.pem"), clientCertificates: [pem(process.env.CLIENT_APP_SAMPLE ?? "client-root.pem")] });
app.synth();
