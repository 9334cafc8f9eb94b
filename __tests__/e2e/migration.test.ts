/**
 * Migration from cdktf to CDK Terrain, as the upgrade guide says: the example
 * app deployed with cdktf against the local cloud, then switched to cdktn
 * (dependencies and imports renamed, cdktn's bindings; cdktf.json, cdktf.out and
 * the state untouched). Through the local cloud, whose deploys keep their own
 * output folder and state (docs/local-cloud.md): cdktn synthesizes the same JSON
 * but for the version it records, its deploy changes nothing (every stack "No
 * changes.", the same IDs, the managed resources and outputs of the state as
 * they were: data sources are read anew at each plan), terraform then plans
 * no changes, and cdktn destroys what cdktf deployed.
 */
import * as fs from "fs";
import * as path from "path";
import { expectOk, TerraformState, Workspace } from "./harness";

const STACKS = ["pki", "edge"];

/** Each stack's cdk.tf.json, and the addresses of its state's objects. */
function snapshot(ws: Workspace) {
  return Object.fromEntries(
    STACKS.map((stack) => [
      stack,
      {
        json: JSON.parse(fs.readFileSync(path.join(ws.stackDir(stack), "cdk.tf.json"), "utf8")),
        addresses: addresses(ws.state(stack)),
      },
    ]),
  );
}

function addresses(state: TerraformState): string[] {
  return state.resources.map((r) => `${r.mode}.${r.type}.${r.name}`).sort();
}

describe("an app deployed with cdktf, switched to cdktn", () => {
  let ws: Workspace;
  let before: ReturnType<typeof snapshot>;
  let stateBefore: string[];
  beforeAll(() => {
    ws = new Workspace("migration", undefined, undefined, { framework: "cdktf", switchable: true });
    expectOk(ws.localCloud(["deploy"]));
    before = snapshot(ws);
    stateBefore = STACKS.map((stack) => fs.readFileSync(path.join(ws.stateDir(), `terraform.${stack}.tfstate`), "utf8"));
    ws.switchToCdktn();
  }, 300_000);
  afterAll(() => ws.remove());

  test("a deploy through cdktn-cli changes nothing: every stack says No changes, and the state holds the same resources and outputs", () => {
    expect(ws.framework).toBe("cdktn");
    const idsBefore = ws.account().caCertificates.map((c) => c.CACertificateId);
    const deploy = ws.localCloud(["deploy"]);
    expectOk(deploy);
    expect(deploy.output.match(/No changes\./g)?.length ?? 0).toBeGreaterThanOrEqual(STACKS.length);
    expect(ws.account().caCertificates.map((c) => c.CACertificateId)).toEqual(idsBefore);
    // Managed resources and outputs: a data source (the orphan scan) is read anew at every plan.
    const kept = (text: string) => {
      const state = JSON.parse(text) as TerraformState & { outputs: unknown; lineage: string };
      return { lineage: state.lineage, outputs: state.outputs, managed: state.resources.filter((r) => r.mode === "managed") };
    };
    const stateAfter = STACKS.map((stack) => fs.readFileSync(path.join(ws.stateDir(), `terraform.${stack}.tfstate`), "utf8"));
    expect(stateAfter.map(kept)).toEqual(stateBefore.map(kept));
  });

  test("cdktn wrote the same stacks, but for the version cdk.tf.json records; the same logical IDs; terraform plans no changes", () => {
    const after = snapshot(ws);
    for (const stack of STACKS) {
      expect(before[stack].json["//"].metadata.version).toBe("0.21.0");
      expect(after[stack].json["//"].metadata.version).toBe("0.24.0");
      const same = (json: Record<string, { metadata: object }>) => ({ ...json, "//": { ...json["//"], metadata: { ...json["//"].metadata, version: "-" } } });
      expect({ stack, json: same(after[stack].json) }).toEqual({ stack, json: same(before[stack].json) });
      expect(after[stack].addresses).toEqual(before[stack].addresses);
      const plan = ws.plan(stack);
      expect({ stack, status: plan.status, output: plan.status === 0 ? "" : plan.output }).toEqual({ stack, status: 0, output: "" });
    }
  });

  test("slb-local-cloud destroy, now through cdktn-cli, removes what cdktf deployed", () => {
    expectOk(ws.localCloud(["destroy"]));
    const account = ws.account();
    expect([account.caCertificates, account.serverCertificates, account.loadBalancers, account.listeners]).toEqual([[], [], [], []]);
  });
});
