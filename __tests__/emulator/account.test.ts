/**
 * The emulated SLB account behaves as Alibaba's API reference describes:
 * checked here action by action, without Terraform.
 */
import { Account, SlbError, emptyAccount } from "../../emulator/account";
import { DATA_SOURCES } from "../../emulator/alicloud";
import { SlbClient } from "../../emulator/alicloud/slb-client";
import { deleteCaCertificate, describeCaCertificates, uploadCaCertificate } from "../../emulator/api/ca-certificates";
import { createListener, deleteListener } from "../../emulator/api/listeners";
import { createLoadBalancer } from "../../emulator/api/load-balancers";
import { createResourceGroup } from "../../emulator/api/resource-groups";
import { uploadServerCertificate } from "../../emulator/api/server-certificates";
import { example, facts, fixture } from "../support/fixtures";

const REGION = "cn-hangzhou";
const CA = example("sample-root-ca.pem");
const CA2 = example("sample-root-ca-2.pem");

/** The SLB error code a call fails with (the test fails if it succeeds). */
function codeOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof SlbError) return error.code;
    throw error;
  }
  throw new Error("expected an SLB error");
}

function withListener(account: Account, caId: string | undefined) {
  const lb = createLoadBalancer(account, { RegionId: REGION, Attributes: {} });
  const cert = uploadServerCertificate(account, { RegionId: REGION, ServerCertificate: example("server.pem"), PrivateKey: example("server.key") });
  return createListener(account, {
    RegionId: REGION,
    LoadBalancerId: lb.LoadBalancerId,
    ListenerProtocol: "https",
    ListenerPort: 443,
    ServerCertificateId: cert.ServerCertificateId,
    CACertificateId: caId,
  });
}

describe("UploadCACertificate", () => {
  test("answers with an ID in SLB's form, openssl's SHA-1 fingerprint in lowercase hex pairs, the common name and the expiry", () => {
    const account = emptyAccount();
    const ca = uploadCaCertificate(account, { RegionId: REGION, CACertificate: CA, CACertificateName: "client-ca" });
    const expected = facts("examples/sample-root-ca.pem");
    // The documented form (help docs 34935, 34938): `139a00604ad-cn-east-hangzhou-01`.
    expect(ca.CACertificateId).toMatch(new RegExp(`^[0-9a-f]{11}-${REGION}-\\d{2}$`));
    expect(ca.Fingerprint).toBe(expected.sha1);
    expect(ca.CommonName).toBe(expected.commonName);
    expect(ca.ExpireTime).toBe(expected.notAfter);
    expect(ca.ExpireTimeStamp).toBe(Date.parse(expected.notAfter));
    expect(ca.ResourceGroupId).toBe(account.defaultResourceGroupId);
  });

  test.each([
    ["two certificates", "CertificateFormatInvalid", CA + CA2],
    ["a certificate and a key", "CertificateFormatInvalid", CA + fixture("key-pkcs8.pem")],
    ["a private key", "CertificateFormatInvalid", fixture("key-pkcs8.pem")],
    ["DER", "CertificateFormatInvalid", fixture("root-rsa2048.der")],
    ["an ECDSA CA", "EccCertificateNotSupport", fixture("root-ec-p256.pem")],
    ["an RSA 3072 CA", "OperationDenied.IllegalKeyLength", fixture("root-rsa3072.pem")],
    ["an RSA 8192 CA", "OperationDenied.IllegalKeyLength", fixture("root-rsa8192.pem")],
  ])("refuses %s with %s", (_what, code, pem) => {
    const account = emptyAccount();
    expect(codeOf(() => uploadCaCertificate(account, { RegionId: REGION, CACertificate: pem }))).toBe(code);
    expect(account.caCertificates).toEqual([]);
    expect(account.calls.map((c) => c.result)).toEqual([code]);
  });

  test.each([
    ["an empty key", "MissingParam.TagKey", [{ Key: "", Value: "x" }]],
    ["a key starting with acs:", "InvalidParam.TagKey", [{ Key: "acs:team", Value: "x" }]],
    ["a key starting with aliyun", "InvalidParam.TagKey", [{ Key: "aliyunTeam", Value: "x" }]],
    ["a key with https://", "InvalidParam.TagKey", [{ Key: "see https://example.com", Value: "x" }]],
    ["a 129-character key", "InvalidParam.TagKey", [{ Key: "k".repeat(129), Value: "x" }]],
    ["a value starting with acs:", "InvalidParam.TagValue", [{ Key: "team", Value: "acs:x" }]],
    ["a value with http://", "InvalidParam.TagValue", [{ Key: "team", Value: "http://x" }]],
    ["a 129-character value", "InvalidParam.TagValue", [{ Key: "team", Value: "v".repeat(129) }]],
    ["21 tags", "SizeLimitExceeded.Tag", Array.from({ length: 21 }, (_, i) => ({ Key: `k${i}`, Value: "" }))],
  ])("applies the tag rules: %s fails with %s", (_what, code, tags) => {
    expect(codeOf(() => uploadCaCertificate(emptyAccount(), { RegionId: REGION, CACertificate: CA, Tag: tags }))).toBe(code);
  });

  test("accepts 20 tags, an empty value and 128-character keys and values", () => {
    const tags = [...Array.from({ length: 19 }, (_, i) => ({ Key: `k${i}`, Value: "" })), { Key: "k".repeat(128), Value: "v".repeat(128) }];
    expect(uploadCaCertificate(emptyAccount(), { RegionId: REGION, CACertificate: CA, Tag: tags }).Tags).toHaveLength(20);
  });
});

describe("DeleteCACertificate and listeners", () => {
  test("a certificate a listener uses cannot be deleted (CertificateAndPrivateKeyIsRefered); once the listener is gone, it can", () => {
    const account = emptyAccount();
    const ca = uploadCaCertificate(account, { RegionId: REGION, CACertificate: CA });
    const listener = withListener(account, ca.CACertificateId);
    expect(codeOf(() => deleteCaCertificate(account, { RegionId: REGION, CACertificateId: ca.CACertificateId }))).toBe("CertificateAndPrivateKeyIsRefered");
    expect(account.caCertificates).toHaveLength(1);
    deleteListener(account, listener);
    deleteCaCertificate(account, { RegionId: REGION, CACertificateId: ca.CACertificateId });
    expect(account.caCertificates).toEqual([]);
  });

  test("a listener whose CA certificate does not exist is refused", () => {
    const account = emptyAccount();
    expect(codeOf(() => withListener(account, "18f0a1b2c3d-cn-hangzhou-01"))).toBe("CACertificateId.NotFound");
    expect(account.listeners).toEqual([]);
  });

  test("a certificate of another region is not found", () => {
    const account = emptyAccount();
    const ca = uploadCaCertificate(account, { RegionId: "cn-beijing", CACertificate: CA });
    expect(codeOf(() => deleteCaCertificate(account, { RegionId: REGION, CACertificateId: ca.CACertificateId }))).toBe("CACertificateId.NotFound");
  });
});

describe("data source alicloud_slb_ca_certificates", () => {
  const account = emptyAccount();
  const a = uploadCaCertificate(account, { RegionId: REGION, CACertificate: CA, CACertificateName: "team-a", Tag: [{ Key: "team", Value: "a" }] });
  const group = createResourceGroup(account, { Name: "team-b" });
  const b = uploadCaCertificate(account, {
    RegionId: REGION,
    CACertificate: CA2,
    CACertificateName: "team-b",
    ResourceGroupId: group.ResourceGroupId,
    Tag: [{ Key: "team", Value: "b" }],
  });
  uploadCaCertificate(account, { RegionId: "cn-beijing", CACertificate: CA2, CACertificateName: "team-a-beijing" });
  const config = { ids: null, name_regex: null, resource_group_id: null, tags: null, output_file: null, id: null };
  const client = new SlbClient(REGION, (action) => action(account));
  const read = (filters: object) => DATA_SOURCES.alicloud_slb_ca_certificates.read(client, { ...config, ...filters });

  test.each([
    ["nothing (the region's certificates)", {}, ["team-a", "team-b"]],
    ["ids", { ids: [b.CACertificateId] }, ["team-b"]],
    ["name_regex (RE2, unanchored)", { name_regex: "^team-a" }, ["team-a"]],
    ["tags", { tags: { team: "b" } }, ["team-b"]],
    ["resource_group_id", { resource_group_id: group.ResourceGroupId }, ["team-b"]],
    ["ids and name_regex together", { ids: [a.CACertificateId, b.CACertificateId], name_regex: "b$" }, ["team-b"]],
  ])("filters by %s", async (_what, filters, names) => {
    expect((await read(filters)).names).toEqual(names);
  });

  test("reports each certificate as the provider does", async () => {
    expect(((await read({ ids: [a.CACertificateId] })).certificates as object[])[0]).toEqual({
      id: a.CACertificateId,
      ca_certificate_id: a.CACertificateId,
      ca_certificate_name: "team-a",
      name: "team-a",
      common_name: facts("examples/sample-root-ca.pem").commonName,
      fingerprint: facts("examples/sample-root-ca.pem").sha1,
      expired_time: facts("examples/sample-root-ca.pem").notAfter,
      expired_timestamp: Date.parse(facts("examples/sample-root-ca.pem").notAfter),
      created_timestamp: a.CreateTimeStamp,
      resource_group_id: account.defaultResourceGroupId,
      tags: { team: "a" },
    });
  });

  test("an invalid name_regex is reported at the attribute", () => {
    expect(DATA_SOURCES.alicloud_slb_ca_certificates.validate!({ ...config, name_regex: "(" })).toEqual([
      expect.objectContaining({ attribute: "name_regex", summary: "Invalid name_regex" }),
    ]);
  });
});

describe("SLB_EMULATOR_FAIL", () => {
  const saved = process.env.SLB_EMULATOR_FAIL;
  beforeEach(() => {
    process.env.SLB_EMULATOR_FAIL = "DescribeCACertificates:2";
  });
  afterEach(() => {
    if (saved === undefined) delete process.env.SLB_EMULATOR_FAIL;
    else process.env.SLB_EMULATOR_FAIL = saved;
  });

  test("the n-th call of the action fails with ServiceUnavailable, once; every call is recorded in order", () => {
    const account = emptyAccount();
    const outcome = () => {
      try {
        describeCaCertificates(account, { RegionId: REGION });
        return "Success";
      } catch (error) {
        return (error as SlbError).code;
      }
    };
    expect([outcome(), outcome(), outcome()]).toEqual(["Success", "ServiceUnavailable", "Success"]);
    expect(account.calls.map((c) => [c.seq, c.action, c.result])).toEqual([
      [1, "DescribeCACertificates", "Success"],
      [2, "DescribeCACertificates", "ServiceUnavailable"],
      [3, "DescribeCACertificates", "Success"],
    ]);
  });
});
