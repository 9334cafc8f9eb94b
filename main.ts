import * as fs from "fs";
import * as path from "path";
import { App, TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { AlicloudProvider } from "./.gen/providers/alicloud/provider";
import { CaCertificate } from "./constructs";

/** The region to deploy to; ALICLOUD_REGION is the variable the alicloud provider itself reads. */
const region = process.env.ALICLOUD_REGION ?? "cn-hangzhou";
/** The CA that signs the client certificates of mutual TLS; point CA_CERTIFICATE_FILE at your own. */
const caFile = process.env.CA_CERTIFICATE_FILE ?? path.join(__dirname, "examples", "certs", "sample-root-ca.pem");

class PkiStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new AlicloudProvider(this, "alicloud", { region });
    new CaCertificate(this, "ClientCa", {
      caCertificate: fs.readFileSync(caFile, "utf8"),
      caCertificateName: "example-client-ca",
      tags: { owner: "platform-team", purpose: "mtls-client-ca" },
    });
  }
}

const app = new App();
new PkiStack(app, "pki");
app.synth();
