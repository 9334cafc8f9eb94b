/**
 * npm run deploy (here through deploy:local, the same code) writes local
 * Terraform state mode 600: edge's state holds the listener's private key in
 * plain text. Terraform alone writes it 644 under the usual umask.
 */
import * as fs from "fs";
import * as path from "path";
import { CERTS, expectOk, oneStackApp, Workspace } from "./harness";

const modeOf = (file: string) => fs.statSync(file).mode & 0o777;

describe("local state written by npm run deploy", () => {
  let ws: Workspace;
  beforeAll(() => {
    ws = new Workspace("state-mode");
  });
  afterAll(() => ws.remove());

  const stateFiles = () => ["pki", "edge"].map((stack) => path.join(ws.dir, `terraform.${stack}.tfstate`));

  test("a first deploy writes each stack's state 600; edge's holds the server key", () => {
    expectOk(ws.script("deploy-local.js", ["deploy"]));
    expect(stateFiles().map(modeOf)).toEqual([0o600, 0o600]);
    expect(fs.readFileSync(stateFiles()[1], "utf8")).toContain("PRIVATE KEY");
  });

  test("a state file left 644 (by terraform run by hand) is 600 after the next deploy, and so are the backups terraform makes", () => {
    for (const file of stateFiles()) fs.chmodSync(file, 0o644);
    expectOk(ws.script("deploy-local.js", ["deploy"]));
    expect(stateFiles().map(modeOf)).toEqual([0o600, 0o600]);
    // Terraform backs a state up when it writes it again (pki's: its data sources are read anew).
    const backups = stateFiles()
      .map((file) => `${file}.backup`)
      .filter((file) => fs.existsSync(file));
    expect(backups).toContain(`${stateFiles()[0]}.backup`);
    expect(backups.map(modeOf)).toEqual(backups.map(() => 0o600));
  });

  test("the control: terraform alone, as a user runs it, writes state 644 here (so the checks above can fail)", () => {
    const plain = new Workspace(
      "state-mode-plain",
      oneStackApp(
        "svc",
        `new CaCertificate(stack, "ClientCa", { caCertificate: fs.readFileSync(${JSON.stringify(path.join(CERTS, "sample-root-ca.pem"))}, "utf8") });`,
      ),
    );
    try {
      plain.synth();
      plain.init("svc");
      expectOk(plain.apply("svc"));
      expect(modeOf(path.join(plain.dir, "terraform.svc.tfstate"))).toBe(0o644);
    } finally {
      plain.remove();
    }
  });
});
