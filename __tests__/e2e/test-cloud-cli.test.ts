/**
 * `npm run test:cloud`, the acceptance harness, as a user runs it: without
 * credentials one line and exit 0; never the real cloud from inside a test
 * run; against the local provider it runs the scenarios; the sweeper finds
 * what carries the acceptance tag and deletes it. (The scenarios themselves
 * run in acceptance-*.test.ts; one runs here through the CLI.)
 */
import { spawnSync } from "child_process";
import * as path from "path";
import { readAccount, withAccount } from "../../emulator/account-file";
import { createListener } from "../../emulator/api/listeners";
import { createLoadBalancer } from "../../emulator/api/load-balancers";
import { uploadServerCertificate } from "../../emulator/api/server-certificates";
import { tagResources } from "../../emulator/api/tags";
import { example } from "../support/fixtures";
import { signRpc, percentEncode } from "../../acceptance/slb-rpc";
import { CERTS, PROJECT, Workspace } from "./harness";
import { ScenarioContext } from "./scenarios/context";
import { ScenarioResult, runScenario, selectScenarios, summary } from "./scenarios/run";

const REGION = "cn-hangzhou";

/** The CLI as `npm run test:cloud -- ARGS` runs it, with `env` on top of the workspace's (or the process's) environment. */
function testCloud(args: string[], env: NodeJS.ProcessEnv) {
  const r = spawnSync(process.execPath, ["--import", "tsx", path.join(PROJECT, "acceptance", "test-cloud.ts"), ...args], {
    cwd: PROJECT,
    env,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** process.env without the provider's credentials. */
function withoutCredentials(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of ["ALICLOUD_ACCESS_KEY", "ALICLOUD_SECRET_KEY", "ALIBABA_CLOUD_ACCESS_KEY_ID", "ALIBABA_CLOUD_ACCESS_KEY_SECRET"]) delete env[name];
  return env;
}

test("without credentials: one line saying it skipped and why, exit 0", () => {
  expect(testCloud([], withoutCredentials())).toEqual({
    status: 0,
    stdout:
      "test:cloud: skipped: no Alibaba Cloud credentials (set ALICLOUD_ACCESS_KEY and ALICLOUD_SECRET_KEY for the real cloud, or pass --local for the local provider)\n",
    stderr: "",
  });
});

test("with credentials but inside a test run (JEST_WORKER_ID): refused, the cloud untouched", () => {
  const run = testCloud([], { ...withoutCredentials(), ALICLOUD_ACCESS_KEY: "AKID-not-real", ALICLOUD_SECRET_KEY: "not-real", JEST_WORKER_ID: "1" });
  expect(run).toEqual({
    status: 2,
    stdout: "test:cloud: refused: the real cloud is never touched from inside a test run (JEST_WORKER_ID is set); pass --local\n",
    stderr: "",
  });
});

test("an unknown scenario is a usage error naming the scenarios", () => {
  const run = testCloud(["--local", "--only", "nope"], withoutCredentials());
  expect(run.status).toBe(2);
  expect(run.stderr).toMatch(/^test:cloud: no scenario nope; the scenarios are tags, resource-group, refused-tag, /);
});

test("--local runs the scenarios against the local provider and says how each went", () => {
  const ws = new Workspace("test-cloud-cli");
  try {
    const run = testCloud(["--local", "--only", "lost-response"], ws.env);
    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: "" });
    expect(run.stdout).toMatch(
      /^test:cloud: 1 scenario\(s\) against the local provider, run run-\d{14}-[0-9a-f]{6}\nok {6}lost-response \([\d.]+ s\)\ntest:cloud: 1 of 1 passed, 0 skipped, 0 failed\n$/,
    );
  } finally {
    ws.remove();
  }
}, 180_000);

test("--sweep --local deletes what carries the acceptance tag (of one run with --run), load balancers first, and nothing else", () => {
  const ws = new Workspace("test-cloud-sweep");
  try {
    const upload = (tag: string) => {
      const r = ws.localCloud(["upload-ca", path.join(CERTS, "sample-root-ca.pem"), ...(tag ? ["--tag", tag] : [])]);
      expect(r.status).toBe(0);
      return r.output.trim();
    };
    const mine = upload("cdktf-slb-acceptance=run-1");
    const other = upload("cdktf-slb-acceptance=run-2");
    const untagged = upload("");
    // run-1's CA is trusted by a listener of run-1's load balancer: the load balancer must go first.
    const lbId = withAccount((account) => {
      const lb = createLoadBalancer(account, { RegionId: REGION, Attributes: {} });
      const cert = uploadServerCertificate(account, { RegionId: REGION, ServerCertificate: example("server.pem"), PrivateKey: example("server.key") });
      const tag = [{ Key: "cdktf-slb-acceptance", Value: "run-1" }];
      tagResources(account, { RegionId: REGION, ResourceType: "instance", ResourceId: [lb.LoadBalancerId], Tag: tag });
      tagResources(account, { RegionId: REGION, ResourceType: "certificate", ResourceId: [cert.ServerCertificateId], Tag: tag });
      const key = { RegionId: REGION, LoadBalancerId: lb.LoadBalancerId, ListenerProtocol: "https", ListenerPort: 443 };
      createListener(account, { ...key, ServerCertificateId: cert.ServerCertificateId, CACertificateId: mine });
      return [lb.LoadBalancerId, cert.ServerCertificateId];
    }, ws.env.SLB_EMULATOR_STATE);
    const one = testCloud(["--sweep", "--local", "--run", "run-1"], ws.env);
    expect(one).toEqual({
      status: 0,
      stdout: `swept load balancer ${lbId[0]}\nswept certificate ${mine}\nswept certificate ${lbId[1]}\n`,
      stderr: "",
    });
    const rest = testCloud(["--sweep", "--local"], ws.env);
    expect(rest).toEqual({ status: 0, stdout: `swept certificate ${other}\n`, stderr: "" });
    expect(readAccount(ws.env.SLB_EMULATOR_STATE).caCertificates.map((c) => c.CACertificateId)).toEqual([untagged]);
    expect(testCloud(["--sweep", "--local"], ws.env).stdout).toBe("swept nothing: no resource carries cdktf-slb-acceptance\n");
  } finally {
    ws.remove();
  }
});

describe("a scenario that cannot run is reported skipped, never passed", () => {
  /** A cloud context without TEST_CLOUD_RESOURCE_GROUPS: nothing is deployed (the workspace is never used). */
  const cloud: ScenarioContext = {
    target: "cloud",
    runId: "run-1",
    workspace: () => ({ remove: () => undefined }) as unknown as Workspace,
    resourceGroups: () => "TEST_CLOUD_RESOURCE_GROUPS does not name two resource group IDs of the account (rg-…,rg-…)",
    log: () => undefined,
  };

  test("resource-group without the account's resource groups, and a local-only scenario in the cloud: skipped, with the reason", () => {
    const [rg, lost] = selectScenarios(["resource-group", "lost-response"]).map((s) => runScenario(s, cloud));
    expect([rg.outcome, rg.detail]).toEqual(["skipped", "TEST_CLOUD_RESOURCE_GROUPS does not name two resource group IDs of the account (rg-…,rg-…)"]);
    expect(lost.outcome).toBe("skipped");
    expect(summary([rg, lost])).toBe("0 of 2 passed, 2 skipped, 0 failed");
  });

  test("the summary counts each outcome apart", () => {
    const result = (outcome: ScenarioResult["outcome"]) => ({ name: outcome, outcome, detail: "", seconds: 0 });
    expect(summary([result("ok"), result("skipped"), result("failed"), result("ok")])).toBe("2 of 4 passed, 1 skipped, 1 failed");
  });
});

describe("the sweeper's SLB client", () => {
  test("signs as Alibaba Cloud's worked example (request signatures, signature version 1.0): testid/testsecret, DescribeRegions", () => {
    const params = {
      AccessKeyId: "testid",
      Action: "DescribeRegions",
      Format: "XML",
      SignatureMethod: "HMAC-SHA1",
      SignatureNonce: "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf",
      SignatureVersion: "1.0",
      Timestamp: "2016-02-23T12:46:24Z",
      Version: "2014-05-26",
    };
    expect(signRpc("GET", params, "testsecret")).toBe("OLeaidS1JvxuMvnyHOwuJ+uX5qY=");
  });

  test("percent-encodes as RFC 3986 wants: spaces, *, ! ' ( ) encoded, ~ kept", () => {
    expect(percentEncode("a b*c~d!'()")).toBe("a%20b%2Ac~d%21%27%28%29");
  });
});
