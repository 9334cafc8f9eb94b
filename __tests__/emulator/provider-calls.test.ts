/**
 * Each resource makes the calls the provider's Go code makes at v1.257.0, in
 * its order, with its parameters and its retries (CONFORMANCE.md cites the Go
 * functions). The account is held in memory; waits are observed, not slept.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as zlib from "zlib";
import { Account, CallRecord, emptyAccount } from "../../emulator/account";
import { DATA_SOURCES, MANAGED_RESOURCES, PartialApply } from "../../emulator/alicloud";
import { marshalIndent } from "../../emulator/alicloud/output-file";
import { SlbClient } from "../../emulator/alicloud/slb-client";
import * as waits from "../../emulator/alicloud/waits";
import { uploadCaCertificate } from "../../emulator/api/ca-certificates";
import { setListener } from "../../emulator/api/listeners";
import { CtyObject, UNKNOWN } from "../../emulator/cty";
import { conform } from "../../emulator/provider";
import { loadSchemas } from "../../emulator/schema";
import { example } from "../support/fixtures";

const REGION = "cn-hangzhou";
const schemas = loadSchemas();
const ca = MANAGED_RESOURCES.alicloud_slb_ca_certificate;

let slept: number[];
beforeEach(() => {
  slept = [];
  jest.spyOn(waits, "sleep").mockImplementation(async (ms: number) => {
    slept.push(ms);
  });
});
afterEach(() => {
  jest.restoreAllMocks();
  delete process.env.SLB_EMULATOR_FAIL;
  delete process.env.SLB_EMULATOR_LAG;
});

/** A planned create, as PlanResourceChange makes it: the Go schema's defaults planned, computed attributes left unset unknown. */
function plannedCreate(type: string, config: Record<string, unknown>): CtyObject {
  const attributes = schemas.resources[type].block.attributes ?? {};
  const configured = conform(schemas.resources[type].block, config);
  const planned = { ...configured, ...MANAGED_RESOURCES[type].plannedValues?.(configured, null) };
  for (const [name, a] of Object.entries(attributes)) if (a.computed && planned[name] === null) planned[name] = UNKNOWN;
  return planned;
}

function setup(): { account: Account; client: SlbClient; calls: (from?: number) => [string, Record<string, unknown>, string][] } {
  const account = emptyAccount();
  const client = new SlbClient(REGION, (action) => action(account));
  const calls = (from = 0) => account.calls.slice(from).map((c: CallRecord) => [c.action, c.params, c.result] as [string, Record<string, unknown>, string]);
  return { account, client, calls };
}

const names = (calls: [string, unknown, string][]) => calls.map(([action, , result]) => `${action}:${result}`);

describe("alicloud_slb_ca_certificate", () => {
  const config = { ca_certificate: example("sample-root-ca.pem"), ca_certificate_name: "client-ca", tags: { team: "pki", env: "prod" } };

  test("Create uploads without tags, then tags through TagResources (all of them), then reads", async () => {
    const { client, calls } = setup();
    const state = (await ca.create(client, plannedCreate("alicloud_slb_ca_certificate", config)))!;
    expect(calls()).toEqual([
      ["UploadCACertificate", { CACertificateName: "client-ca", RegionId: REGION }, "Success"],
      [
        "TagResources",
        {
          RegionId: REGION,
          ResourceType: "certificate",
          ResourceId: [state.id],
          Tag: [
            { Key: "team", Value: "pki" },
            { Key: "env", Value: "prod" },
          ],
        },
        "Success",
      ],
      ["DescribeCACertificates", { RegionId: REGION, CACertificateId: state.id }, "Success"],
    ]);
    expect(state).toMatchObject({ ca_certificate_name: "client-ca", name: "client-ca", tags: config.tags });
  });

  test("a tag change keeps the ID: UntagResources for the removed and the changed keys, TagResources with every tag, no upload", async () => {
    const { client, calls } = setup();
    const state = (await ca.create(client, plannedCreate("alicloud_slb_ca_certificate", config)))!;
    const from = calls().length;
    const planned = { ...state, tags: { team: "platform", owner: "ops" } };
    const after = (await ca.update(client, state, planned))!;
    expect(after.id).toBe(state.id);
    expect(calls(from)).toEqual([
      ["UntagResources", { RegionId: REGION, ResourceType: "certificate", ResourceId: [state.id], TagKey: ["team", "env"] }, "Success"],
      [
        "TagResources",
        {
          RegionId: REGION,
          ResourceType: "certificate",
          ResourceId: [state.id],
          Tag: [
            { Key: "team", Value: "platform" },
            { Key: "owner", Value: "ops" },
          ],
        },
        "Success",
      ],
      ["DescribeCACertificates", { RegionId: REGION, CACertificateId: state.id }, "Success"],
    ]);
    expect(after.tags).toEqual({ team: "platform", owner: "ops" });
  });

  test("a rename on an existing certificate sends SetCACertificateName; a key of the cloud's own (aliyun…) is never untagged and never read back", async () => {
    const { account, client, calls } = setup();
    const state = (await ca.create(client, plannedCreate("alicloud_slb_ca_certificate", config)))!;
    account.caCertificates[0].Tags.push({ Key: "aliyun:managed", Value: "x" });
    const from = calls().length;
    const after = (await ca.update(client, state, { ...state, ca_certificate_name: "client-ca-2", name: UNKNOWN }))!;
    expect(names(calls(from))).toEqual(["SetCACertificateName:Success", "DescribeCACertificates:Success"]);
    expect(after).toMatchObject({ ca_certificate_name: "client-ca-2", name: "client-ca-2", tags: config.tags });
  });

  test.each([
    ["UploadCACertificate:1:Throttling", ["UploadCACertificate:Throttling", "UploadCACertificate:Success", "TagResources:Success"], [3000, 500]],
    ["TagResources:1", ["UploadCACertificate:Success", "TagResources:ServiceUnavailable", "TagResources:Success"], [2000, 500]],
    ["DescribeCACertificates:1,DescribeCACertificates:2:InternalError", ["UploadCACertificate:Success", "TagResources:Success"], []],
  ])("a transient fault (%s) is retried with the provider's waits; one certificate", async (rules, expected, waited) => {
    const { account, client, calls } = setup();
    process.env.SLB_EMULATOR_FAIL = rules;
    await ca.create(client, plannedCreate("alicloud_slb_ca_certificate", config));
    expect(names(calls()).filter((c) => !c.startsWith("Describe"))).toEqual(expected);
    expect(slept).toEqual(waited);
    expect(account.caCertificates).toHaveLength(1);
  });

  test("a Describe the Tea client resends (5xx) costs no provider wait", async () => {
    const { client, calls } = setup();
    process.env.SLB_EMULATOR_FAIL = "DescribeCACertificates:1:InternalError";
    await ca.create(client, plannedCreate("alicloud_slb_ca_certificate", config));
    expect(names(calls()).slice(-2)).toEqual(["DescribeCACertificates:InternalError", "DescribeCACertificates:Success"]);
    expect(slept).toEqual([]);
  });

  test("TagResources refusing a tag after the upload: the apply fails keeping the new certificate's ID (Terraform taints it)", async () => {
    const { account, client } = setup();
    const planned = plannedCreate("alicloud_slb_ca_certificate", { ...config, tags: { ["k".repeat(65)]: "v" } });
    const failure = await ca.create(client, planned).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(PartialApply);
    expect((failure as PartialApply).state.id).toBe(account.caCertificates[0].CACertificateId);
    expect((failure as PartialApply).state.tags).toBeNull();
    expect(account.calls.map((c) => `${c.action}:${c.result}`)).toEqual(["UploadCACertificate:Success", "TagResources:InvalidParam.TagKey"]);
  });

  test("a lost upload response is retried as NeedRetry says: the first certificate stays behind, an orphan no state knows", async () => {
    const { account, client } = setup();
    process.env.SLB_EMULATOR_FAIL = "UploadCACertificate:1:lost";
    const state = (await ca.create(client, plannedCreate("alicloud_slb_ca_certificate", config)))!;
    expect(account.caCertificates).toHaveLength(2);
    expect(account.caCertificates.map((c) => c.CACertificateId).filter((id) => id !== state.id)).toHaveLength(1);
  });

  test("Read: nothing found is gone (null); under visibility lag a create's own Read finds nothing, so the create reports no object", async () => {
    const { client } = setup();
    process.env.SLB_EMULATOR_LAG = "visibility:60000";
    expect(await ca.create(client, plannedCreate("alicloud_slb_ca_certificate", config))).toBeNull();
  });

  test("Delete retries OperationBusy and the busy codes with incrementalWait(3s, 5s); not found is done", async () => {
    const { account, client, calls } = setup();
    const state = (await ca.create(client, plannedCreate("alicloud_slb_ca_certificate", config)))!;
    const from = calls().length;
    process.env.SLB_EMULATOR_FAIL = "DeleteCACertificate:1:OperationBusy,DeleteCACertificate:2:ServiceIsConfiguring";
    await ca.delete(client, state);
    expect(names(calls(from))).toEqual(["DeleteCACertificate:OperationBusy", "DeleteCACertificate:ServiceIsConfiguring", "DeleteCACertificate:Success"]);
    expect(slept).toEqual([3000, 500, 5000, 1000]);
    expect(account.caCertificates).toEqual([]);
    await ca.delete(client, state);
    expect(names(calls()).at(-1)).toBe("DeleteCACertificate:CACertificateId.NotFound");
  });

  test("Delete does not retry CertificateAndPrivateKeyIsRefered", async () => {
    const { client } = setup();
    const state = (await ca.create(client, plannedCreate("alicloud_slb_ca_certificate", config)))!;
    process.env.SLB_EMULATOR_FAIL = "DeleteCACertificate:1:CertificateAndPrivateKeyIsRefered";
    await expect(ca.delete(client, state)).rejects.toMatchObject({ code: "CertificateAndPrivateKeyIsRefered" });
  });
});

describe("alicloud_slb_server_certificate, alicloud_slb_load_balancer, alicloud_slb_listener", () => {
  const server = MANAGED_RESOURCES.alicloud_slb_server_certificate;
  const lb = MANAGED_RESOURCES.alicloud_slb_load_balancer;
  const listener = MANAGED_RESOURCES.alicloud_slb_listener;

  async function stack(client: SlbClient, protocol: string, caId: string | null) {
    const cert = (await server.create(
      client,
      plannedCreate("alicloud_slb_server_certificate", { name: "svc", server_certificate: example("server.pem"), private_key: example("server.key") }),
    ))!;
    const balancer = (await lb.create(client, plannedCreate("alicloud_slb_load_balancer", { load_balancer_name: "svc", load_balancer_spec: "slb.s1.small" })))!;
    const l = (await listener.create(
      client,
      plannedCreate("alicloud_slb_listener", {
        load_balancer_id: balancer.id,
        protocol,
        frontend_port: 443,
        backend_port: 80,
        server_certificate_id: protocol === "https" ? cert.id : null,
        ca_certificate_id: caId,
      }),
    ))!;
    return { cert, balancer, listener: l };
  }

  test("the calls of each Create, in the Go code's order", async () => {
    const { client, calls } = setup();
    await stack(client, "https", null);
    expect(names(calls())).toEqual([
      "UploadServerCertificate:Success",
      "ListTagResources:Success",
      "DescribeServerCertificates:Success",
      "CreateLoadBalancer:Success",
      "DescribeLoadBalancerAttribute:Success",
      "DescribeLoadBalancerAttribute:Success",
      "ListTagResources:Success",
      "CreateLoadBalancerHTTPSListener:Success",
      "DescribeLoadBalancerHTTPSListenerAttribute:Success",
      "StartLoadBalancerListener:Success",
      "DescribeLoadBalancerHTTPSListenerAttribute:Success",
      // tls_cipher_policy changed (from nothing to its Default): DescribeSlb looks at the instance's spec first.
      "DescribeLoadBalancerAttribute:Success",
      "SetLoadBalancerHTTPSListenerAttribute:Success",
      "DescribeLoadBalancerAttribute:Success",
      "DescribeLoadBalancerHTTPSListenerAttribute:Success",
    ]);
    // The load balancer's wait for "active" (5 s delay) and the listener's waits between Describes: none needed more.
    expect(slept).toEqual([5000]);
    expect(calls().find(([a]) => a === "CreateLoadBalancer")![1].ClientToken).toMatch(/^TF-CreateLoadBalancer-\d+-[0-9a-f-]+$/);
  });

  test("Create and Set send the parameters the Go code builds (the schema's defaults included), and no ListenerProtocol: the action names it", async () => {
    const { client, calls } = setup();
    const { cert, balancer } = await stack(client, "https", null);
    const key = { RegionId: REGION, LoadBalancerId: balancer.id, ListenerPort: 443 };
    // buildListenerCommonArgs, then buildHttpListenerArgs with health_check's Default "on"; bandwidth and
    // health_check_connect_port are computed and unset, so GetOk leaves them out.
    const created = {
      ...key,
      BackendServerPort: "80",
      AclStatus: "off",
      Scheduler: "wrr",
      StickySession: "off",
      HealthCheck: "on",
      RequestTimeout: "60",
      IdleTimeout: "15",
      HealthCheckURI: "/",
      HealthyThreshold: "3",
      UnhealthyThreshold: "3",
      HealthCheckTimeout: "5",
      HealthCheckInterval: "2",
      HealthCheckHttpCode: "http_2xx",
      ServerCertificateId: cert.id,
    };
    expect(calls().find(([a]) => a === "CreateLoadBalancerHTTPSListener")![1]).toEqual(created);
    // The Update after Create: every attribute with a Default changed (from nothing); health_check_timeout goes as
    // HealthCheckConnectTimeout; tls_cipher_policy, checked against the instance's spec, as TLSCipherPolicy.
    expect(calls().find(([a]) => a === "SetLoadBalancerHTTPSListenerAttribute")![1]).toEqual({
      ...created,
      Gzip: "on",
      HealthCheckConnectTimeout: "5",
      EnableHttp2: "on",
      TLSCipherPolicy: "tls_cipher_policy_1_0",
    });
    expect(
      calls()
        .filter(([, params]) => "ListenerProtocol" in params)
        .map(([a]) => a),
    ).toEqual(["StartLoadBalancerListener"]);
  });

  test("Read sets the attributes from Describe<P>ListenerAttribute's answer, TLSCipherPolicy included, as readListener does", async () => {
    const { account, client } = setup();
    const { listener: l } = await stack(client, "https", null);
    expect(l).toMatchObject({ tls_cipher_policy: "tls_cipher_policy_1_0", gzip: true, idle_timeout: 15, enable_http2: "on", health_check_method: "head" });
    // Changed in the cloud, behind Terraform's back.
    setListener(account, {
      RegionId: REGION,
      LoadBalancerId: String(l.load_balancer_id),
      ListenerProtocol: "https",
      ListenerPort: 443,
      ServerCertificateId: String(l.server_certificate_id),
      Params: { TLSCipherPolicy: "tls_cipher_policy_1_2", IdleTimeout: "30", Gzip: "off", XForwardedFor_SLBIP: "on" },
    });
    const read = (await listener.read(client, l))!;
    expect(read).toMatchObject({ tls_cipher_policy: "tls_cipher_policy_1_2", idle_timeout: 30, gzip: false });
    expect(read.x_forwarded_for).toEqual([{ retrive_client_ip: true, retrive_slb_ip: true, retrive_slb_id: false, retrive_slb_proto: false }]);
  });

  test("tls_cipher_policy on a shared-performance instance (no spec): the default passes on a new listener unsent, a change is refused", async () => {
    const { account, client, calls } = setup();
    const cert = (await server.create(
      client,
      plannedCreate("alicloud_slb_server_certificate", { server_certificate: example("server.pem"), private_key: example("server.key") }),
    ))!;
    const balancer = (await lb.create(client, plannedCreate("alicloud_slb_load_balancer", { load_balancer_name: "shared" })))!;
    // The emulator makes every instance with a spec; a shared-performance one (made long ago) has none.
    account.loadBalancers[0].Attributes.load_balancer_spec = null;
    const config = { load_balancer_id: balancer.id, protocol: "https", frontend_port: 443, backend_port: 80, server_certificate_id: cert.id };
    const l = (await listener.create(client, plannedCreate("alicloud_slb_listener", config)))!;
    expect(calls().find(([a]) => a === "SetLoadBalancerHTTPSListenerAttribute")![1]).not.toHaveProperty("TLSCipherPolicy");
    await expect(listener.update(client, l, { ...l, tls_cipher_policy: "tls_cipher_policy_1_2" })).rejects.toMatchObject({
      cause: { message: 'Currently the param "tls_cipher_policy" can not be updated when load balancer instance is "Shared-Performance".' },
    });
  });

  test("an HTTP listener never sends its ca_certificate_id, and keeps the configured value in state, as the provider's Read does not set it", async () => {
    const { account, client, calls } = setup();
    const caRecord = uploadCaCertificate(account, { RegionId: REGION, CACertificate: example("sample-root-ca.pem") });
    const { listener: l } = await stack(client, "http", caRecord.CACertificateId);
    expect(calls().filter(([, params]) => "CACertificateId" in params && params.CACertificateId !== undefined)).toEqual([]);
    expect(account.listeners[0].CACertificateId).toBeUndefined();
    expect(l.ca_certificate_id).toBe(caRecord.CACertificateId);
  });

  test("a lost CreateLoadBalancer response is resent with the same ClientToken: one instance", async () => {
    const { account, client } = setup();
    process.env.SLB_EMULATOR_FAIL = "CreateLoadBalancer:1:lost";
    await lb.create(client, plannedCreate("alicloud_slb_load_balancer", { load_balancer_name: "svc" }));
    expect(account.calls.filter((c) => c.action === "CreateLoadBalancer").map((c) => c.result)).toEqual(["Success", "Success"]);
    expect(account.loadBalancers).toHaveLength(1);
  });

  test("UploadServerCertificate and the listener actions go through alibaba-cloud-sdk-go without NeedRetry: one ServiceUnavailable fails them", async () => {
    const { client } = setup();
    process.env.SLB_EMULATOR_FAIL = "UploadServerCertificate:1";
    await expect(
      server.create(
        client,
        plannedCreate("alicloud_slb_server_certificate", { server_certificate: example("server.pem"), private_key: example("server.key") }),
      ),
    ).rejects.toMatchObject({ code: "ServiceUnavailable" });
  });

  test("Update: one Set…/Modify… action per changed attribute group (SetLoadBalancerName), each retried on NeedRetry", async () => {
    const { client, calls } = setup();
    const balancer = (await lb.create(client, plannedCreate("alicloud_slb_load_balancer", { load_balancer_name: "svc" })))!;
    const from = calls().length;
    process.env.SLB_EMULATOR_FAIL = "SetLoadBalancerName:1";
    const after = (await lb.update(client, balancer, { ...balancer, load_balancer_name: "svc-2", name: UNKNOWN }))!;
    expect(names(calls(from))).toEqual([
      "SetLoadBalancerName:ServiceUnavailable",
      "SetLoadBalancerName:Success",
      "DescribeLoadBalancerAttribute:Success",
      "ListTagResources:Success",
    ]);
    expect(after).toMatchObject({ load_balancer_name: "svc-2", name: "svc-2" });
  });

  test("Delete: the listener after a lookup of its load balancer, then a Describe until it is gone; the server certificate, then one Describe; the load balancer, then a Describe until it is gone", async () => {
    const { account, client, calls } = setup();
    const { cert, balancer, listener: l } = await stack(client, "https", null);
    const from = calls().length;
    await listener.delete(client, l);
    await server.delete(client, cert);
    await lb.delete(client, balancer);
    expect(names(calls(from))).toEqual([
      "DescribeLoadBalancerAttribute:Success",
      "DeleteLoadBalancerListener:Success",
      "DescribeLoadBalancerHTTPSListenerAttribute:ListenerNotFound",
      "DeleteServerCertificate:Success",
      "DescribeServerCertificates:Success",
      "DeleteLoadBalancer:Success",
      "DescribeLoadBalancerAttribute:InvalidLoadBalancerId.NotFound",
    ]);
    expect([account.listeners, account.serverCertificates, account.loadBalancers]).toEqual([[], [], []]);
  });

  test("delete_protection_validation: a listener of an instance with delete protection is not deleted, after one more DescribeLoadBalancerAttribute", async () => {
    const { account, client, calls } = setup();
    const { listener: l } = await stack(client, "https", null);
    account.loadBalancers[0].Attributes.delete_protection = "on";
    const from = calls().length;
    await expect(listener.delete(client, { ...l, delete_protection_validation: true })).rejects.toThrow(
      `Current listener's SLB Instance ${l.load_balancer_id} has enabled DeleteProtection. Please set delete_protection_validation to false to delete the listener resource.`,
    );
    expect(names(calls(from))).toEqual(["DescribeLoadBalancerAttribute:Success", "DescribeLoadBalancerAttribute:Success"]);
    expect(account.listeners).toHaveLength(1);
  });

  test("Delete of a server certificate makes one Describe after DeleteServerCertificate, and is done even if the certificate still shows", async () => {
    const account = emptyAccount();
    // A cloud whose Describe still lists the certificate after its delete: WaitForSlbServerCertificate breaks out when it finds it.
    const client = new SlbClient(REGION, (action) => {
      const before = [...account.serverCertificates];
      const result = action(account);
      if (account.calls.at(-1)?.action === "DeleteServerCertificate") account.serverCertificates = before;
      return result;
    });
    const cert = (await server.create(
      client,
      plannedCreate("alicloud_slb_server_certificate", { name: "svc", server_certificate: example("server.pem"), private_key: example("server.key") }),
    ))!;
    const from = account.calls.length;
    await server.delete(client, cert);
    expect(account.calls.slice(from).map((c) => `${c.action}:${c.result}`)).toEqual(["DeleteServerCertificate:Success", "DescribeServerCertificates:Success"]);
    expect(slept).toEqual([]);
  });
});

describe("data source alicloud_slb_ca_certificates", () => {
  test("one DescribeCACertificates without the IDs (the provider filters ids and name_regex itself); the cloud's own tag keys are left out", async () => {
    const { account, client, calls } = setup();
    const a = uploadCaCertificate(account, {
      RegionId: REGION,
      CACertificate: example("sample-root-ca.pem"),
      CACertificateName: "a",
      Tag: [{ Key: "team", Value: "pki" }],
    });
    // A key the cloud sets itself (no API call may).
    a.Tags.push({ Key: "aliyun-created", Value: "1" });
    const from = calls().length;
    const config = conform(schemas.dataSources.alicloud_slb_ca_certificates.block, { ids: [a.CACertificateId], tags: { team: "pki" } });
    const read = await DATA_SOURCES.alicloud_slb_ca_certificates.read(client, config);
    expect(calls(from)).toEqual([["DescribeCACertificates", { RegionId: REGION, Tag: [{ Key: "team", Value: "pki" }] }, "Success"]]);
    expect((read.certificates as CtyObject[]).map((c) => c.tags)).toEqual([{ team: "pki" }]);
    // dataResourceIdHash: CRC-32 of "<id>-".
    expect(read.id).toBe(String(zlib.crc32(`${a.CACertificateId}-`)));
  });

  test("output_file is Go's json.MarshalIndent of the entries: tabs, keys sorted", async () => {
    const { account, client } = setup();
    uploadCaCertificate(account, { RegionId: REGION, CACertificate: example("sample-root-ca.pem"), CACertificateName: "a" });
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "slb-output-")), "certificates.json");
    await DATA_SOURCES.alicloud_slb_ca_certificates.read(client, conform(schemas.dataSources.alicloud_slb_ca_certificates.block, { output_file: file }));
    const text = fs.readFileSync(file, "utf8");
    expect(text.split("\n")[1]).toBe("\t{");
    expect(Object.keys(JSON.parse(text)[0])).toEqual([...Object.keys(JSON.parse(text)[0])].sort());
    // ioutil.WriteFile(path, data, 422): decimal 422 is 0o646, less the umask.
    expect(fs.statSync(file).mode & 0o777).toBe(0o646 & ~process.umask());
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  });

  test("output_file escapes as Go's encoder does: <, >, & and U+2028/U+2029 as \\u escapes, a lone surrogate as \\ufffd, keys in UTF-8 order", () => {
    const entry = { "\uE000": 1, "\u{1F600}": 2, name: "a<b>&c\u2028\u2029\ud800", tab: "\t\b\f\u0001", empty: {}, none: [] };
    expect(marshalIndent([entry])).toBe(
      [
        "[",
        "\t{",
        '\t\t"empty": {},',
        '\t\t"name": "a\\u003cb\\u003e\\u0026c\\u2028\\u2029\\ufffd",',
        '\t\t"none": [],',
        '\t\t"tab": "\\t\\b\\f\\u0001",',
        // U+E000 (UTF-8 ee 80 80) sorts before U+1F600 (f0 9f 98 80); in UTF-16 order it would come after.
        '\t\t"\uE000": 1,',
        '\t\t"\u{1F600}": 2',
        "\t}",
        "]",
      ].join("\n"),
    );
  });
});
