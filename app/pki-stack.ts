import { TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { AlicloudProvider } from "../.gen/providers/alicloud/provider";
import { CaCertificate, PemFile } from "../constructs";
import { addBackend } from "./backend";
import { AppConfig } from "./config";

/** The platform team's stack: owns the client CA that every team's listeners trust. */
export class PkiStack extends TerraformStack {
  public readonly clientCa: CaCertificate;

  constructor(scope: Construct, id: string, config: AppConfig) {
    super(scope, id);
    addBackend(this, config.ossState);
    new AlicloudProvider(this, "alicloud", { region: config.region });
    this.clientCa = new CaCertificate(this, "ClientCa", {
      caCertificate: PemFile.read(config.caCertificateFile),
      caCertificateName: "example-client-ca",
      tags: { owner: "platform-team", purpose: "mtls-client-ca" },
    });
  }
}
