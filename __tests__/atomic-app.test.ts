/**
 * AtomicApp's publishing: all or nothing even when the process is killed
 * mid-publish, a second synth, and one process listener however many apps.
 * Child processes, because a kill and process listeners need a real process.
 */
import * as fs from "fs";
import * as path from "path";
import { Aspects, TerraformStack } from "cdktf";
import { AlicloudProvider } from "../.gen/providers/alicloud/provider";
import { AtomicApp, CaCertificate, CaCertificatePolicy } from "../constructs";
import { snapshot as snapshotOf } from "./support/directory-snapshot";
import { tempDir } from "./support/temp-dir";
import { fixture } from "./support/fixtures";
import { newStack } from "./support/stack";

/** The output folder with symlinks as their target: publishing swaps folders, and a link must point at the right one. */
const snapshot = (dir: string) => snapshotOf(dir, { symlinksAsTargets: true });

describe("AtomicApp in one process", () => {
  function app(outdir: string) {
    const atomic = new AtomicApp({ outdir });
    const stack = newStack("pki", { app: atomic });
    new CaCertificate(stack, "ClientCa", { caCertificate: fixture("root-rsa2048.pem") });
    return { atomic, stack };
  }

  it("synthesizes a second time, with what was added in between", () => {
    const outdir = path.join(tempDir("atomic-"), "out");
    const { atomic } = app(outdir);
    atomic.synth();
    const first = snapshot(outdir);
    expect(Object.keys(first).sort()).toEqual(["manifest.json", "stacks/pki/cdk.tf.json"]);
    const edge = new TerraformStack(atomic, "edge");
    new AlicloudProvider(edge, "alicloud", { region: "cn-beijing" });
    atomic.synth();
    const second = snapshot(outdir);
    expect(Object.keys(second).sort()).toEqual(["manifest.json", "stacks/edge/cdk.tf.json", "stacks/pki/cdk.tf.json"]);
    expect(second["stacks/pki/cdk.tf.json"]).toBe(first["stacks/pki/cdk.tf.json"]);
    expect(fs.readdirSync(path.dirname(outdir))).toEqual(["out"]);
  });

  it("a second synth of an unchanged app writes the same files: app aspects do not repeat their annotations", () => {
    const outdir = path.join(tempDir("atomic-"), "out");
    const { atomic } = app(outdir);
    Aspects.of(atomic).add(new CaCertificatePolicy({ warnValidityDays: 100_000 }));
    atomic.synth();
    const first = snapshot(outdir);
    const warnings = JSON.parse(Buffer.from(first["manifest.json"], "base64").toString()).stacks.pki.annotations;
    expect(warnings.map((a: { message: string }) => a.message.split(":")[0])).toEqual(["Policy.ValidityWarning"]);
    atomic.synth();
    expect(snapshot(outdir)).toEqual(first);
  });

  it("writes nothing at construction: the output folder appears only with a synth", () => {
    const project = tempDir("atomic-");
    app(path.join(project, "out"));
    expect(fs.readdirSync(project)).toEqual([]);
  });

  it("hands cdktf's own synthesizer its public switch, so error annotations of every stack are reported together", () => {
    // If cdktf changed how a stack synthesizer continues past error annotations, this fails loudly.
    const outdir = path.join(tempDir("atomic-"), "out");
    const atomic = new AtomicApp({ outdir });
    for (const name of ["a", "b"]) {
      const stack = newStack(name, { app: atomic });
      const ca = new CaCertificate(stack, "ClientCa", { caCertificate: fixture("root-rsa2048.pem") });
      ca.node.addMetadata("@cdktf/error", `Test.Error: in ${name}`);
    }
    expect(() => atomic.synth()).toThrow(
      "Synth failed with 2 errors; nothing was written to " + outdir + ":\n  [a/ClientCa] Test.Error: in a\n  [b/ClientCa] Test.Error: in b",
    );
    expect(fs.existsSync(outdir)).toBe(false);
  });
});

describe("AtomicApp publishes the warnings that validations add", () => {
  it("CACertificate.UnknownRegion (added while validating) reaches every stack's manifest annotations", () => {
    const outdir = path.join(tempDir("atomic-"), "out");
    const atomic = new AtomicApp({ outdir });
    for (const name of ["pki", "edge"]) {
      const stack = new TerraformStack(atomic, name);
      new AlicloudProvider(stack, "alicloud", { region: "cn-hangzhuo" });
      new CaCertificate(stack, "ClientCa", { caCertificate: fixture("root-rsa2048.pem") });
    }
    atomic.synth();
    const manifest = JSON.parse(fs.readFileSync(path.join(outdir, "manifest.json"), "utf8"));
    for (const name of ["pki", "edge"]) {
      expect(
        manifest.stacks[name].annotations.map((a: { constructPath: string; level: string; message: string }) => [
          a.constructPath,
          a.level,
          a.message.split(":")[0],
        ]),
      ).toEqual([[`${name}/ClientCa`, "@cdktf/warn", "CACertificate.UnknownRegion"]]);
    }
  });

  it("still reports the validation errors of every stack together, and publishes nothing", () => {
    const outdir = path.join(tempDir("atomic-"), "out");
    const atomic = new AtomicApp({ outdir });
    for (const name of ["a", "b"]) {
      const stack = new TerraformStack(atomic, name);
      new CaCertificate(stack, "ClientCa", { caCertificate: fixture("root-rsa2048.pem") });
    }
    // cdktf's own validation of each stack ("without a matching provider") is reported too.
    expect(() => atomic.synth()).toThrow(
      /^Synth failed with 4 errors; nothing was written to .*\n {2}\[a\] .*\n {2}\[a\/ClientCa\] CACertificate\.NoProvider: .*\n {2}\[b\] .*\n {2}\[b\/ClientCa\] CACertificate\.NoProvider: /,
    );
    expect(fs.existsSync(outdir)).toBe(false);
  });
});
