/**
 * The emulated API beyond certificate uploads, as Alibaba's API reference
 * describes it: TagResources and UntagResources with TagResources' own rules,
 * resource groups the account knows, a CA certificate only on HTTPS
 * listeners, and the optional lag mode.
 */
import { Account, SlbError, Tag, emptyAccount } from "../../emulator/account";
import { deleteCaCertificate, describeCaCertificates, uploadCaCertificate } from "../../emulator/api/ca-certificates";
import { createListener, deleteListener, describeListener, setListener } from "../../emulator/api/listeners";
import { createLoadBalancer } from "../../emulator/api/load-balancers";
import { createResourceGroup } from "../../emulator/api/resource-groups";
import { uploadServerCertificate } from "../../emulator/api/server-certificates";
import { listTagResources, tagResources, untagResources } from "../../emulator/api/tags";
import { lag } from "../../emulator/lag";
import { example } from "../support/fixtures";

const REGION = "cn-hangzhou";
const CA = example("sample-root-ca.pem");

function codeOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof SlbError) return error.code;
    throw error;
  }
  throw new Error("expected an SLB error");
}

function tagCa(account: Account, id: string, tags: Tag[]): void {
  tagResources(account, { RegionId: REGION, ResourceType: "certificate", ResourceId: [id], Tag: tags });
}

describe("TagResources, UntagResources, ListTagResources", () => {
  test("TagResources takes a 64-character key and refuses 65, which UploadCACertificate takes (its reference allows 128)", () => {
    const account = emptyAccount();
    const ca = uploadCaCertificate(account, { RegionId: REGION, CACertificate: CA, Tag: [{ Key: "u".repeat(128), Value: "" }] });
    tagCa(account, ca.CACertificateId, [{ Key: "k".repeat(64), Value: "v" }]);
    expect(codeOf(() => tagCa(account, ca.CACertificateId, [{ Key: "k".repeat(65), Value: "v" }]))).toBe("InvalidParam.TagKey");
    expect(account.calls.at(-1)).toMatchObject({ action: "TagResources", result: "InvalidParam.TagKey" });
    expect(ca.Tags.map((t) => t.Key.length)).toEqual([128, 64]);
  });

  test.each([
    ["an empty key", "MissingParam.TagKey", { Key: "", Value: "x" }],
    ["a key starting with aliyun", "InvalidParam.TagKey", { Key: "aliyunTeam", Value: "x" }],
    ["a key starting with acs:", "InvalidParam.TagKey", { Key: "acs:team", Value: "x" }],
    ["a key with http://", "InvalidParam.TagKey", { Key: "see http://x", Value: "x" }],
    ["a 65-character key of 4-byte characters", "InvalidParam.TagKey", { Key: "😀".repeat(65), Value: "x" }],
    ["a value starting with aliyun", "InvalidParam.TagValue", { Key: "team", Value: "aliyun-x" }],
    ["a 129-character value", "InvalidParam.TagValue", { Key: "team", Value: "v".repeat(129) }],
  ])("TagResources refuses %s (%s)", (_what, code, tag) => {
    const account = emptyAccount();
    const ca = uploadCaCertificate(account, { RegionId: REGION, CACertificate: CA });
    expect(codeOf(() => tagCa(account, ca.CACertificateId, [tag]))).toBe(code);
    expect(ca.Tags).toEqual([]);
  });

  test("64 characters count characters, not UTF-16 units; an empty value is allowed", () => {
    const account = emptyAccount();
    const ca = uploadCaCertificate(account, { RegionId: REGION, CACertificate: CA });
    tagCa(account, ca.CACertificateId, [{ Key: "😀".repeat(64), Value: "" }]);
    expect(ca.Tags).toHaveLength(1);
  });

  test("a resource holds at most 20 tags, counted after the call; a key given again takes the new value", () => {
    const account = emptyAccount();
    const ca = uploadCaCertificate(account, { RegionId: REGION, CACertificate: CA });
    tagCa(
      account,
      ca.CACertificateId,
      Array.from({ length: 20 }, (_, i) => ({ Key: `k${i}`, Value: "a" })),
    );
    tagCa(account, ca.CACertificateId, [{ Key: "k0", Value: "b" }]);
    expect(ca.Tags.find((t) => t.Key === "k0")!.Value).toBe("b");
    expect(codeOf(() => tagCa(account, ca.CACertificateId, [{ Key: "k20", Value: "a" }]))).toBe("SizeLimitExceeded.Tag");
    expect(ca.Tags).toHaveLength(20);
  });

  test("UntagResources removes the keys named; ListTagResources lists what is left; an unknown resource is refused, and lists as untagged", () => {
    const account = emptyAccount();
    const ca = uploadCaCertificate(account, { RegionId: REGION, CACertificate: CA, Tag: [{ Key: "a", Value: "1" }] });
    tagCa(account, ca.CACertificateId, [{ Key: "b", Value: "2" }]);
    untagResources(account, { RegionId: REGION, ResourceType: "certificate", ResourceId: [ca.CACertificateId], TagKey: ["a"] });
    expect(listTagResources(account, { RegionId: REGION, ResourceType: "certificate", ResourceId: [ca.CACertificateId] })).toEqual([
      { ResourceType: "certificate", ResourceId: ca.CACertificateId, TagKey: "b", TagValue: "2" },
    ]);
    expect(codeOf(() => tagCa(account, "139a00604ad-cn-hangzhou-01", [{ Key: "a", Value: "1" }]))).toBe("InvalidResourceId.NotFound");
    expect(listTagResources(account, { RegionId: REGION, ResourceType: "certificate", ResourceId: ["139a00604ad-cn-hangzhou-01"] })).toEqual([]);
  });

  test("load balancers are tagged as ResourceType instance", () => {
    const account = emptyAccount();
    const lb = createLoadBalancer(account, { RegionId: REGION, Attributes: {} });
    tagResources(account, { RegionId: REGION, ResourceType: "instance", ResourceId: [lb.LoadBalancerId], Tag: [{ Key: "env", Value: "prod" }] });
    expect(lb.Tags).toEqual([{ Key: "env", Value: "prod" }]);
  });
});

describe("resource groups", () => {
  test("an ID the account does not know is refused (EntityNotExists.ResourceGroup); the default one and one made with CreateResourceGroup are taken", () => {
    const account = emptyAccount();
    const unknown = "rg-acfmxazb4ph6aiy";
    expect(codeOf(() => uploadCaCertificate(account, { RegionId: REGION, CACertificate: CA, ResourceGroupId: unknown }))).toBe("EntityNotExists.ResourceGroup");
    expect(codeOf(() => createLoadBalancer(account, { RegionId: REGION, ResourceGroupId: unknown, Attributes: {} }))).toBe("EntityNotExists.ResourceGroup");
    expect(
      codeOf(() =>
        uploadServerCertificate(account, {
          RegionId: REGION,
          ServerCertificate: example("server.pem"),
          PrivateKey: example("server.key"),
          ResourceGroupId: unknown,
        }),
      ),
    ).toBe("EntityNotExists.ResourceGroup");
    expect(account.caCertificates).toEqual([]);
    const group = createResourceGroup(account, { Name: "team-pki" });
    expect(group.ResourceGroupId).toMatch(/^rg-[a-z0-9]+$/);
    expect(uploadCaCertificate(account, { RegionId: REGION, CACertificate: CA, ResourceGroupId: group.ResourceGroupId }).ResourceGroupId).toBe(
      group.ResourceGroupId,
    );
    expect(uploadCaCertificate(account, { RegionId: REGION, CACertificate: CA, ResourceGroupId: account.defaultResourceGroupId }).ResourceGroupId).toBe(
      account.defaultResourceGroupId,
    );
  });

  test("CreateResourceGroup takes a name of 3 to 12 letters, digits and hyphens starting with a letter, once", () => {
    const account = emptyAccount();
    expect(codeOf(() => createResourceGroup(account, { Name: "1team" }))).toBe("InvalidParameter.Name");
    expect(codeOf(() => createResourceGroup(account, { Name: "a-very-long-name" }))).toBe("InvalidParameter.Name");
    createResourceGroup(account, { Name: "team" });
    expect(codeOf(() => createResourceGroup(account, { Name: "team" }))).toBe("InvalidParameter.Name.Duplicate");
  });
});

describe("listeners", () => {
  function listener(account: Account, protocol: string, caId: string) {
    const lb = createLoadBalancer(account, { RegionId: REGION, Attributes: {} });
    const cert = uploadServerCertificate(account, { RegionId: REGION, ServerCertificate: example("server.pem"), PrivateKey: example("server.key") });
    return createListener(account, {
      RegionId: REGION,
      LoadBalancerId: lb.LoadBalancerId,
      ListenerProtocol: protocol,
      ListenerPort: 443,
      ServerCertificateId: protocol === "https" ? cert.ServerCertificateId : undefined,
      CACertificateId: caId,
    });
  }

  test("a CA certificate is recorded on an HTTPS listener only: the HTTP actions have no CACertificateId", () => {
    const account = emptyAccount();
    const ca = uploadCaCertificate(account, { RegionId: REGION, CACertificate: CA });
    const http = listener(account, "http", ca.CACertificateId);
    expect(http.CACertificateId).toBeUndefined();
    expect(account.calls.at(-1)).toMatchObject({ action: "CreateLoadBalancerHTTPListener" });
    expect(account.calls.at(-1)!.params).not.toHaveProperty("CACertificateId");
    // Nothing uses it: it can be deleted.
    deleteCaCertificate(account, { RegionId: REGION, CACertificateId: ca.CACertificateId });
    expect(account.caCertificates).toEqual([]);
  });

  test("an HTTPS listener holds its CA until it lets go of it", () => {
    const account = emptyAccount();
    const ca = uploadCaCertificate(account, { RegionId: REGION, CACertificate: CA });
    const https = listener(account, "https", ca.CACertificateId);
    expect(https.Status).toBe("stopped");
    expect(codeOf(() => deleteCaCertificate(account, { RegionId: REGION, CACertificateId: ca.CACertificateId }))).toBe("CertificateAndPrivateKeyIsRefered");
    setListener(account, { ...https, CACertificateId: "" });
    deleteCaCertificate(account, { RegionId: REGION, CACertificateId: ca.CACertificateId });
  });

  test("Describe answers a listener's settings as Create and Set sent them (Integer ones as numbers), SLB's defaults for the rest; no ListenerProtocol parameter", () => {
    const account = emptyAccount();
    const https = listener(account, "https", "");
    const key = { RegionId: REGION, LoadBalancerId: https.LoadBalancerId, ListenerProtocol: "https", ListenerPort: 443 };
    setListener(account, { ...key, ServerCertificateId: https.ServerCertificateId, Params: { IdleTimeout: "30", TLSCipherPolicy: "tls_cipher_policy_1_2" } });
    expect(account.calls.at(-1)!.params).toEqual({
      RegionId: REGION,
      LoadBalancerId: https.LoadBalancerId,
      ListenerPort: 443,
      IdleTimeout: "30",
      TLSCipherPolicy: "tls_cipher_policy_1_2",
      ServerCertificateId: https.ServerCertificateId,
    });
    const answer = describeListener(account, key);
    expect(account.calls.at(-1)!.params).toEqual({ RegionId: REGION, LoadBalancerId: https.LoadBalancerId, ListenerPort: 443 });
    expect(answer).toMatchObject({
      ListenerPort: 443,
      Status: "stopped",
      IdleTimeout: 30,
      TLSCipherPolicy: "tls_cipher_policy_1_2",
      Gzip: "on",
      EnableHttp2: "on",
      Scheduler: "wrr",
      Bandwidth: -1,
    });
    expect(answer).not.toHaveProperty("ListenerProtocol");
    // An HTTP listener has no TLS settings.
    const http = listener(account, "http", "");
    expect(describeListener(account, { ...key, LoadBalancerId: http.LoadBalancerId, ListenerProtocol: "http" })).not.toHaveProperty("TLSCipherPolicy");
  });

  describe("SLB_EMULATOR_LAG", () => {
    afterEach(() => delete process.env.SLB_EMULATOR_LAG);

    test("visibility: a new CA certificate is missing from DescribeCACertificates until the lag has passed", () => {
      process.env.SLB_EMULATOR_LAG = "visibility:60000";
      const account = emptyAccount();
      const ca = uploadCaCertificate(account, { RegionId: REGION, CACertificate: CA });
      expect(describeCaCertificates(account, { RegionId: REGION, CACertificateId: ca.CACertificateId })).toEqual([]);
      const now = Date.now();
      jest.spyOn(Date, "now").mockReturnValue(now + 60_000);
      try {
        expect(describeCaCertificates(account, { RegionId: REGION, CACertificateId: ca.CACertificateId })).toEqual([ca]);
      } finally {
        jest.restoreAllMocks();
      }
    });

    test("release: a CA certificate a listener let go of still counts as used until the lag has passed", () => {
      process.env.SLB_EMULATOR_LAG = "release:60000";
      const account = emptyAccount();
      const ca = uploadCaCertificate(account, { RegionId: REGION, CACertificate: CA });
      const https = listener(account, "https", ca.CACertificateId);
      deleteListener(account, https);
      expect(codeOf(() => deleteCaCertificate(account, { RegionId: REGION, CACertificateId: ca.CACertificateId }))).toBe("CertificateAndPrivateKeyIsRefered");
      const now = Date.now();
      jest.spyOn(Date, "now").mockReturnValue(now + 60_000);
      try {
        deleteCaCertificate(account, { RegionId: REGION, CACertificateId: ca.CACertificateId });
      } finally {
        jest.restoreAllMocks();
      }
      expect(account.caCertificates).toEqual([]);
    });

    test("a value that is not <kind>:<ms> is refused, naming the variable", () => {
      expect(lag({ SLB_EMULATOR_LAG: "release:2000,visibility:10" })).toEqual({ releaseMs: 2000, visibilityMs: 10 });
      expect(() => lag({ SLB_EMULATOR_LAG: "release=2s" })).toThrow('SLB_EMULATOR_LAG: "release=2s" is not <kind>:<milliseconds>.');
    });
  });
});
