/**
 * Another team adopts the library in its own repository: the README's "Adopt
 * it in your repository" commands, word for word, in a copy of the consumer
 * template (examples/consumer-app/), with this run's tarballs in place of the
 * two package names and everything else from the npm registry (npm's cache in
 * the test run's temporary folder). Run with an empty HOME, which must stay
 * empty (no ~/.terraform.d plugin cache, no npm or cdktf files).
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { facts } from "../support/fixtures";
import { ROOT, tarballs } from "../support/packages";
import { outcomes, RUN_TIMEOUT_MS, runCommands, shellEnv, Step, succeeded } from "../support/shell-commands";
import type { Account } from "../../emulator/account";
import { readAccount } from "../../emulator/account-file";

const TEMPLATE = path.join(ROOT, "examples", "consumer-app");
const README = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
const sample = facts("examples/sample-root-ca.pem");

/** The README's adoption commands, as written. */
function adoptionCommands(): string[] {
  const block = /<!-- adopt:start[^>]*-->\n```sh\n([\s\S]*?)```\n<!-- adopt:end -->/.exec(README);
  if (!block) throw new Error("README.md has no <!-- adopt:start --> ```sh ... ``` <!-- adopt:end --> section");
  return block[1].split("\n").filter((line) => line.trim() !== "" && !line.trim().startsWith("#"));
}

/** The README command with the two package names replaced by this run's tarballs (install lines only). */
function withTarballs(command: string, library: string, localCloud: string): string {
  if (!/^npm install /.test(command)) return command;
  return command
    .split(" ")
    .map((word) => (word === "cdktf-alicloud-slb-ca-certificate" ? library : word === "alicloud-slb-local-cloud" ? localCloud : word))
    .join(" ");
}

/** What is below a folder: each path with its kind, size and link target, for before/after comparisons. */
function listing(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (!fs.existsSync(dir)) return out;
  const walk = (sub: string) => {
    for (const entry of fs.readdirSync(path.join(dir, sub), { withFileTypes: true })) {
      const rel = path.join(sub, entry.name);
      const stat = fs.lstatSync(path.join(dir, rel));
      if (entry.isDirectory()) {
        out[rel] = "dir";
        walk(rel);
      } else out[rel] = entry.isSymbolicLink() ? `-> ${fs.readlinkSync(path.join(dir, rel))}` : `${stat.size} bytes, modified ${stat.mtimeMs}`;
    }
  };
  walk("");
  return out;
}

describe("a team adopts the library in its own repository (README: Adopt it in your repository)", () => {
  let work: string;
  let app: string;
  let home: string;
  let snapshots: string;
  let steps: Step[];
  let commands: string[];
  const stepOf = (pattern: RegExp) => {
    const i = commands.findIndex((c) => pattern.test(c));
    if (i < 0) throw new Error(`no README command matches ${pattern}`);
    return { ...steps[i], index: i };
  };
  // The account as the emulator reads its file (a journal), copied after the command.
  const account = (index: number): Account => readAccount(path.join(snapshots, `${index}.account.json`), { calls: false });
  const run = (command: string, env: NodeJS.ProcessEnv = shellEnv(home)) =>
    spawnSync("bash", ["-c", command], { cwd: app, env, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });

  beforeAll(() => {
    const { library, localCloud } = tarballs();
    work = fs.mkdtempSync(path.join(os.tmpdir(), "consumer-app-"));
    app = path.join(work, "app");
    home = path.join(work, "home");
    snapshots = path.join(work, "snapshots");
    fs.mkdirSync(home);
    fs.mkdirSync(snapshots);
    fs.cpSync(TEMPLATE, app, { recursive: true, dereference: true });
    commands = adoptionCommands().map((c) => withTarballs(c, library, localCloud));
    steps = runCommands(commands, app, shellEnv(home), snapshots);
  }, RUN_TIMEOUT_MS);

  afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

  it("every README command succeeds, in order", () => {
    expect(outcomes(steps)).toEqual(succeeded(commands));
  });

  it("installs the two tarballs and cdktf, constructs and cdktf-cli from the registry, without an install-script warning for either tarball", () => {
    const installs = steps.filter((s) => /^npm install /.test(s.command));
    expect(installs.length).toBe(2);
    const log = installs.map((s) => s.output).join("\n");
    expect(log.split("\n").filter((line) => /warn/i.test(line) && /cdktf-alicloud-slb-ca-certificate|alicloud-slb-local-cloud/.test(line))).toEqual([]);
    const manifest = JSON.parse(fs.readFileSync(path.join(app, "package.json"), "utf8"));
    expect(Object.keys(manifest.dependencies).sort()).toEqual(["cdktf", "cdktf-alicloud-slb-ca-certificate", "constructs"]);
    expect(Object.keys(manifest.devDependencies)).toEqual(expect.arrayContaining(["alicloud-slb-local-cloud", "cdktf-cli"]));
    for (const name of ["cdktf", "constructs", "cdktf-cli"]) expect(manifest.dependencies[name] ?? manifest.devDependencies[name]).toMatch(/^\^?\d/);
  });

  it("the app imports CaCertificate and the SLB bindings from the package, and type-checks; with node10 resolution (TypeScript 5 under cdktf's template) too", () => {
    expect(fs.readFileSync(path.join(app, "main.ts"), "utf8")).toContain('from "cdktf-alicloud-slb-ca-certificate/alicloud"');
    expect(stepOf(/^npx tsc\b/).status).toBe(0);
    // cdktf's template tsconfig ("module": "CommonJS"), with the resolution TypeScript 5 gives it: the subpath through typesVersions.
    const template = JSON.parse(fs.readFileSync(path.join(ROOT, "node_modules", "cdktf-cli", "bundle", "templates", "typescript", "tsconfig.json"), "utf8"));
    const compilerOptions = {
      ...template.compilerOptions,
      moduleResolution: "node10",
      ignoreDeprecations: "6.0",
      incremental: false,
      noEmit: true,
      types: ["node"],
    };
    fs.writeFileSync(path.join(app, "tsconfig.node10.json"), JSON.stringify({ compilerOptions, include: ["main.ts", "consumer/main.ts"] }));
    const node10 = run("npx tsc -p tsconfig.node10.json");
    expect({ status: node10.status, output: `${node10.stdout}${node10.stderr}` }).toEqual({ status: 0, output: "" });
  });

  it("slb-ca check: 0 and openssl's fingerprint for a good CA; 1 naming the code for a leaf", () => {
    const good = stepOf(/^npx slb-ca check /);
    expect(good.status).toBe(0);
    expect(good.output).toContain(`SHA-1        ${sample.sha1}`);
    const leaf = run(`npx slb-ca check ${JSON.stringify(path.join(ROOT, "__tests__", "fixtures", "leaf.pem"))}`);
    expect({ status: leaf.status, stdout: leaf.stdout }).toEqual({ status: 1, stdout: "" });
    expect(leaf.stderr).toMatch(/^REFUSED: .*leaf\.pem: 1 problem:\n {2}- CACertificate\.NotCA: /);
  });

  it("slb-local-cloud deploy deploys the app's stacks; outputs.json carries openssl's fingerprint and SLB's ID", () => {
    const deploy = stepOf(/^npx slb-local-cloud deploy/);
    const outputs = JSON.parse(fs.readFileSync(path.join(snapshots, `${deploy.index}.outputs.json`), "utf8"));
    const [ca] = account(deploy.index).caCertificates;
    expect(outputs.pki.ClientCa.ClientCa_fingerprint).toBe(sample.sha1);
    expect(outputs.pki.ClientCa.ClientCa_ca_certificate_id).toBe(ca.CACertificateId);
    expect(account(deploy.index).listeners.map((l) => l.CACertificateId)).toEqual([ca.CACertificateId]);
    expect(deploy.output).toMatch(/\nDeploy summary:\n {2}pki {3}deployed\n {2}edge {2}deployed\n/);
    // A log fit for CI: no escape codes, each value whole on its line.
    expect(deploy.output.includes("\u001b")).toBe(false);
    expect(deploy.output).toContain(`ClientCa_fingerprint_sha256 = ${sample.sha256}\n`);
  });

  it("the second app reads the certificate through fromRemoteState, and its listener trusts it", () => {
    const second = stepOf(/cd consumer && npx slb-local-cloud deploy/);
    const [ca] = account(second.index).caCertificates;
    expect(account(second.index).listeners.map((l) => l.CACertificateId)).toEqual([ca.CACertificateId, ca.CACertificateId]);
    expect(second.output).toContain(`"client_ca_fingerprint": "${sample.sha1}"`);
  });

  it("the local deploys kept their output and state under .local-cloud/: the apps' folders and slb-ca synth's cdktf.out hold no state, lock file or .terraform", () => {
    const realDeployFiles = (dir: string) => fs.readdirSync(dir).filter((f) => f.includes("tfstate") || f.startsWith(".terraform"));
    expect([...realDeployFiles(app), ...realDeployFiles(path.join(app, "consumer"))]).toEqual([]);
    const synthesized = fs.readdirSync(path.join(app, "cdktf.out"), { recursive: true }).map(String);
    expect(synthesized.filter((f) => /tfstate|\.terraform|outputs\.json/.test(f))).toEqual([]);
    const states = fs.readdirSync(path.join(app, ".local-cloud", "account.state"), { recursive: true }).map(String);
    expect(states.filter((f) => f.endsWith(".tfstate")).sort()).toEqual([
      path.join("consumer", "terraform.payments.tfstate"),
      "terraform.edge.tfstate",
      "terraform.pki.tfstate",
    ]);
  });

  it("slb-ca inventory --fail-within reads the app's inventory", () => {
    const inventory = stepOf(/^npx slb-ca inventory --fail-within/);
    expect(inventory.output).toMatch(new RegExp(`pki/ClientCa +client-ca-[0-9a-f]{8} +cn-hangzhou +${sample.sha1}`));
  });

  it("slb-local-cloud destroy empties the account; the --json outputs parse from the bins", () => {
    const last = steps.length - 1;
    expect(account(last)).toMatchObject({ caCertificates: [], serverCertificates: [], loadBalancers: [], listeners: [] });
    const list = run("npx slb-local-cloud list --json");
    expect(JSON.parse(list.stdout)).toMatchObject({ caCertificates: [], serverCertificates: [], loadBalancers: [], listeners: [] });
    for (const command of [
      "npx slb-local-cloud calls --json",
      "npx slb-local-cloud env --json",
      "npx slb-ca check --json certs/client-ca.pem",
      "npx slb-ca inventory --json",
    ]) {
      const r = run(command);
      expect({ command, status: r.status }).toEqual({ command, status: 0 });
      expect(() => JSON.parse(r.stdout)).not.toThrow();
    }
  });

  it("nothing was written to the (empty) HOME", () => {
    expect(listing(home)).toEqual({});
  });

  it('a team writing HCL deploys through plain terraform against the local provider, after `eval "$(npx slb-local-cloud env)"`', () => {
    const hcl = path.join(app, "hcl");
    fs.mkdirSync(hcl);
    fs.writeFileSync(
      path.join(hcl, "main.tf"),
      [
        'terraform {\n  required_providers {\n    alicloud = { source = "aliyun/alicloud", version = "1.257.0" }\n  }\n}',
        'provider "alicloud" {\n  region = "cn-hangzhou"\n}',
        'resource "alicloud_slb_ca_certificate" "client_ca" {\n  ca_certificate      = file("../certs/client-ca.pem")\n  ca_certificate_name = "hcl-client-ca"\n}',
        'output "id" {\n  value = alicloud_slb_ca_certificate.client_ca.id\n}',
        "",
      ].join("\n\n"),
    );
    const inHcl = (commands: string) => `cd hcl && eval "$(npx slb-local-cloud env)" && ${commands}`;
    const apply = run(inHcl("terraform init -input=false -no-color && terraform apply -auto-approve -input=false -no-color && terraform output -raw id"));
    expect({ status: apply.status, stderr: apply.status === 0 ? "" : apply.stderr }).toEqual({ status: 0, stderr: "" });
    const listed = JSON.parse(run("npx slb-local-cloud list --json").stdout) as Account;
    expect(listed.caCertificates.map((c) => [c.CACertificateId, c.CACertificateName, c.Fingerprint])).toEqual([
      [apply.stdout.split("\n").pop(), "hcl-client-ca", sample.sha1],
    ]);
    expect(run(inHcl("terraform destroy -auto-approve -input=false -no-color")).status).toBe(0);
    expect((JSON.parse(run("npx slb-local-cloud list --json").stdout) as Account).caCertificates).toEqual([]);
    expect(listing(home)).toEqual({});
  });
});
