/**
 * A test app: three good CA certificates in two stacks, plus one defect chosen
 * by MIXED_APP_DEFECT: "certificate" (a leaf, refused by the constructor),
 * "key" (a certificate followed by its private key), "provider" (a stack with
 * no alicloud provider, refused by a synth-time validation), or none.
 * MIXED_APP_FIRST_REGION changes the good first stack, so that a run which
 * rewrote it would show; MIXED_APP_PLAIN=1 uses cdktf's plain App, as a control.
 */
import * as fs from "fs";
import * as path from "path";
import { App, TerraformStack } from "cdktf";
import { AlicloudProvider } from "../../.gen/providers/alicloud/provider";
import { AtomicApp, CaCertificate } from "../../constructs";

const fixtures = path.join(__dirname, "..", "fixtures");
const pem = (name: string) => fs.readFileSync(path.join(fixtures, name), "utf8");
const defect = process.env.MIXED_APP_DEFECT ?? "";

if (process.env.MIXED_APP_PLAIN !== "1") AtomicApp.printUserErrorsCleanly();
const app = process.env.MIXED_APP_PLAIN === "1" ? new App() : new AtomicApp();
const first = new TerraformStack(app, "first");
new AlicloudProvider(first, "alicloud", { region: process.env.MIXED_APP_FIRST_REGION ?? "cn-hangzhou" });
new CaCertificate(first, "RootA", { caCertificate: pem("root-rsa2048.pem") });
new CaCertificate(first, "RootB", { caCertificate: pem("root-rsa4096.pem") });

const second = new TerraformStack(app, "second");
if (defect !== "provider") new AlicloudProvider(second, "alicloud", { region: "cn-beijing" });
new CaCertificate(second, "Intermediate", { caCertificate: pem("intermediate-rsa2048.pem") });
if (defect === "certificate") new CaCertificate(second, "Leaf", { caCertificate: pem("leaf.pem") });
if (defect === "key") new CaCertificate(second, "WithKey", { caCertificate: pem("root-rsa2048.pem") + pem("key-pkcs8.pem") });

app.synth();
