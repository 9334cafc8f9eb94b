/**
 * The example app with its state in OSS (STATE_OSS_BUCKET, as a team's real
 * pipeline runs it) deploys against the local cloud: slb-local-cloud keeps
 * both stacks' OSS state in local files beside the account, says so in one
 * line, and edge's cross-stack read of pki's OSS state reads that file
 * (local-cloud/local-state.ts). No OSS request could succeed here (no network,
 * no credentials): a deploy that reached OSS would fail at `terraform init`.
 * About a minute (two stacks deployed, then destroyed).
 */
import * as fs from "fs";
import * as path from "path";
import { expectOk, Workspace } from "./harness";

describe("the example app with OSS state, deployed against the local cloud", () => {
  let ws: Workspace;
  const OSS = { STATE_OSS_BUCKET: "team-state", STATE_OSS_PREFIX: "teams/pki" };
  beforeAll(() => {
    ws = new Workspace("oss-state");
  });
  afterAll(() => ws.remove());

  test("deploys both stacks with their OSS state kept in the account's state folder, and edge reads pki's from there", () => {
    const deploy = ws.localCloud(["deploy"], OSS);
    expectOk(deploy);
    expect(deploy.output).toContain("OSS state of edge, pki kept in account.state/oss/ instead: a local deploy never writes to OSS");
    const stateOf = (stack: string) => path.join(ws.stateDir(), "oss", "team-state", "teams", "pki", stack, "terraform.tfstate");
    const pki = JSON.parse(fs.readFileSync(stateOf("pki"), "utf8"));
    const [ca] = ws.account().caCertificates;
    expect(pki.resources.find((r: { type: string }) => r.type === "alicloud_slb_ca_certificate").instances[0].attributes.id).toBe(ca.CACertificateId);
    expect(fs.existsSync(stateOf("edge"))).toBe(true);
    // The cross-stack reference, through pki's (redirected) OSS state: the listener trusts pki's CA.
    expect(ws.account().listeners.map((l) => l.CACertificateId)).toEqual([ca.CACertificateId]);
    expect(fs.readdirSync(ws.dir).filter((f) => f === "cdktf.out" || f.includes("tfstate"))).toEqual([]);
  });

  test("destroys them again through the same local files", () => {
    expectOk(ws.localCloud(["destroy"], OSS));
    expect(ws.account()).toMatchObject({ caCertificates: [], serverCertificates: [], loadBalancers: [], listeners: [] });
  });
});
