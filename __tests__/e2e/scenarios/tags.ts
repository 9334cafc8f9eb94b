/**
 * Tags added, changed and removed in place: the same certificate, tagged
 * through UntagResources and TagResources, never uploaded again. A 64-character
 * key (TagResources' longest) goes through. In the cloud, the data source shows
 * what SLB holds.
 */
import assert from "node:assert/strict";
import { CA1, scenarioApp } from "./app";
import { RUN_TAG_KEY, STACK, Scenario, callsSince, changes, ok, planIsClean, callCount } from "./context";

const KEY_64 = "k".repeat(64);
const FIRST = { team: "pki", env: "prod", [KEY_64]: "sixty-four" };
const SECOND = { team: "platform", owner: "ops", [KEY_64]: "sixty-four" };

/** Tags as TagResources' Tag parameter, in key order (Go sends a map's entries in no set order). */
function tagList(tags: Record<string, string>): { Key: string; Value: string }[] {
  return Object.keys(tags)
    .sort()
    .map((Key) => ({ Key, Value: tags[Key] }));
}

function sortedByKey(tags: unknown): unknown {
  return [...(tags as { Key: string }[])].sort((a, b) => (a.Key < b.Key ? -1 : 1));
}

const APP = scenarioApp(`
const ca = new CaCertificate(stack, "ClientCa", {
  caCertificate: fs.readFileSync(${JSON.stringify(CA1)}, "utf8"),
  caCertificateName: "acceptance-tags",
  tags: { ...RUN_TAGS, ...JSON.parse(process.env.TAGS!) },
});
// Read after the certificate changes (depends_on defers it to apply): what SLB holds now.
const seen = new DataAlicloudSlbCaCertificates(stack, "Seen", { ids: [ca.caCertificateId], dependsOn: [ca.resource] });
new TerraformOutput(stack, "id", { value: ca.caCertificateId });
new TerraformOutput(stack, "cloud_tags", { value: seen.certificates.get(0).tags });
`);

export const tags: Scenario = {
  name: "tags",
  title: "tags added, changed and removed in place: same ID, UntagResources for the removed keys, TagResources, no upload",
  run(ctx) {
    const ws = ctx.workspace("tags", APP);
    const env = (t: object) => ({ TAGS: JSON.stringify(t), ACCEPTANCE_RUN_ID: ctx.runId });
    const run = { [RUN_TAG_KEY]: ctx.runId };
    try {
      ws.synth(env(FIRST));
      ws.init(STACK);
      ok(ws.apply(STACK), "the first apply");
      const first = ws.outputs(STACK);
      assert.deepEqual(first.cloud_tags, { ...run, ...FIRST }, "the tags SLB holds after the first apply");
      if (ctx.target === "local") {
        // The upload carries no tags; TagResources carries all of them, next.
        const calls = ws.account().calls;
        const upload = calls.find((c) => c.action === "UploadCACertificate")!;
        assert.equal("Tag" in upload.params, false, "UploadCACertificate was sent with tags");
        const after = changes(calls.slice(calls.indexOf(upload)));
        assert.deepEqual(after, ["UploadCACertificate:Success", "TagResources:Success"]);
        const tagged = calls.find((c) => c.action === "TagResources")!;
        assert.deepEqual(sortedByKey(tagged.params.Tag), tagList({ ...run, ...FIRST }));
      }

      const from = ctx.target === "local" ? callCount(ws) : 0;
      ws.synth(env(SECOND));
      const second = ws.apply(STACK);
      ok(second, "the tag change");
      assert.match(second.output, /0 added, 1 changed, 0 destroyed/);
      const after = ws.outputs(STACK);
      assert.equal(after.id, first.id, "the certificate was replaced");
      assert.deepEqual(after.cloud_tags, { ...run, ...SECOND }, "the tags SLB holds after the change");
      if (ctx.target === "local") {
        const calls = callsSince(ws, from);
        assert.deepEqual(changes(calls), ["UntagResources:Success", "TagResources:Success"]);
        const untag = calls.find((c) => c.action === "UntagResources")!;
        // The removed key and the changed one (its old value goes first); TagResources then sends every tag.
        assert.deepEqual([...(untag.params.TagKey as string[])].sort(), ["env", "team"]);
        assert.deepEqual(sortedByKey(calls.find((c) => c.action === "TagResources")!.params.Tag), tagList({ ...run, ...SECOND }));
      }
      planIsClean(ws);
    } finally {
      ws.terraform(STACK, ["destroy", "-auto-approve", "-input=false", "-no-color"]);
      ws.remove();
    }
  },
};
