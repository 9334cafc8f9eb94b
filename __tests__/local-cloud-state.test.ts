/**
 * A local deploy's state is kept apart from the app's real one
 * (local-cloud/local-state.ts): the synthesized stacks' backends and
 * remote-state reads, local or OSS, point into the account's state folder by
 * one rule, and any other backend is refused in one line. The deploys through
 * terraform are in e2e/example-app.test.ts (a cross-stack read) and
 * e2e/consumer-app.test.ts (another app's fromRemoteState).
 */
import * as fs from "fs";
import * as path from "path";
import { CommandError } from "../cli/cdktf/command-error";
import { redirectStates } from "../local-cloud/local-state";
import { localOutdir, stateDirOf } from "../local-cloud/places";
import { caught } from "./support/caught";
import { tempDir } from "./support/temp-dir";

/** A project with an app in `app` (relative), whose local synth output holds `stacks` (name to synthesized JSON). */
function synthesized(app: string, stacks: Record<string, object>) {
  const project = tempDir("local-state-");
  fs.writeFileSync(path.join(project, "package.json"), "{}");
  const appDir = path.join(project, app);
  fs.mkdirSync(appDir, { recursive: true });
  const outdir = localOutdir(appDir);
  const manifest = {
    stacks: Object.fromEntries(
      Object.keys(stacks).map((name) => [name, { name, workingDirectory: `stacks/${name}`, synthesizedStackPath: `stacks/${name}/cdk.tf.json` }]),
    ),
  };
  fs.mkdirSync(outdir, { recursive: true });
  fs.writeFileSync(path.join(outdir, "manifest.json"), JSON.stringify(manifest));
  for (const [name, json] of Object.entries(stacks)) {
    fs.mkdirSync(path.join(outdir, "stacks", name), { recursive: true });
    fs.writeFileSync(path.join(outdir, "stacks", name, "cdk.tf.json"), JSON.stringify(json));
  }
  const stateDir = stateDirOf(path.join(project, ".local-cloud", "account.json"));
  const read = (name: string) => JSON.parse(fs.readFileSync(path.join(outdir, "stacks", name, "cdk.tf.json"), "utf8"));
  return { project, appDir, outdir, stateDir, places: { appDir, projectDir: project, stateDir }, read };
}

test("the local synth output is the project's .local-cloud/out/<app folder>/cdktf.out; states sit beside the account", () => {
  const { project, appDir, outdir, stateDir } = synthesized("consumer", {});
  expect(path.relative(project, outdir)).toBe(path.join(".local-cloud", "out", "consumer", "cdktf.out"));
  expect(localOutdir(project)).toBe(path.join(project, ".local-cloud", "out", "cdktf.out"));
  expect(path.relative(project, stateDir)).toBe(path.join(".local-cloud", "account.state"));
  expect(stateDirOf("/x/other.json")).toBe("/x/other.state");
  expect(appDir).toBe(path.join(project, "consumer"));
});

test("a local backend's file (relative to the app's own cdktf.out, or absolute) and the remote-state reads of it map to one file in the state folder", () => {
  const app = synthesized(".", {
    pki: { terraform: { backend: { local: { path: "../../../terraform.pki.tfstate" } } }, resource: { x: {} } },
    edge: {
      "//": { metadata: { backend: "local" } },
      terraform: { backend: { local: { path: "/ABS/terraform.edge.tfstate" } } },
      data: {
        terraform_remote_state: {
          "cross-stack-reference-input-pki": { backend: "local", config: { path: "../../../terraform.pki.tfstate" }, workspace: "${terraform.workspace}" },
        },
      },
    },
  });
  // An absolute default path (cdktf's LocalBackend default) inside the project:
  const edgeJson = app.read("edge");
  edgeJson.terraform.backend.local.path = path.join(app.project, "terraform.edge.tfstate");
  fs.writeFileSync(path.join(app.outdir, "stacks", "edge", "cdk.tf.json"), JSON.stringify(edgeJson));

  expect(redirectStates(app.outdir, app.places)).toEqual([]);
  const pkiState = path.join(app.stateDir, "terraform.pki.tfstate");
  expect(app.read("pki")).toEqual({ terraform: { backend: { local: { path: pkiState } } }, resource: { x: {} } });
  const edge = app.read("edge");
  expect(edge.terraform.backend).toEqual({ local: { path: path.join(app.stateDir, "terraform.edge.tfstate") } });
  expect(edge.data.terraform_remote_state["cross-stack-reference-input-pki"]).toEqual({
    backend: "local",
    config: { path: pkiState },
    workspace: "${terraform.workspace}",
  });
  expect(edge["//"]).toEqual({ metadata: { backend: "local" } });
});

test("another app of the project reads the producer's local state where the producer's local deploy keeps it", () => {
  const consumer = synthesized("consumer", {
    payments: {
      terraform: { backend: { local: { path: "../../../terraform.payments.tfstate" } } },
      data: { terraform_remote_state: { ClientCa: { backend: "local", config: { path: "../../../../terraform.pki.tfstate" } } } },
    },
  });
  redirectStates(consumer.outdir, consumer.places);
  const payments = consumer.read("payments");
  expect(payments.terraform.backend.local.path).toBe(path.join(consumer.stateDir, "consumer", "terraform.payments.tfstate"));
  expect(payments.data.terraform_remote_state.ClientCa.config.path).toBe(path.join(consumer.stateDir, "terraform.pki.tfstate"));
});

test("OSS state is kept locally by bucket, prefix and key, reads of it too, and the deploy says so in one line", () => {
  const app = synthesized(".", {
    pki: { terraform: { backend: { oss: { bucket: "team-state", prefix: "slb", key: "pki.tfstate", region: "cn-hangzhou" } } } },
    edge: {
      terraform: { backend: { oss: { bucket: "team-state", prefix: "slb", key: "edge.tfstate" } } },
      data: { terraform_remote_state: { pki: { backend: "oss", config: { bucket: "team-state", prefix: "slb", key: "pki.tfstate", region: "cn-hangzhou" } } } },
    },
  });
  expect(redirectStates(app.outdir, app.places)).toEqual([
    "OSS state of pki, edge kept in .local-cloud/account.state/oss/ instead: a local deploy never writes to OSS, whose state must name only real objects.",
  ]);
  const pkiState = path.join(app.stateDir, "oss", "team-state", "slb", "pki.tfstate");
  expect(app.read("pki").terraform.backend).toEqual({ local: { path: pkiState } });
  expect(app.read("edge").data.terraform_remote_state.pki).toEqual({ backend: "local", config: { path: pkiState } });
});

test("another backend, or a local path outside the project, is refused in one line naming the stack", () => {
  const s3 = synthesized(".", { pki: { terraform: { backend: { s3: { bucket: "b" } } } } });
  const refused = caught(() => redirectStates(s3.outdir, s3.places), CommandError);
  expect(refused.message).toBe(
    `The backend of stack pki uses the "s3" backend: slb-local-cloud keeps only local and oss states apart from the real ones (in ${s3.stateDir}); use LocalBackend or OssState.`,
  );
  const outside = synthesized(".", { pki: { terraform: { backend: { local: { path: "/elsewhere/terraform.pki.tfstate" } } } } });
  expect(() => redirectStates(outside.outdir, outside.places)).toThrow(
    `The backend of stack pki is outside the project ${outside.project}: slb-local-cloud keeps states only for paths inside it.`,
  );
});
