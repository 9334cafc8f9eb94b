/**
 * A resource group change replaces the certificate: the new one is uploaded
 * into the new group, the listener is repointed, then the old one is deleted
 * (create-before-destroy). A resource group the account does not have is
 * refused by the API, and the stack stays as it was.
 */
import assert from "node:assert/strict";
import { CA1, httpsListenerOn, scenarioApp } from "./app";
import { STACK, Scenario, ScenarioSkipped, callsSince, changes, failed, ok, only, planIsClean, accountEqualsState, callCount } from "./context";

const APP = scenarioApp(`
const ca = new CaCertificate(stack, "ClientCa", {
  caCertificate: fs.readFileSync(${JSON.stringify(CA1)}, "utf8"),
  caCertificateName: "acceptance-rg",
  resourceGroupId: process.env.RG,
  tags: RUN_TAGS,
});
${httpsListenerOn("ca.caCertificateId")}
`);

export const resourceGroup: Scenario = {
  name: "resource-group",
  title: "a resource group change: the certificate is replaced, the listener repointed, the old certificate deleted",
  run(ctx) {
    const ws = ctx.workspace("resource-group", APP);
    const groups = ctx.resourceGroups(ws);
    if (typeof groups === "string") {
      // Nothing was deployed: no destroy to run.
      ws.remove();
      throw new ScenarioSkipped(groups);
    }
    try {
      const [first, second] = groups;
      const env = (rg: string) => ({ RG: rg, ACCEPTANCE_RUN_ID: ctx.runId });
      ws.synth(env(first));
      ws.init(STACK);
      ok(ws.apply(STACK), "the first apply");
      const before = only(ws.state(STACK), "alicloud_slb_ca_certificate");
      assert.equal(before.resource_group_id, first);

      const from = ctx.target === "local" ? callCount(ws) : 0;
      ws.synth(env(second));
      const moved = ws.apply(STACK);
      ok(moved, "the resource group change");
      assert.match(moved.output, /1 added, 1 changed, 1 destroyed/);
      const state = ws.state(STACK);
      const after = only(state, "alicloud_slb_ca_certificate");
      assert.notEqual(after.id, before.id, "the certificate was not replaced");
      assert.equal(after.resource_group_id, second);
      assert.equal(only(state, "alicloud_slb_listener").ca_certificate_id, after.id, "the listener was not repointed");
      if (ctx.target === "local") {
        const calls = callsSince(ws, from);
        assert.deepEqual(changes(calls), [
          "UploadCACertificate:Success",
          "TagResources:Success",
          "SetLoadBalancerHTTPSListenerAttribute:Success",
          "DeleteCACertificate:Success",
        ]);
        assert.equal(calls.find((c) => c.action === "UploadCACertificate")!.params.ResourceGroupId, second);
        assert.equal(calls.find((c) => c.action === "DeleteCACertificate")!.params.CACertificateId, before.id);
        accountEqualsState(ws);
      }
      planIsClean(ws);

      // A well-formed ID of no group in the account: refused by the upload, nothing replaced.
      ws.synth(env("rg-acfmzzzzzzzzzzz"));
      failed(ws.apply(STACK), "an apply into an unknown resource group");
      assert.equal(only(ws.state(STACK), "alicloud_slb_ca_certificate").id, after.id);
      if (ctx.target === "local") accountEqualsState(ws);
      ws.synth(env(second));
      planIsClean(ws);
    } finally {
      ws.terraform(STACK, ["destroy", "-auto-approve", "-input=false", "-no-color"]);
      ws.remove();
    }
  },
};
