/**
 * Faults injected into the local provider's API (SLB_EMULATOR_FAIL), through
 * the real terraform:
 *
 * - a transient fault on each mutating action the provider retries is retried,
 *   and the deploy succeeds with nothing duplicated;
 * - a fault the provider does not retry fails the deploy, and the next deploy
 *   converges with the account equal to the state;
 * - a lost response: the upload took effect, the provider retried it, and the
 *   first certificate is left behind, an orphan no state knows.
 */
import assert from "node:assert/strict";
import type { CallRecord } from "../../../emulator/account";
import { Workspace } from "../harness";
import { CA1, CA2, httpsListenerOn, scenarioApp } from "./app";
import { RUN_TAG_KEY, STACK, Scenario, accountEqualsState, callsSince, failed, ok, only, planIsClean, callCount } from "./context";

const LOCAL_ONLY = "it injects faults into the local provider's API (SLB_EMULATOR_FAIL)";

const APP = scenarioApp(`
const ca = new CaCertificate(stack, "ClientCa", {
  caCertificate: fs.readFileSync(process.env.CA_FILE!, "utf8"),
  caCertificateName: process.env.CA_NAME!,
  tags: { ...RUN_TAGS, ...JSON.parse(process.env.TAGS ?? "{}") },
});
${httpsListenerOn("ca.caCertificateId")}
`);

interface Step {
  readonly title: string;
  readonly env: Record<string, string>;
  readonly fail: string;
}

/** Every injected fault fired (one per rule) and was followed by a success of the same action. */
function everyFaultRetried(calls: readonly CallRecord[], rules: string): void {
  const injected = calls.filter((c) => c.injected);
  assert.equal(injected.length, rules.split(",").length, `not every rule of ${rules} fired: ${injected.map((c) => c.action).join(", ")}`);
  for (const fault of injected) {
    const later = calls.slice(calls.indexOf(fault) + 1).find((c) => c.action === fault.action && c.result === "Success");
    assert.ok(later, `${fault.action} (${fault.result}) was not retried`);
  }
}

function apply(ws: Workspace, env: Record<string, string>, fail?: string) {
  ws.synth(env);
  return ws.apply(STACK, fail ? { SLB_EMULATOR_FAIL: fail } : {});
}

export const transientFaults: Scenario = {
  name: "transient-faults",
  title: "one ServiceUnavailable or Throttling on each mutating action the provider retries: retried, the deploy succeeds, nothing duplicated",
  localOnly: LOCAL_ONLY,
  run(ctx) {
    const ws = ctx.workspace("transient-faults", APP);
    const base = { ACCEPTANCE_RUN_ID: ctx.runId, CA_FILE: CA1, CA_NAME: "acceptance-faults", TAGS: JSON.stringify({ team: "pki", env: "prod" }) };
    const steps: Step[] = [
      {
        title: "create",
        env: base,
        // TagResources is sent three times here (CA, server certificate, load balancer): the first and the third fail.
        fail: "UploadCACertificate:1:Throttling,TagResources:1,TagResources:3:Throttling,CreateLoadBalancer:1",
      },
      {
        title: "tags changed and renamed in place",
        env: { ...base, CA_NAME: "acceptance-faults-renamed", TAGS: JSON.stringify({ team: "platform" }) },
        fail: "UntagResources:1,TagResources:1:Throttling,SetCACertificateName:1:Throttling.User",
      },
      {
        title: "the CA rotated",
        env: { ...base, CA_NAME: "acceptance-faults-renamed", TAGS: JSON.stringify({ team: "platform" }), CA_FILE: CA2 },
        fail: "UploadCACertificate:1,DeleteCACertificate:1:OperationBusy,DeleteCACertificate:2:Throttling,DeleteCACertificate:3:ServiceIsConfiguring",
      },
    ];
    try {
      ws.synth(base);
      ws.init(STACK);
      for (const step of steps) {
        const from = callCount(ws);
        ok(apply(ws, step.env, step.fail), `${step.title} with ${step.fail}`);
        everyFaultRetried(callsSince(ws, from), step.fail);
        accountEqualsState(ws);
        planIsClean(ws);
      }
      const from = callCount(ws);
      const destroyRules = "DeleteLoadBalancer:1,DeleteCACertificate:1:SystemBusy";
      ok(ws.terraform(STACK, ["destroy", "-auto-approve", "-input=false", "-no-color"], { SLB_EMULATOR_FAIL: destroyRules }), "destroy");
      everyFaultRetried(callsSince(ws, from), destroyRules);
      accountEqualsState(ws);
      assert.deepEqual(ws.account().caCertificates, []);
    } finally {
      ws.terraform(STACK, ["destroy", "-auto-approve", "-input=false", "-no-color"]);
      ws.remove();
    }
  },
};

export const nonRetriedFaults: Scenario = {
  name: "non-retried-faults",
  title: "a fault the provider does not retry fails the deploy; the next deploy converges, the account equal to the state",
  localOnly: LOCAL_ONLY,
  run(ctx) {
    const ws = ctx.workspace("non-retried-faults", APP);
    const base = { ACCEPTANCE_RUN_ID: ctx.runId, CA_FILE: CA1, CA_NAME: "acceptance-non-retried", TAGS: "{}" };
    try {
      ws.synth(base);
      ws.init(STACK);
      // UploadServerCertificate goes through alibaba-cloud-sdk-go without NeedRetry: even ServiceUnavailable fails it.
      const first = apply(ws, base, "UploadServerCertificate:1");
      failed(first, "a create whose server certificate upload fails");
      assert.match(first.output, /UploadServerCertificate failed: ServiceUnavailable/);
      accountEqualsState(ws);
      ok(apply(ws, base), "the rerun");
      accountEqualsState(ws);
      planIsClean(ws);

      // A refusal of the tagging of an existing certificate: the tags stay as they were (d.Partial), the next apply sends them again.
      const retag = { ...base, TAGS: JSON.stringify({ team: "pki" }) };
      const refused = apply(ws, retag, "TagResources:1:NoPermission");
      failed(refused, "a tag change refused with NoPermission");
      assert.deepEqual(only(ws.state(STACK), "alicloud_slb_ca_certificate").tags, { [RUN_TAG_KEY]: ctx.runId });
      accountEqualsState(ws);
      ok(apply(ws, retag), "the rerun of the tag change");
      assert.deepEqual(
        ws
          .account()
          .caCertificates[0].Tags.map((t) => t.Key)
          .sort(),
        [RUN_TAG_KEY, "team"],
      );
      accountEqualsState(ws);
      planIsClean(ws);
    } finally {
      ws.terraform(STACK, ["destroy", "-auto-approve", "-input=false", "-no-color"]);
      ws.remove();
    }
  },
};

export const lostResponse: Scenario = {
  name: "lost-response",
  title: "a lost upload response: the provider retries, the deploy succeeds, and the first certificate is an orphan under the construct's name",
  localOnly: LOCAL_ONLY,
  run(ctx) {
    const ws = ctx.workspace("lost-response", APP);
    const base = { ACCEPTANCE_RUN_ID: ctx.runId, CA_FILE: CA1, CA_NAME: "acceptance-lost", TAGS: "{}" };
    try {
      ws.synth(base);
      ws.init(STACK);
      ok(apply(ws, base, "UploadCACertificate:1:lost"), "a create whose first upload response is lost");
      const account = ws.account();
      const managed = only(ws.state(STACK), "alicloud_slb_ca_certificate");
      const orphans = account.caCertificates.filter((c) => c.CACertificateId !== managed.id);
      assert.equal(orphans.length, 1, "no orphan");
      assert.equal(orphans[0].CACertificateName, managed.ca_certificate_name, "the orphan has another name");
      assert.deepEqual(
        account.calls.filter((c) => c.action === "UploadCACertificate").map((c) => [c.result, c.injected ?? null]),
        [
          ["Success", "lost"],
          ["Success", null],
        ],
      );
      ok(ws.terraform(STACK, ["destroy", "-auto-approve", "-input=false", "-no-color"]), "destroy");
      // Destroy knows nothing of it: the orphan stays.
      assert.deepEqual(
        ws.account().caCertificates.map((c) => c.CACertificateId),
        [orphans[0].CACertificateId],
      );
    } finally {
      ws.terraform(STACK, ["destroy", "-auto-approve", "-input=false", "-no-color"]);
      ws.remove();
    }
  },
};
