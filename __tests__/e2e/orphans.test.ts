/**
 * The orphan check (CaCertificate prop orphanCheck, rule CACertificate.Orphan)
 * through the real terraform against the local provider, in a one-stack app: a
 * rotation's old certificate, current or deposed, is never named; a certificate
 * the state lost is named at the end of the next apply; the check costs one
 * DescribeCACertificates per plan. A hand upload named by the example app's
 * next deploy: example-app-security.test.ts. The warning's commands, pasted as a user
 * would, adopt a hand upload; two apps on one account with the same name name
 * each other's certificate only as one that may be an orphan.
 */
import * as path from "path";
import type { Account } from "../../emulator/account";
import { CERTS, expectOk, oneStackApp, paste, RunResult, Workspace } from "./harness";

const CA1 = path.join(CERTS, "sample-root-ca.pem");
const CA2 = path.join(CERTS, "sample-root-ca-2.pem");

/** What Terraform prints when a check fails or cannot be decided; neither may appear without an orphan. */
const CHECK_WARNINGS = /CACertificate\.Orphan|Check block assertion/;

/** The orphan warnings of a run's output: the IDs each names, in order. */
function orphansNamed(run: RunResult): string[] {
  // Terraform wraps the message at 80 columns: join its lines before reading it.
  const text = run.output.replace(/\n\s*/g, " ");
  return [...text.matchAll(/CACertificate\.Orphan: \[[^\]]+\] SLB holds CA certificate (\S+) named/g)].map((m) => m[1]);
}

/** The first orphan warning of a run, its lines joined, from its code to its end. */
function orphanWarning(run: RunResult): string {
  const text = run.output.replace(/\n\s*/g, " ");
  const found = /CACertificate\.Orphan: .*?orphanCheck: false turns it off\./.exec(text);
  if (!found) throw new Error(`no orphan warning in:\n${run.output}`);
  return found[0];
}

/** The part of a warning that `pattern`'s first group matches. */
function pick(warning: string, pattern: RegExp): string {
  const found = pattern.exec(warning);
  if (!found) throw new Error(`${pattern} not in: ${warning}`);
  return found[1];
}

/** DescribeCACertificates calls in the account's log after the first `from` calls. */
function describeCalls(account: Account, from: number): number {
  return account.calls.slice(from).filter((c) => c.action === "DescribeCACertificates").length;
}

const APP = oneStackApp(
  "svc",
  `
const ca = new CaCertificate(stack, "ClientCa", {
  caCertificate: fs.readFileSync(process.env.CA_FILE!, "utf8"),
  caCertificateName: "svc-client-ca",
  uniqueName: process.env.UNIQUE_NAME !== "false",
  orphanCheck: process.env.ORPHAN_CHECK !== "false",
  importFrom: process.env.IMPORT_FROM || undefined,
});
const lb = new SlbLoadBalancer(stack, "LoadBalancer", { loadBalancerName: "svc", addressType: "internet", loadBalancerSpec: "slb.s1.small" });
const cert = new SlbServerCertificate(stack, "ServerCertificate", {
  name: "svc-server",
  serverCertificate: fs.readFileSync(${JSON.stringify(path.join(CERTS, "server.pem"))}, "utf8"),
  privateKey: fs.readFileSync(${JSON.stringify(path.join(CERTS, "server.key"))}, "utf8"),
});
new SlbListener(stack, "Https", {
  loadBalancerId: lb.id, protocol: "https", frontendPort: 443, backendPort: 80, bandwidth: -1,
  serverCertificateId: cert.id, caCertificateId: ca.caCertificateId,
});
`,
);

describe.each([
  ["with the uniqueness suffix (the name changes with the fingerprint)", "true"],
  ["without the uniqueness suffix (the fingerprint tells them apart)", "false"],
])("a rotation %s", (_label, uniqueName) => {
  let ws: Workspace;
  const synth = (caFile: string, env: NodeJS.ProcessEnv = {}) => ws.synth({ CA_FILE: caFile, UNIQUE_NAME: uniqueName, ...env });
  beforeAll(() => {
    ws = new Workspace("orphans-rotation", APP);
    synth(CA1);
    ws.init("svc");
    expectOk(ws.apply("svc"));
  });
  afterAll(() => ws.remove());

  test("one apply that replaces the CA warns neither at plan nor at apply", () => {
    synth(CA2);
    const plan = ws.plan("svc");
    expect(plan.status).toBe(2);
    expect(plan.output).not.toMatch(CHECK_WARNINGS);
    const apply = ws.apply("svc");
    expectOk(apply);
    expect(apply.output).toContain("1 added, 1 changed, 1 destroyed");
    expect(apply.output).not.toMatch(CHECK_WARNINGS);
  });

  test("the old CA left deposed by a failed delete is no orphan, at plan or when the next apply deletes it", () => {
    synth(CA1);
    const failed = ws.apply("svc", { SLB_EMULATOR_FAIL: "DeleteCACertificate:1:CertificateAndPrivateKeyIsRefered" });
    expect(failed.status).toBe(1);
    expect(failed.output).not.toMatch(CHECK_WARNINGS);
    const deposed = ws
      .state("svc")
      .resources.find((r) => r.type === "alicloud_slb_ca_certificate")!
      .instances.filter((i) => i.deposed);
    expect(deposed).toHaveLength(1);
    expect(ws.account().caCertificates).toHaveLength(2);

    const plan = ws.plan("svc");
    expect(plan.status).toBe(2);
    expect(plan.output).not.toMatch(CHECK_WARNINGS);
    const rerun = ws.apply("svc");
    expectOk(rerun);
    expect(rerun.output).not.toMatch(CHECK_WARNINGS);
    expect(ws.account().caCertificates).toHaveLength(1);
  });

  test("a certificate the state lost (as when terraform dies right after the upload) is named at the end of the next apply, then at every plan", () => {
    const [lost] = ws.account().caCertificates;
    const address = ws.state("svc").resources.find((r) => r.type === "alicloud_slb_ca_certificate")!;
    ws.terraformOk("svc", ["state", "rm", `alicloud_slb_ca_certificate.${address.name}`]);

    // The plan cannot know the new certificate's ID yet; the apply that uploads it can.
    const apply = ws.apply("svc");
    expectOk(apply);
    expect(orphansNamed(apply)).toEqual([lost.CACertificateId]);
    const plan = ws.plan("svc");
    expect(plan.status).toBe(0);
    expect(orphansNamed(plan)).toEqual([lost.CACertificateId]);
    expectOk(ws.localCloud(["delete", lost.CACertificateId]));
  });
});

describe("orphanCheck: false", () => {
  let ws: Workspace;
  beforeAll(() => {
    ws = new Workspace("orphans-off", APP);
    ws.synth({ CA_FILE: CA1 });
    ws.init("svc");
    expectOk(ws.apply("svc"));
  });
  afterAll(() => ws.remove());

  test("costs one DescribeCACertificates call per plan when on, none when off; off, it says nothing of an orphan", () => {
    const [inState] = ws.account().caCertificates;
    const orphan = ws.localCloud(["upload-ca", CA1, "--name", inState.CACertificateName]).output.trim();

    const before = ws.account().calls.length;
    const on = ws.plan("svc");
    const callsOn = describeCalls(ws.account(), before);
    expect(orphansNamed(on)).toEqual([orphan]);

    ws.synth({ CA_FILE: CA1, ORPHAN_CHECK: "false" });
    const middle = ws.account().calls.length;
    const off = ws.plan("svc");
    expect(off.status).toBe(0);
    expect(off.output).not.toMatch(CHECK_WARNINGS);
    expect(callsOn - describeCalls(ws.account(), middle)).toBe(1);
  });
});

describe("a lost response (SLB_EMULATOR_FAIL ...:lost): the upload took effect, the provider got an error and uploaded again", () => {
  let ws: Workspace;
  beforeAll(() => {
    ws = new Workspace("orphans-lost", APP);
    ws.synth({ CA_FILE: CA1 });
    ws.init("svc");
  });
  afterAll(() => ws.remove());

  test("every plan after the apply that left the real orphan names it (that apply's scan ran before the upload)", () => {
    const apply = ws.apply("svc", { SLB_EMULATOR_FAIL: "UploadCACertificate:1:lost" });
    expectOk(apply);
    const uploads = ws.account().calls.filter((c) => c.action === "UploadCACertificate");
    expect(uploads.map((c) => c.result)).toEqual(["Success", "Success"]);
    const certificates = ws.account().caCertificates;
    expect(certificates).toHaveLength(2);
    expect(new Set(certificates.map((c) => c.CACertificateName)).size).toBe(1);
    const inState = ws.state("svc").resources.find((r) => r.type === "alicloud_slb_ca_certificate")!.instances[0].attributes.id;
    const orphan = certificates.map((c) => c.CACertificateId).find((id) => id !== inState)!;
    // SLB was read at plan, before the upload: this apply cannot know of it yet.
    expect(apply.output).not.toMatch(CHECK_WARNINGS);

    const plan = ws.plan("svc");
    expect(plan.status).toBe(0);
    expect(orphansNamed(plan)).toEqual([orphan]);
  });
});

describe("the warning's commands, pasted", () => {
  let ws: Workspace;
  beforeAll(() => {
    ws = new Workspace("orphans-commands", APP);
    ws.synth({ CA_FILE: CA1 });
    ws.init("svc");
    expectOk(ws.apply("svc"));
  });
  afterAll(() => ws.remove());

  test("a hand upload under the name: state rm and importFrom from the warning adopt it, and the certificate it replaced is named next", () => {
    const [held] = ws.account().caCertificates;
    const orphan = ws.localCloud(["upload-ca", CA1, "--name", held.CACertificateName]).output.trim();
    const plan = ws.plan("svc");
    expect(orphansNamed(plan)).toEqual([orphan]);
    const warning = orphanWarning(plan);
    expect(warning).toContain(`and this stack's state holds ${held.CACertificateId}: it may be an orphan.`);
    // No other state holds it: the "how to tell" command prints nothing here.
    const tell = pick(warning, /(terraform state list -id=\S+) in that stack's folder/);
    expect(tell).toBe(`terraform state list -id=${orphan}`);
    expect(paste(ws, tell, ws.stackDir("svc"))).toEqual({ status: 0, output: "" });
    expect(pick(warning, /\(aliyun slb DeleteCACertificate (--RegionId cn-hangzhou --CACertificateId \S+)\)/)).toBe(
      `--RegionId cn-hangzhou --CACertificateId ${orphan}`,
    );

    const stateRm = pick(warning, /: run (terraform -chdir='[^']+' state rm "[^"]+"\."[^"]+"),/);
    expectOk(paste(ws, stateRm, ws.dir));
    expect(ws.state("svc").resources.filter((r) => r.type === "alicloud_slb_ca_certificate")).toEqual([]);
    const importFrom = pick(warning, /set importFrom: "([^"]+)" on svc\/ClientCa, deploy/);
    expect(importFrom).toBe(orphan);

    ws.synth({ CA_FILE: CA1, IMPORT_FROM: importFrom });
    const adopt = ws.apply("svc");
    expectOk(adopt);
    expect(adopt.output).toContain("1 imported, 0 added");
    expect(ws.state("svc").resources.find((r) => r.type === "alicloud_slb_ca_certificate")!.instances[0].attributes.id).toBe(orphan);
    // What the warning said comes next: the certificate the state held before is the one to delete.
    expect(orphansNamed(adopt)).toEqual([held.CACertificateId]);
    expectOk(ws.localCloud(["delete", held.CACertificateId]));
    const after = ws.plan("svc");
    expect(after.status).toBe(0);
    expect(after.output).not.toMatch(CHECK_WARNINGS);
  });

  test("two hand uploads under the name: the warning names both, says they may be orphans, and its commands, for each ID, show the first", () => {
    const inState = ws.state("svc").resources.find((r) => r.type === "alicloud_slb_ca_certificate")!.instances[0].attributes.id;
    const name = ws.account().caCertificates.find((c) => c.CACertificateId === inState)!.CACertificateName;
    const uploads = [1, 2].map(() => ws.localCloud(["upload-ca", CA1, "--name", name]).output.trim());
    const plan = ws.plan("svc");
    expect(plan.status).toBe(0);
    const warning = orphanWarning(plan);
    const listed = pick(warning, /SLB holds CA certificates (\S+, \S+) named/).split(", ");
    expect([...listed].sort()).toEqual([...uploads].sort());
    expect(warning).toContain(`and this stack's state holds ${inState}: they may be orphans; for each ID (the commands show the first): it is not one if`);
    expect(pick(warning, /(terraform state list -id=\S+) in that stack's folder/)).toBe(`terraform state list -id=${listed[0]}`);
    expect(pick(warning, /--CACertificateId (\S+)\)/)).toBe(listed[0]);
    expect(pick(warning, /set importFrom: "([^"]+)"/)).toBe(listed[0]);
  });
});

describe("two apps on one account with the same name, region and resource group (which no synth can see)", () => {
  let a: Workspace;
  let b: Workspace;
  beforeAll(() => {
    a = new Workspace("orphans-app-a", APP);
    b = new Workspace("orphans-app-b", APP, a.env);
    for (const ws of [a, b]) {
      ws.synth({ CA_FILE: CA1 });
      ws.init("svc");
    }
    expectOk(a.apply("svc"));
  });
  afterAll(() => {
    a.remove();
    b.remove();
  });

  test("each one's certificate is named only as one that may be an orphan, and the warning's own command tells which app holds it", () => {
    const apply = b.apply("svc");
    expectOk(apply);
    const [ofA, ofB] = [a, b].map((ws) => ws.state("svc").resources.find((r) => r.type === "alicloud_slb_ca_certificate")!.instances[0].attributes.id);
    expect(ofA).not.toBe(ofB);
    expect(orphansNamed(apply)).toEqual([ofA]);
    const warning = orphanWarning(apply);
    expect(warning).toContain(`and this stack's state holds ${ofB}: it may be an orphan. It is not one if another stack or app manages it:`);

    const tell = pick(warning, /(terraform state list -id=\S+) in that stack's folder/);
    const inA = paste(b, tell, a.stackDir("svc"));
    expectOk(inA);
    expect(inA.output.trim()).toMatch(/^alicloud_slb_ca_certificate\.ClientCa_[0-9A-F]+$/);
    expect(paste(b, tell, b.stackDir("svc"))).toEqual({ status: 0, output: "" });
    // And the other way round: a's next plan says the same of b's.
    expect(orphansNamed(a.plan("svc"))).toEqual([ofB]);
  });
});
