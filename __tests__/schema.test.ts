/**
 * The provider schema is product code: a wrong flag makes Terraform reject a
 * user's plan. These facts were read from the provider's Go source at the
 * pinned release (schema-cache/PROVENANCE.md); the test keeps them from drifting.
 */
import * as fs from "fs";
import * as path from "path";
import { Json } from "./support/json";

const ROOT = path.join(__dirname, "..");
const constraint: string = JSON.parse(fs.readFileSync(path.join(ROOT, "cdktf.json"), "utf8")).terraformProviders[0];
const schemaFile = path.join(ROOT, "schema-cache", `alicloud@${encodeURIComponent(constraint.split("@")[1])}.json`);
const schema = JSON.parse(fs.readFileSync(schemaFile, "utf8"));
const provider = schema.provider_schemas["registry.terraform.io/aliyun/alicloud"];

it("is cached under the constraint cdktf.json names, pinned to one release", () => {
  expect(constraint).toBe("aliyun/alicloud@~> 1.257.0");
  expect(schema.provider_versions).toEqual({ "registry.terraform.io/aliyun/alicloud": "1.257.0" });
  expect(fs.readFileSync(path.join(ROOT, "schema-cache", "PROVENANCE.md"), "utf8")).toContain("1.257.0");
});

it("describes alicloud_slb_ca_certificate as the provider does", () => {
  const { attributes, block_types } = provider.resource_schemas.alicloud_slb_ca_certificate.block;
  const flags = (a: Record<string, unknown>) =>
    Object.keys(a)
      .filter((k) => a[k] === true)
      .sort();
  expect(Object.fromEntries(Object.entries<Json>(attributes).map(([k, v]) => [k, [JSON.stringify(v.type), ...flags(v)]]))).toEqual({
    ca_certificate: ['"string"', "required"],
    ca_certificate_name: ['"string"', "computed", "optional"],
    id: ['"string"', "computed", "optional"],
    name: ['"string"', "computed", "deprecated", "optional"],
    resource_group_id: ['"string"', "computed", "optional"],
    tags: ['["map","string"]', "optional"],
  });
  expect(Object.keys(block_types.timeouts.block.attributes)).toEqual(["delete"]);
});

it("has the provider block, the four SLB resources and the CA data source", () => {
  expect(Object.keys(provider.resource_schemas).sort()).toEqual([
    "alicloud_slb_ca_certificate",
    "alicloud_slb_listener",
    "alicloud_slb_load_balancer",
    "alicloud_slb_server_certificate",
  ]);
  expect(Object.keys(provider.data_source_schemas)).toEqual(["alicloud_slb_ca_certificates"]);
  const attributes = provider.provider.block.attributes;
  for (const name of ["region", "profile", "access_key", "secret_key", "security_token", "shared_credentials_file"]) {
    expect(attributes[name]).toMatchObject({ type: "string", optional: true });
  }
  expect(provider.provider.block.block_types.assume_role.block.attributes.role_arn).toMatchObject({ required: true });
  expect(provider.resource_schemas.alicloud_slb_listener.block.attributes.ca_certificate_id).toMatchObject({ type: "string", optional: true });
});

it("lists what the data source reports for each certificate", () => {
  const certificates = provider.data_source_schemas.alicloud_slb_ca_certificates.block.attributes.certificates;
  expect(certificates.computed).toBe(true);
  expect(Object.keys(certificates.type[1][1]).sort()).toEqual([
    "ca_certificate_id",
    "ca_certificate_name",
    "common_name",
    "created_timestamp",
    "expired_time",
    "expired_timestamp",
    "fingerprint",
    "id",
    "name",
    "resource_group_id",
    "tags",
  ]);
});

it("describes alicloud_slb_listener's ACL and removed fields as the provider does at v1.257.0", () => {
  const { attributes } = provider.resource_schemas.alicloud_slb_listener.block;
  expect(attributes.acl_ids).toEqual({ type: ["set", "string"], description_kind: "plain", optional: true, computed: true });
  expect(attributes.acl_id).toEqual({ type: "string", description_kind: "plain", deprecated: true, optional: true, computed: true });
  // `Removed:` fields: still in the schema, optional, not flagged deprecated (setting them fails at plan).
  expect(attributes.lb_port).toEqual({ type: "number", description_kind: "plain", optional: true });
  expect(attributes.instance_port).toEqual({ type: "number", description_kind: "plain", optional: true });
  expect(attributes.lb_protocol).toEqual({ type: "string", description_kind: "plain", optional: true });
  expect(fs.readFileSync(path.join(ROOT, "schema-cache", "PROVENANCE.md"), "utf8")).toContain("b62c0c9b0");
});
