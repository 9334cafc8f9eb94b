/**
 * The orphan report: what the account holds that no state of the app knows,
 * with the states found as Terraform finds them (the synth's backends, and the
 * deploy scripts' terraform.<stack>.tfstate files), a remote state named as
 * unread, and a state that is not JSON refused in one line.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Account, emptyAccount } from "../../emulator/account";
import { EmulatorConfigError } from "../../emulator/config-error";
import { appStates, findOrphans, orphanReport, orphanReportJson, orphanReportLines, stateIds } from "../../emulator/orphans";

let app: string;
beforeEach(() => {
  app = fs.mkdtempSync(path.join(os.tmpdir(), "slb-orphans-"));
});
afterEach(() => fs.rmSync(app, { recursive: true, force: true }));

function write(relative: string, value: unknown): string {
  const file = path.join(app, relative);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, typeof value === "string" ? value : JSON.stringify(value));
  return file;
}

/** A state as Terraform writes it: managed resources of the alicloud provider, plus a data source and another provider's resource. */
function state(ids: string[], deposed: string[] = []) {
  return {
    version: 4,
    resources: [
      {
        mode: "managed",
        type: "alicloud_slb_ca_certificate",
        name: "ca",
        provider: 'provider["registry.terraform.io/aliyun/alicloud"]',
        instances: [...ids.map((id) => ({ attributes: { id } })), ...deposed.map((id) => ({ attributes: { id }, deposed: "0a1b2c3d" }))],
      },
      {
        mode: "data",
        type: "alicloud_slb_ca_certificates",
        name: "found",
        provider: 'provider["registry.terraform.io/aliyun/alicloud"]',
        instances: [{ attributes: { id: "data-id" } }],
      },
      {
        mode: "managed",
        type: "null_resource",
        name: "n",
        provider: 'provider["registry.terraform.io/hashicorp/null"]',
        instances: [{ attributes: { id: "lb-other" } }],
      },
    ],
  };
}

/** The synth output of three stacks: pki (local, the deploy scripts' path), edge (local, default path), shared (OSS). */
function synthesize(): void {
  write("cdktf.out/manifest.json", {
    stacks: Object.fromEntries(
      ["pki", "edge", "shared"].map((name) => [name, { name, workingDirectory: `stacks/${name}`, synthesizedStackPath: `stacks/${name}/cdk.tf.json` }]),
    ),
  });
  write("cdktf.out/stacks/pki/cdk.tf.json", { terraform: { backend: { local: { path: "../../../terraform.pki.tfstate" } } } });
  write("cdktf.out/stacks/edge/cdk.tf.json", { terraform: {} });
  write("cdktf.out/stacks/shared/cdk.tf.json", { terraform: { backend: { oss: { bucket: "b" } } } });
}

function account(): Account {
  const a = emptyAccount();
  const ca = (id: string, name: string) =>
    ({ CACertificateId: id, CACertificateName: name, RegionId: "cn-hangzhou", Tags: [] }) as unknown as Account["caCertificates"][number];
  a.caCertificates.push(ca("ca-known", "client-ca-1"), ca("ca-orphan", "client-ca-1"), ca("ca-deposed", "old"));
  a.serverCertificates.push({
    ServerCertificateId: "sc-orphan",
    ServerCertificateName: "",
    RegionId: "cn-hangzhou",
  } as unknown as Account["serverCertificates"][number]);
  a.loadBalancers.push({ LoadBalancerId: "lb-known", RegionId: "cn-hangzhou", Attributes: { load_balancer_name: "edge" } });
  a.listeners.push({
    ListenerId: "lb-known:https:443",
    LoadBalancerId: "lb-known",
    ListenerProtocol: "https",
    ListenerPort: 443,
    RegionId: "cn-hangzhou",
    Attributes: {},
  });
  return a;
}

test("the states are the synth's local backends (a relative path from the stack's folder, or Terraform's default) and terraform.*.tfstate in the app", () => {
  synthesize();
  const pki = write("terraform.pki.tfstate", state([]));
  const edge = write("cdktf.out/stacks/edge/terraform.tfstate", state([]));
  const gone = write("terraform.retired.tfstate", state([]));
  write("terraform.pki.tfstate.backup", state([]));
  expect(appStates(app, "cdktf.out")).toEqual({ files: [edge, pki, gone].sort(), remote: [{ stack: "shared", backend: "oss" }] });
});

test("without a synth, the deploy scripts' state files alone count", () => {
  const pki = write("terraform.pki.tfstate", state([]));
  expect(appStates(app, "cdktf.out")).toEqual({ files: [pki], remote: [] });
});

test("a state knows the IDs of its alicloud managed objects, deposed ones too; not data sources, not other providers' objects", () => {
  const file = write("terraform.pki.tfstate", state(["ca-known"], ["ca-deposed"]));
  expect([...stateIds(file)].sort()).toEqual(["ca-deposed", "ca-known"]);
});

test("orphans: every kind of object no state knows, in the account's order", () => {
  expect(findOrphans(account(), new Set(["ca-known", "ca-deposed", "lb-known", "lb-known:https:443"]))).toEqual([
    { kind: "CA certificate", id: "ca-orphan", regionId: "cn-hangzhou", name: "client-ca-1" },
    { kind: "server certificate", id: "sc-orphan", regionId: "cn-hangzhou", name: "" },
  ]);
});

test("the report names each orphan with what to do, the states it read, and the stack it could not read", () => {
  synthesize();
  write("terraform.pki.tfstate", state(["ca-known"], ["ca-deposed"]));
  write("cdktf.out/stacks/edge/terraform.tfstate", {
    version: 4,
    resources: [
      {
        mode: "managed",
        type: "alicloud_slb_listener",
        name: "l",
        provider: 'provider["registry.terraform.io/aliyun/alicloud"]',
        instances: [{ attributes: { id: "lb-known:https:443" } }],
      },
      {
        mode: "managed",
        type: "alicloud_slb_load_balancer",
        name: "lb",
        provider: 'provider["registry.terraform.io/aliyun/alicloud"]',
        instances: [{ attributes: { id: "lb-known" } }],
      },
    ],
  });
  const report = orphanReport(account(), "/x/account.json", app, "cdktf.out");
  expect(report.orphans.map((o) => o.id)).toEqual(["ca-orphan", "sc-orphan"]);
  expect(orphanReportLines(report, app)).toEqual([
    "The account /x/account.json holds 2 objects that none of the states read knows:",
    "  CA certificate ca-orphan  cn-hangzhou  client-ca-1",
    "  server certificate sc-orphan  cn-hangzhou  -",
    "Delete each with `slb-local-cloud delete ID`, or adopt a certificate your app declares with its importFrom prop (the ID above); an object another app made is that app's.",
    "States read: cdktf.out/stacks/edge/terraform.tfstate (2 objects), terraform.pki.tfstate (2 objects).",
    "Stack shared keeps its state in the oss backend, not read here: what it manages shows above as unknown.",
  ]);
  expect(JSON.parse(orphanReportJson(report)).orphans).toHaveLength(2);
});

test("after destroy (empty states) everything left is named; an empty account says so", () => {
  write("terraform.pki.tfstate", state([]));
  const left = orphanReport(account(), "/x/account.json", app, "cdktf.out");
  expect(left.orphans).toHaveLength(6);
  expect(orphanReportLines(orphanReport(emptyAccount(), "/x/account.json", app, "cdktf.out"), app)).toEqual([
    "The account /x/account.json is empty.",
    "States read: terraform.pki.tfstate (0 objects).",
  ]);
});

test("a state that is not JSON is refused in one line naming it", () => {
  const file = write("terraform.pki.tfstate", "{ half");
  expect(() => orphanReport(account(), "/x/account.json", app, "cdktf.out")).toThrow(EmulatorConfigError);
  expect(() => stateIds(file)).toThrow(`The Terraform state ${JSON.stringify(file)} is not JSON (`);
});
