/**
 * Rotation under lag (SLB_EMULATOR_LAG), through the real terraform:
 *
 * - release lag: the listener is repointed, but SLB still counts the old CA as
 *   used; DeleteCACertificate's CertificateAndPrivateKeyIsRefered is not a code
 *   the provider retries, so the apply fails with the old CA deposed. A rerun
 *   once the lag has passed deletes it: converges on a rerun.
 * - visibility lag: the new CA is uploaded and tagged, but the Read that ends
 *   Create finds nothing, so the provider clears the ID and Terraform reports
 *   "Provider returned invalid result object after apply" (the SDK's null
 *   object). The certificate stays in the account, unknown to the
 *   state; the rerun (lag passed) uploads another. The stack converges, but an
 *   orphan is left: the provider cannot survive a DescribeCACertificates that
 *   lags its upload, and only a real-cloud run can tell whether SLB's does.
 */
import assert from "node:assert/strict";
import { CA1, CA2, httpsListenerOn, scenarioApp } from "./app";
import { STACK, Scenario, accountEqualsState, failed, ok, only, planIsClean, statuses } from "./context";

/** Long enough to cover the apply that meets it (with the e2e wait scale); short enough to wait out. */
const LAG_MS = 4000;

const APP = scenarioApp(`
const ca = new CaCertificate(stack, "ClientCa", {
  caCertificate: fs.readFileSync(process.env.CA_FILE!, "utf8"),
  caCertificateName: "acceptance-lag",
  tags: RUN_TAGS,
});
${httpsListenerOn("ca.caCertificateId")}
`);

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

export const rotationUnderLag: Scenario = {
  name: "rotation-under-lag",
  title: "rotation under lag: a late release converges on a rerun; a late visibility leaves an orphan",
  localOnly: "it delays the local provider's API (SLB_EMULATOR_LAG)",
  run(ctx) {
    const ws = ctx.workspace("rotation-under-lag", APP);
    const env = (file: string) => ({ ACCEPTANCE_RUN_ID: ctx.runId, CA_FILE: file });
    try {
      ws.synth(env(CA1));
      ws.init(STACK);
      ok(ws.apply(STACK), "the first apply");
      const first = only(ws.state(STACK), "alicloud_slb_ca_certificate").id;

      // Release lag: converges on a rerun.
      ws.synth(env(CA2));
      const late = ws.apply(STACK, { SLB_EMULATOR_LAG: `release:${LAG_MS}` });
      failed(late, "the rotation under release lag");
      assert.match(late.output, /DeleteCACertificate failed: CertificateAndPrivateKeyIsRefered/);
      assert.deepEqual(statuses(ws.state(STACK), "alicloud_slb_ca_certificate").sort(), [undefined, "deposed"].sort());
      accountEqualsState(ws);
      // Wait for the release the failed apply met (its time is in the account).
      const releasedAt = Math.max(...(ws.account().caReleases ?? []).map((r) => r.Until));
      sleep(Math.max(0, releasedAt - Date.now() + 50));
      ok(ws.apply(STACK), "the rerun after the release arrived");
      assert.notEqual(only(ws.state(STACK), "alicloud_slb_ca_certificate").id, first);
      accountEqualsState(ws);
      planIsClean(ws);

      // Visibility lag: the create's own Read misses the new certificate.
      ws.synth(env(CA1));
      const before = ws.account().caCertificates.map((c) => c.CACertificateId);
      const hidden = ws.apply(STACK, { SLB_EMULATOR_LAG: `visibility:${LAG_MS}` });
      failed(hidden, "the rotation under visibility lag");
      assert.match(hidden.output, /Provider returned invalid result object after apply/);
      const orphan = ws.account().caCertificates.find((c) => !before.includes(c.CACertificateId))!;
      assert.ok(orphan, "no certificate was uploaded");
      assert.equal(JSON.stringify(ws.state(STACK)).includes(orphan.CACertificateId), false, "the state knows the hidden certificate");
      ok(ws.apply(STACK), "the rerun after the certificate became visible");
      planIsClean(ws);
      const managed = only(ws.state(STACK), "alicloud_slb_ca_certificate").id;
      assert.deepEqual(
        ws
          .account()
          .caCertificates.map((c) => c.CACertificateId)
          .sort(),
        [managed, orphan.CACertificateId].sort(),
        "after the rerun the account holds the managed certificate and the orphan",
      );
      ctx.log(`visibility lag left ${orphan.CACertificateId} behind`);
    } finally {
      ws.terraform(STACK, ["destroy", "-auto-approve", "-input=false", "-no-color"]);
      ws.remove();
    }
  },
};
