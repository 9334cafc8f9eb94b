/**
 * The provider's protocol rules, RPC by RPC, without Terraform: plan marks
 * what the cloud decides as unknown and asks for replacement on ForceNew
 * changes; apply fills the unknowns and keeps every planned value; SLB's
 * errors come back as diagnostics at the attribute they concern.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ExtData } from "@msgpack/msgpack";
import { CtyObject, CtyValue, UNKNOWN, decodeValue, encodeValue, isUnknown } from "../../emulator/cty";
import { readAccount } from "../../emulator/account-file";
import { conform, providerService } from "../../emulator/provider";
import { loadSchemas } from "../../emulator/schema";
import { example, facts } from "../support/fixtures";
import { Json } from "../support/json";

const schemas = loadSchemas();
const service = providerService(schemas);

/** Calls one RPC handler as gRPC would, and returns its response. */
function rpc(name: string, request: object): Promise<Json> {
  return new Promise((resolve, reject) => service[name]({ request } as never, (error: unknown, value: unknown) => (error ? reject(error) : resolve(value))));
}

const dv = (value: CtyValue) => ({ msgpack: encodeValue(value) });
const value = (message: { msgpack: Buffer }) => decodeValue(message.msgpack) as CtyObject;
const ca = (attributes: CtyObject): CtyObject => conform(schemas.resources.alicloud_slb_ca_certificate.block, attributes);

let dir: string;
const savedState = process.env.SLB_EMULATOR_STATE;
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "slb-provider-"));
  process.env.SLB_EMULATOR_STATE = path.join(dir, "account.json");
  await rpc("ConfigureProvider", { terraform_version: "1.11.4", config: dv(conform(schemas.provider.block, { region: "cn-hangzhou" })) });
});
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
  if (savedState === undefined) delete process.env.SLB_EMULATOR_STATE;
  else process.env.SLB_EMULATOR_STATE = savedState;
});

test("the schema is schema-cache/'s, with types as Terraform's JSON type expressions", async () => {
  const response = await rpc("GetProviderSchema", {});
  expect(Object.keys(response.resource_schemas).sort()).toEqual(Object.keys(schemas.resources).sort());
  const tags = response.resource_schemas.alicloud_slb_ca_certificate.block.attributes.find((a: { name: string }) => a.name === "tags");
  expect(JSON.parse(tags.type.toString())).toEqual(["map", "string"]);
});

describe("an alicloud_slb_ca_certificate's life", () => {
  const config = ca({ ca_certificate: example("sample-root-ca.pem"), ca_certificate_name: "client-ca", tags: { team: "a" } });
  let state: CtyObject;

  test("create: computed attributes left unset are unknown in the plan; apply fills them and keeps the rest", async () => {
    const plan = await rpc("PlanResourceChange", {
      type_name: "alicloud_slb_ca_certificate",
      prior_state: dv(null),
      proposed_new_state: dv(config),
      config: dv(config),
    });
    const planned = value(plan.planned_state);
    const unknownType = (v: CtyValue) => (isUnknown(v) ? v.type : "known");
    expect([planned.id, planned.name, planned.resource_group_id].map(unknownType)).toEqual([0, 0, 0]);
    expect(planned.ca_certificate_name).toBe("client-ca");

    const apply = await rpc("ApplyResourceChange", {
      type_name: "alicloud_slb_ca_certificate",
      prior_state: dv(null),
      planned_state: plan.planned_state,
      config: dv(config),
    });
    expect(apply.diagnostics).toEqual([]);
    state = value(apply.new_state);
    expect(state.id).toMatch(/^[0-9a-f]{11}-[a-z0-9-]+-\d{2}$/);
    expect(state).toEqual({ ...config, id: state.id, name: "client-ca", resource_group_id: expect.stringMatching(/^rg-/) });
  });

  test("update: a changed ForceNew attribute asks for replacement; a rename does not", async () => {
    const replaced = { ...state, ca_certificate: example("sample-root-ca-2.pem") };
    const plan = await rpc("PlanResourceChange", {
      type_name: "alicloud_slb_ca_certificate",
      prior_state: dv(state),
      proposed_new_state: dv(replaced),
      config: dv(replaced),
    });
    expect(plan.requires_replace).toEqual([{ steps: [{ attribute_name: "ca_certificate" }] }]);

    const renamed = { ...state, ca_certificate_name: "client-ca-2" };
    const renamedConfig = { ...renamed, id: null, name: null, resource_group_id: null };
    const rename = await rpc("PlanResourceChange", {
      type_name: "alicloud_slb_ca_certificate",
      prior_state: dv(state),
      proposed_new_state: dv(renamed),
      config: dv(renamedConfig),
    });
    expect(rename.requires_replace).toEqual([]);
    // The deprecated alias follows the new name: unknown until apply.
    expect(isUnknown(value(rename.planned_state).name)).toBe(true);
    // Applied in place: SetCACertificateName, same ID.
    const apply = await rpc("ApplyResourceChange", {
      type_name: "alicloud_slb_ca_certificate",
      prior_state: dv(state),
      planned_state: rename.planned_state,
      config: dv(renamedConfig),
    });
    expect(apply.diagnostics).toEqual([]);
    expect(value(apply.new_state).id).toBe(state.id);
    const account = readAccount();
    expect(account.caCertificates.map((c) => [c.CACertificateId, c.CACertificateName])).toEqual([[state.id, "client-ca-2"]]);
    expect(account.calls.map((c) => c.action)).toContain("SetCACertificateName");
    state = value(apply.new_state);
  });

  test("import reads the certificate back without its PEM, as the provider does", async () => {
    const imported = await rpc("ImportResourceState", { type_name: "alicloud_slb_ca_certificate", id: state.id });
    const read = await rpc("ReadResource", { type_name: "alicloud_slb_ca_certificate", current_state: imported.imported_resources[0].state });
    expect(value(read.new_state)).toEqual({ ...state, ca_certificate: null });
  });

  test("the data source reports SLB's fingerprint; a deleted certificate reads as gone", async () => {
    const dataConfig = conform(schemas.dataSources.alicloud_slb_ca_certificates.block, { ids: [state.id] });
    const data = value((await rpc("ReadDataSource", { type_name: "alicloud_slb_ca_certificates", config: dv(dataConfig) })).state);
    expect((data.certificates as CtyObject[]).map((c) => c.fingerprint)).toEqual([facts("examples/sample-root-ca.pem").sha1]);

    const destroy = await rpc("ApplyResourceChange", {
      type_name: "alicloud_slb_ca_certificate",
      prior_state: dv(state),
      planned_state: dv(null),
      config: dv(null),
    });
    expect([destroy.diagnostics, value(destroy.new_state)]).toEqual([[], null]);
    expect(value((await rpc("ReadResource", { type_name: "alicloud_slb_ca_certificate", current_state: dv(state) })).new_state)).toBeNull();
    // Deleting what is already gone succeeds, as the provider ignores CACertificateId.NotFound.
    const again = await rpc("ApplyResourceChange", {
      type_name: "alicloud_slb_ca_certificate",
      prior_state: dv(state),
      planned_state: dv(null),
      config: dv(null),
    });
    expect(again.diagnostics).toEqual([]);
    expect(
      readAccount()
        .calls.slice(-1)
        .map((c) => [c.action, c.result]),
    ).toEqual([["DeleteCACertificate", "CACertificateId.NotFound"]]);
  });
});

test("SLB's refusal becomes an error diagnostic at the attribute, and nothing is created", async () => {
  const config = ca({ ca_certificate: example("sample-root-ca.pem") + example("sample-root-ca-2.pem") });
  const planned = { ...config, id: UNKNOWN, name: UNKNOWN, ca_certificate_name: UNKNOWN, resource_group_id: UNKNOWN };
  const apply = await rpc("ApplyResourceChange", {
    type_name: "alicloud_slb_ca_certificate",
    prior_state: dv(null),
    planned_state: dv(planned),
    config: dv(config),
  });
  expect(value(apply.new_state)).toBeNull();
  expect(apply.diagnostics).toEqual([
    expect.objectContaining({
      severity: 1,
      summary: "creating alicloud_slb_ca_certificate: UploadCACertificate failed: CertificateFormatInvalid",
      attribute: { steps: [{ attribute_name: "ca_certificate" }] },
    }),
  ]);
});

test("a misspelt SLB_EMULATOR_FAIL becomes an error diagnostic naming the variable, without a stack, and nothing is created", async () => {
  const config = ca({ ca_certificate: example("sample-root-ca.pem") });
  const planned = { ...config, id: UNKNOWN, name: UNKNOWN, ca_certificate_name: UNKNOWN, resource_group_id: UNKNOWN };
  const before = readAccount().caCertificates.length;
  const saved = process.env.SLB_EMULATOR_FAIL;
  process.env.SLB_EMULATOR_FAIL = "UploadCaCertificate:1";
  let apply: Json;
  try {
    apply = await rpc("ApplyResourceChange", {
      type_name: "alicloud_slb_ca_certificate",
      prior_state: dv(null),
      planned_state: dv(planned),
      config: dv(config),
    });
  } finally {
    if (saved === undefined) delete process.env.SLB_EMULATOR_FAIL;
    else process.env.SLB_EMULATOR_FAIL = saved;
  }
  expect(value(apply.new_state)).toBeNull();
  expect(apply.diagnostics).toEqual([
    expect.objectContaining({
      severity: 1,
      summary: expect.stringMatching(/^creating alicloud_slb_ca_certificate: SLB_EMULATOR_FAIL: "UploadCaCertificate" is not an action the emulator serves\. /),
      detail: "",
    }),
  ]);
  expect(readAccount().caCertificates.length).toBe(before);
});

test("a removed listener field is refused at validation, at the attribute", async () => {
  const config = conform(schemas.resources.alicloud_slb_listener.block, { load_balancer_id: "lb-1", protocol: "https", frontend_port: 443, lb_port: 443 });
  expect((await rpc("ValidateResourceConfig", { type_name: "alicloud_slb_listener", config: dv(config) })).diagnostics).toEqual([
    expect.objectContaining({ severity: 1, summary: "Removed attribute", attribute: { steps: [{ attribute_name: "lb_port" }] } }),
  ]);
});

test("an unknown with refinements (extension 12) is passed back unchanged", async () => {
  const refined = new ExtData(12, new Uint8Array([0x81, 0x01, 0xc3]));
  const config = ca({ ca_certificate: refined, ca_certificate_name: "x" });
  const plan = await rpc("PlanResourceChange", {
    type_name: "alicloud_slb_ca_certificate",
    prior_state: dv(null),
    proposed_new_state: dv(config),
    config: dv(config),
  });
  const planned = value(plan.planned_state).ca_certificate as ExtData;
  expect([planned.type, Array.from(planned.data as Uint8Array)]).toEqual([12, [0x81, 0x01, 0xc3]]);
});
