/**
 * A tag that TagResources refuses (a 65-character key, reachable only past
 * the construct's check, through an escape hatch): the upload succeeds, the
 * tagging fails, Terraform keeps the new certificate as tainted. The next apply
 * replaces it, and nothing is left behind.
 */
import assert from "node:assert/strict";
import { CA1, scenarioApp } from "./app";
import { STACK, Scenario, accountEqualsState, callsSince, changes, failed, ok, only, planIsClean, statuses, callCount } from "./context";

const APP = scenarioApp(`
const ca = new CaCertificate(stack, "ClientCa", {
  caCertificate: fs.readFileSync(${JSON.stringify(CA1)}, "utf8"),
  caCertificateName: "acceptance-refused-tag",
  tags: RUN_TAGS,
});
if (process.env.BAD_TAG_KEY) ca.resource.addOverride(\`tags.\${process.env.BAD_TAG_KEY}\`, "refused");
`);

export const refusedTag: Scenario = {
  name: "refused-tag",
  title: "a tag TagResources refuses (65-character key, past the construct) leaves a tainted certificate that the next apply replaces",
  run(ctx) {
    const ws = ctx.workspace("refused-tag", APP);
    try {
      ws.synth({ BAD_TAG_KEY: "k".repeat(65), ACCEPTANCE_RUN_ID: ctx.runId });
      ws.init(STACK);
      const refused = ws.apply(STACK);
      failed(refused, "an apply with a 65-character tag key");
      assert.deepEqual(statuses(ws.state(STACK), "alicloud_slb_ca_certificate"), ["tainted"]);
      const tainted = only(ws.state(STACK), "alicloud_slb_ca_certificate").id;
      if (ctx.target === "local") {
        assert.match(refused.output, /TagResources failed: InvalidParam\.TagKey/);
        assert.deepEqual(changes(ws.account().calls), ["UploadCACertificate:Success", "TagResources:InvalidParam.TagKey"]);
        accountEqualsState(ws);
      }

      const from = ctx.target === "local" ? callCount(ws) : 0;
      ws.synth({ ACCEPTANCE_RUN_ID: ctx.runId });
      const fixed = ws.apply(STACK);
      ok(fixed, "the apply without the bad tag");
      assert.match(fixed.output, /1 added, 0 changed, 1 destroyed/);
      const state = ws.state(STACK);
      assert.deepEqual(statuses(state, "alicloud_slb_ca_certificate"), [undefined]);
      assert.notEqual(only(state, "alicloud_slb_ca_certificate").id, tainted);
      if (ctx.target === "local") {
        const calls = callsSince(ws, from);
        assert.deepEqual(changes(calls), ["UploadCACertificate:Success", "TagResources:Success", "DeleteCACertificate:Success"]);
        assert.equal(calls.find((c) => c.action === "DeleteCACertificate")!.params.CACertificateId, tainted);
        accountEqualsState(ws);
      }
      planIsClean(ws);
    } finally {
      ws.terraform(STACK, ["destroy", "-auto-approve", "-input=false", "-no-color"]);
      ws.remove();
    }
  },
};
