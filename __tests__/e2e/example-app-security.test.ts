/**
 * The example app deployed as the security review (issue 22) asks, one story
 * on one account, so that three findings cost three deploys:
 * - local state is written mode 600, even a state file found 644;
 * - a certificate uploaded by hand under the construct's own name is named as
 *   an orphan by the next deploy (CACertificate.Orphan);
 * - the server key is rotated in one deploy: edge's SlbServerCertificate is
 *   replaced create-before-destroy (upload, repoint the listener, delete).
 * Each with its control: terraform alone writes 644; without
 * create-before-destroy the rotation fails with CertificateAndPrivateKeyIsRefered.
 * The one-stack orphan scenarios (rotation, deposed, lost state, off) are in orphans.test.ts.
 */
import * as fs from "fs";
import * as path from "path";
import { CERTS, expectOk, oneStackApp, paste, PROJECT, RunResult, TerraformState, Workspace } from "./harness";

const modeOf = (file: string) => fs.statSync(file).mode & 0o777;

/** What Terraform prints when a check fails or cannot be decided; neither may appear without an orphan. */
const CHECK_WARNINGS = /CACertificate\.Orphan|Check block assertion/;

/** The IDs the orphan warnings of a run name, in order (Terraform wraps the message: its lines are joined first). */
function orphansNamed(run: RunResult): string[] {
  const text = run.output.replace(/\n\s*/g, " ");
  return [...text.matchAll(/CACertificate\.Orphan: \[[^\]]+\] SLB holds CA certificate (\S+) named/g)].map((m) => m[1]);
}

/** The second server certificate and its own key (scripts/generate-security-fixtures.sh). */
const ROTATED = path.join(PROJECT, "__tests__", "fixtures", "security");
const ROTATED_ENV = {
  SERVER_CERTIFICATE_FILE: path.join(ROTATED, "server-rotated.pem"),
  TF_VAR_server_private_key: fs.readFileSync(path.join(ROTATED, "server-rotated.key"), "utf8"),
};

describe("the example app, deployed as the security review asks", () => {
  let ws: Workspace;
  let firstDeploy: RunResult;
  /** The orphan warning's state rm command, pasted by the last test. */
  let stateRm = "";
  beforeAll(() => {
    ws = new Workspace("example-security");
    firstDeploy = ws.localCloud(["deploy"]);
  });
  afterAll(() => ws.remove());

  // A local deploy keeps each stack's state beside the account (local-cloud/local-state.ts).
  const stateFiles = () => ["pki", "edge"].map((stack) => path.join(ws.stateDir(), `terraform.${stack}.tfstate`));

  test("a first deploy writes each stack's local state 600 (edge's holds the server key in plain text) and names no orphan", () => {
    expectOk(firstDeploy);
    expect(stateFiles().map(modeOf)).toEqual([0o600, 0o600]);
    expect(fs.readFileSync(stateFiles()[1], "utf8")).toContain("PRIVATE KEY");
    expect(firstDeploy.output).not.toMatch(CHECK_WARNINGS);
  });

  test("a certificate uploaded by hand under the construct's own name: the next deploy names its ID as one that may be an orphan, not the one in state", () => {
    const [inState] = ws.account().caCertificates;
    const upload = ws.localCloud(["upload-ca", path.join(CERTS, "sample-root-ca.pem"), "--name", inState.CACertificateName]);
    expectOk(upload);
    const orphan = upload.output.trim();
    expect(orphan).not.toBe(inState.CACertificateId);
    // For the next test: state files as terraform run by hand would have left them.
    for (const file of stateFiles()) fs.chmodSync(file, 0o644);

    const deploy = ws.localCloud(["deploy"]);
    expectOk(deploy);
    expect(orphansNamed(deploy)).toEqual([orphan]);
    const message = deploy.output.replace(/\n\s*/g, " ");
    expect(message).toContain(
      `named "${inState.CACertificateName}" in this region and resource group, and this stack's state holds ${inState.CACertificateId}: it may be an orphan.`,
    );
    expect(message).toContain(`delete it (aliyun slb DeleteCACertificate --RegionId cn-hangzhou --CACertificateId ${orphan})`);
    // Pasteable as cdktf prints it: the address is not followed by the construct path cdktf appends to addresses it finds whole.
    // The folder is where this local deploy ran pki (local-cloud/places.ts): the app's cdktf.out is the real cloud's.
    const command = new RegExp(
      `: run (terraform -chdir='[^']*/\\.local-cloud/out/cdktf\\.out/stacks/pki' state rm "alicloud_slb_ca_certificate"\\."ClientCa_[0-9A-F]+"), set importFrom: "${orphan}" on pki/ClientCa,`,
    );
    expect(message).toMatch(command);
    stateRm = command.exec(message)![1];
    // A warning, not a change: the orphan is left alone, and a plan still says "no changes" (exit 0).
    expect(
      ws
        .account()
        .caCertificates.map((c) => c.CACertificateId)
        .sort(),
    ).toEqual([inState.CACertificateId, orphan].sort());
    const plan = ws.plan("pki");
    expect(plan.status).toBe(0);
    expect(orphansNamed(plan)).toEqual([orphan]);
  });

  test("that deploy left every state file 600, though it found them 644, and the backups terraform made 600 too", () => {
    expect(stateFiles().map(modeOf)).toEqual([0o600, 0o600]);
    // Terraform backs a state up when it writes it again (pki's: its data sources are read anew).
    const backups = stateFiles()
      .map((file) => `${file}.backup`)
      .filter((file) => fs.existsSync(file));
    expect(backups).toContain(`${stateFiles()[0]}.backup`);
    expect(backups.map(modeOf)).toEqual(backups.map(() => 0o600));
  });

  test("once the orphan is deleted, the plan names none", () => {
    const [, orphan] = ws.account().caCertificates;
    expectOk(ws.localCloud(["delete", orphan.CACertificateId]));
    const plan = ws.plan("pki");
    expect(plan.status).toBe(0);
    expect(plan.output).not.toMatch(CHECK_WARNINGS);
  });

  test("a new server key in one deploy: the new certificate is uploaded, the listener repointed, then the old one deleted; a plan after it is empty", () => {
    const before = ws.account();
    const [old] = before.serverCertificates;
    expectOk(ws.localCloud(["deploy"], ROTATED_ENV));

    const after = ws.account();
    expect(after.serverCertificates).toHaveLength(1);
    const [rotated] = after.serverCertificates;
    expect(rotated.ServerCertificateId).not.toBe(old.ServerCertificateId);
    expect(after.listeners[0].ServerCertificateId).toBe(rotated.ServerCertificateId);
    const changes = after.calls
      .slice(before.calls.length)
      .filter((c) => c.result === "Success" && /^(Upload|Delete)ServerCertificate$|^SetLoadBalancerHTTPSListenerAttribute$/.test(c.action));
    expect(changes.map((c) => [c.action, c.params.ServerCertificateId ?? null])).toEqual([
      ["UploadServerCertificate", null],
      ["SetLoadBalancerHTTPSListenerAttribute", rotated.ServerCertificateId],
      ["DeleteServerCertificate", old.ServerCertificateId],
    ]);
    expect(ws.plan("edge", ROTATED_ENV).status).toBe(0);
  });

  test("the orphan warning's state rm, pasted in the app's folder, takes the certificate out of the state the local deploy keeps, and needs no cdktf.out", () => {
    expectOk(paste(ws, stateRm, ws.dir));
    const pki = JSON.parse(fs.readFileSync(stateFiles()[0], "utf8")) as TerraformState;
    expect(pki.resources.filter((r) => r.type === "alicloud_slb_ca_certificate")).toEqual([]);
    expect(pki.resources.length).toBeGreaterThan(0);
    // Nothing was read or written where a real deploy keeps its stacks and state.
    expect(fs.existsSync(path.join(ws.dir, "cdktf.out"))).toBe(false);
    expect(fs.existsSync(path.join(ws.dir, "terraform.pki.tfstate"))).toBe(false);
  });
});

describe("the controls: the checks above can fail", () => {
  const SERVER_APP = oneStackApp(
    "svc",
    `
const lb = new SlbLoadBalancer(stack, "LoadBalancer", { loadBalancerName: "svc", addressType: "internet", loadBalancerSpec: "slb.s1.small" });
const cert = new SlbServerCertificate(stack, "ServerCertificate", {
  name: "svc-server",
  serverCertificate: fs.readFileSync(process.env.SERVER_CERTIFICATE_FILE!, "utf8"),
  privateKey: process.env.TF_VAR_server_private_key!,
});
new SlbListener(stack, "Https", { loadBalancerId: lb.id, protocol: "https", frontendPort: 443, backendPort: 80, bandwidth: -1, serverCertificateId: cert.id });
`,
  );
  let ws: Workspace;
  beforeAll(() => {
    ws = new Workspace("example-security-controls", SERVER_APP);
    ws.synth({ SERVER_CERTIFICATE_FILE: path.join(CERTS, "server.pem") });
    ws.init("svc");
  });
  afterAll(() => ws.remove());

  test("terraform alone, as a user runs it, writes state 644 here", () => {
    expectOk(ws.apply("svc"));
    expect(modeOf(path.join(ws.dir, "terraform.svc.tfstate"))).toBe(0o644);
  });

  test("a server certificate without create-before-destroy cannot be rotated: CertificateAndPrivateKeyIsRefered, as the review found", () => {
    ws.synth(ROTATED_ENV);
    const apply = ws.apply("svc");
    expect(apply.status).toBe(1);
    expect(apply.output).toContain("CertificateAndPrivateKeyIsRefered");
  });
});
