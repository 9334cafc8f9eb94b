/**
 * Migration from cdktf to CDK Terrain, as the upgrade guide says: the example
 * app deployed with cdktf against the local cloud, then switched to cdktn
 * (dependencies and imports renamed, cdktn's bindings; cdktf.json, cdktf.out and
 * the state untouched). cdktn synthesizes the same JSON but for the version it
 * records, plans no changes, and destroys what cdktf deployed.
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
    stateBefore = STACKS.map((stack) => fs.readFileSync(path.join(ws.dir, `terraform.${stack}.tfstate`), "utf8"));
    ws.switchToCdktn();
  }, 300_000);
  afterAll(() => ws.remove());

  test("cdktn synth writes the same stacks, but for the version cdk.tf.json records; the same logical IDs", () => {
    expect(ws.framework).toBe("cdktn");
    expectOk(ws.cli(["synth"]));
    const after = snapshot(ws);
    for (const stack of STACKS) {
      expect(before[stack].json["//"].metadata.version).toBe("0.21.0");
      expect(after[stack].json["//"].metadata.version).toBe("0.24.0");
      const same = (json: Record<string, { metadata: object }>) => ({ ...json, "//": { ...json["//"], metadata: { ...json["//"].metadata, version: "-" } } });
      expect({ stack, json: same(after[stack].json) }).toEqual({ stack, json: same(before[stack].json) });
      expect(after[stack].addresses).toEqual(before[stack].addresses);
    }
  });

  test("cdktn diff and terraform plan show no changes: the state carries over", () => {
    for (const stack of STACKS) {
      const diff = ws.cli(["diff", stack, "--skip-synth"]);
      expectOk(diff);
      expect({ stack, noChanges: diff.output.includes("No changes.") }).toEqual({ stack, noChanges: true });
      const plan = ws.plan(stack);
      expect({ stack, status: plan.status, output: plan.status === 0 ? "" : plan.output }).toEqual({ stack, status: 0, output: "" });
    }
    // Nothing was written to the state by the switch or the plans.
    expect(STACKS.map((stack) => fs.readFileSync(path.join(ws.dir, `terraform.${stack}.tfstate`), "utf8"))).toEqual(stateBefore);
  });

  test("slb-local-cloud destroy, now through cdktn-cli, removes what cdktf deployed", () => {
    expectOk(ws.localCloud(["destroy"]));
    const account = ws.account();
    expect([account.caCertificates, account.serverCertificates, account.loadBalancers, account.listeners]).toEqual([[], [], [], []]);
  });
});
