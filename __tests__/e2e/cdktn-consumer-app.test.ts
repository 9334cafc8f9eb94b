/**
 * A team starts with CDK Terrain: a new cdktn 0.24 app, written from scratch
 * here (package.json, cdktf.json, main.ts; no file of this repository), installs
 * cdktn, cdktn-cli, constructs, Node 22 (the npm package `node`) and tsx from the
 * npm registry and this run's cdktn tarball and local-cloud tarball.
 * `npx cdktn synth` runs on Node 22 (npx puts the app's node_modules/.bin first)
 * and synthesizes a CaCertificate; slb-local-cloud deploys and destroys it
 * through the app's cdktn-cli.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { Account } from "../../emulator/account";
import { readAccount } from "../../emulator/account-file";
import { facts } from "../support/fixtures";
import { ROOT, tarballs } from "../support/packages";
import { outcomes, RUN_TIMEOUT_MS, runCommands, shellEnv, Step, succeeded } from "../support/shell-commands";

const sample = facts("examples/sample-root-ca.pem");

const MAIN = `import * as fs from "fs";
import { App, TerraformStack } from "cdktn";
import { CaCertificate } from "cdktn-alicloud-slb-ca-certificate";
import { AlicloudProvider } from "cdktn-alicloud-slb-ca-certificate/alicloud";

const app = new App();
const stack = new TerraformStack(app, "pki");
new AlicloudProvider(stack, "alicloud", { region: "cn-hangzhou" });
new CaCertificate(stack, "ClientCa", { caCertificate: fs.readFileSync("client-ca.pem", "utf8"), caCertificateName: "client-ca" });
app.synth();
`;

describe("a new CDK Terrain app uses cdktn-alicloud-slb-ca-certificate", () => {
  let work: string;
  let app: string;
  let snapshots: string;
  let steps: Step[];
  let commands: string[];
  const step = (pattern: RegExp) => {
    const index = commands.findIndex((c) => pattern.test(c));
    return { ...steps[index], index };
  };
  const account = (index: number): Account => readAccount(path.join(snapshots, `${index}.account.json`), { calls: false });

  beforeAll(() => {
    const { cdktnLibrary, localCloud } = tarballs();
    work = fs.mkdtempSync(path.join(os.tmpdir(), "cdktn-app-"));
    app = path.join(work, "app");
    snapshots = path.join(work, "snapshots");
    fs.mkdirSync(path.join(work, "home"));
    fs.mkdirSync(app);
    fs.mkdirSync(snapshots);
    fs.writeFileSync(path.join(app, "package.json"), JSON.stringify({ name: "pki-on-cdk-terrain", version: "1.0.0", private: true }, null, 2));
    fs.writeFileSync(
      path.join(app, "cdktf.json"),
      JSON.stringify({ language: "typescript", app: "node --import tsx main.ts", terraformProviders: [] }, null, 2),
    );
    fs.writeFileSync(path.join(app, "main.ts"), MAIN);
    fs.copyFileSync(path.join(ROOT, "examples", "certs", "sample-root-ca.pem"), path.join(app, "client-ca.pem"));
    commands = [
      `npm install ${cdktnLibrary} cdktn@0.24.0 constructs@10.7.2`,
      `npm install --save-dev cdktn-cli@0.24.0 node@22 tsx@^4.20.0 ${localCloud}`,
      "npx cdktn synth",
      "npx slb-local-cloud deploy",
      "npx slb-local-cloud destroy",
    ];
    steps = runCommands(commands, app, shellEnv(path.join(work, "home")), snapshots);
  }, RUN_TIMEOUT_MS);

  afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

  it("every command succeeds, in order", () => {
    expect(outcomes(steps)).toEqual(succeeded(commands));
  });

  it("cdktn synth, on the app's Node 22, writes the CaCertificate's resource and outputs, recorded as cdktn 0.24.0's", () => {
    expect(step(/^npx cdktn synth/).output).toContain("Generated Terraform code for the stacks: pki");
    const stack = JSON.parse(fs.readFileSync(path.join(app, "cdktf.out", "stacks", "pki", "cdk.tf.json"), "utf8"));
    expect(stack["//"].metadata.version).toBe("0.24.0");
    // The construct's name, suffixed with the fingerprint's first 8 hex digits (a rotation's new certificate gets its own).
    const names = Object.values(stack.resource.alicloud_slb_ca_certificate).map((r) => (r as { ca_certificate_name: string }).ca_certificate_name);
    expect(names).toEqual([`client-ca-${sample.sha1.replace(/:/g, "").slice(0, 8)}`]);
    expect(stack.output.ClientCa_fingerprint.value).toBe(sample.sha1);
    const node = path.join(app, "node_modules", ".bin", "node");
    expect(fs.existsSync(node)).toBe(true);
  });

  it("slb-local-cloud deploys it through cdktn-cli (openssl's fingerprint, SLB's ID) and destroys it", () => {
    const deploy = step(/slb-local-cloud deploy/);
    const outputs = JSON.parse(fs.readFileSync(path.join(snapshots, `${deploy.index}.outputs.json`), "utf8"));
    const [ca] = account(deploy.index).caCertificates;
    expect(outputs.pki.ClientCa).toMatchObject({ ClientCa_fingerprint: sample.sha1, ClientCa_ca_certificate_id: ca.CACertificateId });
    expect(account(step(/slb-local-cloud destroy/).index).caCertificates).toEqual([]);
  });
});
